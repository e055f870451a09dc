using System.Text.RegularExpressions;
using IngestWorker.Extraction.Parsing;

namespace IngestWorker.Extraction.Rules;

/// <summary>Reads the direction of a percent change from the words around it (rose/fell, 증가/감소).</summary>
internal static partial class Signs
{
    private const string Up = @"rose|rise|rises|rising|risen|increase|increased|increases|increasing|grew|grow|grows|growing|grown|growth|gain|gained|gains|gaining|climb|climbed|climbs|climbing|jump|jumped|jumps|soar|soared|soars|soaring|surge|surged|surges|surging|advance|advanced|advances|advancing|up|higher|expand|expanded|expands|expansion|widen|widened|widens|widening|rebound|rebounded|picked\sup|edged\sup|went\sup|more|above|added|boost|boosted|spike|spiked|leapt|leaped|accelerated|improved|swelled|larger|bigger|gains|increases|jumps|surges|inched\sup|recovered|rebounded|doubled|grew|spurted";

    private const string Down = @"fell|fall|falls|falling|fallen|drop|dropped|drops|dropping|decline|declined|declines|declining|decrease|decreased|decreases|decreasing|slid|slide|slides|sliding|dip|dipped|dips|shrank|shrink|shrinks|shrunk|shrinking|contract|contracted|contracts|contraction|contracting|slump|slumped|slumps|tumble|tumbled|tumbles|nosedive|nosedived|nosedives|sank|sink|sinks|slip|slipped|slips|plunge|plunged|plunges|plummet|plummeted|down|lower|less|below|narrow|narrowed|narrows|narrowing|eased|retreat|retreated|lost|loss|weakened|reduction|reduced|edged\sdown|went\sdown|fewer|negative|smaller|contractions|declines|decreases|drops|falls|inched\sdown|dived|dove|skidded|shed|plunged";

    [GeneratedRegex(@"\b(?:(?<up>" + Up + @")|(?<down>" + Down + @"))\b", RegexOptions.CultureInvariant, 500)]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"(?<up>증가|늘|상승|확대|불어|뛴|뛰|많아|급증|호조|반등|커졌|커진|플러스)|(?<down>감소|줄|하락|축소|뒷걸음|급감|떨어|부진|마이너스|위축|역성장)", RegexOptions.CultureInvariant, 500)]
    private static partial Regex KoreanRegex();

    /// <summary>"imports growth eased to 14.9%", "the decline slowed to 2.1%": a pace verb moves the rate, whose sign is its noun's.</summary>
    [GeneratedRegex(@"\b(?:(?<up>growth|increase|rise|gain|expansion)|(?<down>decline|contraction|drop|fall|decrease))\s(?:(?:rate|pace|of|in|the|[a-z]+s)\s){0,4}?(?:has\s|had\s)?(?:eased|slowed|moderated|cooled|decelerated|accelerated|quickened|picked\sup|sped\sup|softened|steadied)\s(?:(?:sharply|slightly|further|markedly)\s)?to\s$", RegexOptions.CultureInvariant, 500)]
    private static partial Regex PaceRegex();

    [GeneratedRegex(@"^[\s,]*(?:on[\s-]year|on[\s-]the[\s-]year|year[\s-]on[\s-]year|y/y|yoy|from\sa\syear\s(?:earlier|ago|before)|on[\s-]month|month[\s-]on[\s-]month|m/m|in\s\w+)?[\s,]*(?:an?\s)?(?:\w+\s)?", RegexOptions.CultureInvariant, 500)]
    private static partial Regex RightSkipRegex();

    /// <summary>
    /// The sign of the percent at [start,end): first the noun right after it ("a 38.6 percent increase",
    /// "14.0% 줄어든"), then the last verb before it back to <paramref name="windowStart"/>.
    /// </summary>
    public static int Read(string lower, int start, int end, int windowStart, int windowEnd)
    {
        var rightEnd = Math.Min(windowEnd, Math.Min(lower.Length, end + 40));
        var right = end < rightEnd ? lower[end..rightEnd] : "";
        var clause = right.IndexOfAny([',', ';', '(', ')']);
        var korean = KoreanSign(right.Length > 14 ? right[..14] : right);
        if (korean != 0)
        {
            return korean;
        }

        var skip = SafeRegex.Match(RightSkipRegex(), right);
        var skipLength = skip?.Length ?? 0;
        var near = right[..Math.Min(right.Length, clause >= 0 ? Math.Max(clause, 0) : right.Length)];
        if (skipLength > 0 && near.Length > 0)
        {
            var word = SafeRegex.Match(WordRegex(), near[..Math.Min(near.Length, skipLength + 12)]);
            if (word is not null)
            {
                return word.Groups["up"].Success ? 1 : -1;
            }
        }

        var left = windowStart < start ? lower[windowStart..start] : "";
        if (SafeRegex.Match(PaceRegex(), left) is { } pace)
        {
            return pace.Groups["up"].Success ? 1 : -1;
        }

        if (left.EndsWith("from ", StringComparison.Ordinal) || left.EndsWith("from the ", StringComparison.Ordinal))
        {
            return 0; // "down from 12.7% in October": the verb moves the rate; the rate's own sign is not stated.
        }
        var last = 0;
        foreach (var m in SafeRegex.Matches(WordRegex(), left))
        {
            last = m.Groups["up"].Success ? 1 : -1;
        }

        if (last != 0)
        {
            return last;
        }

        foreach (var m in SafeRegex.Matches(KoreanRegex(), left))
        {
            last = m.Groups["up"].Success ? 1 : -1;
        }

        return last;
    }

    private static int KoreanSign(string right)
    {
        var m = SafeRegex.Match(KoreanRegex(), right);
        return m is null ? 0 : m.Groups["up"].Success ? 1 : -1;
    }
}
