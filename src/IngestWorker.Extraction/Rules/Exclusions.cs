using System.Text.RegularExpressions;
using IngestWorker.Extraction.Parsing;

namespace IngestWorker.Extraction.Rules;

/// <summary>
/// Marks figures that are stated but are not records: hedged amounts, bounds and thresholds,
/// ranges, conditionals, currency conversions, absolute changes, tariff rates.
/// </summary>
internal static partial class Exclusions
{
    [GeneratedRegex(@"(?:\babout|\baround|\broughly|\bnearly|\balmost|\bclose\sto|\bsome|\bapproximately|\bapprox\.?|\bjust\sover|\bjust\sunder|\bwell\sover|\bmore\sthan|\bless\sthan|\bfewer\sthan|\bover|\bunder|\bat\sleast|\bup\sto|\bupwards\sof|\bin\sexcess\sof|\bbelow|\babove|\bexceed(?:s|ed|ing)?|\bsurpass(?:es|ed|ing)?|\bpass(?:es|ed|ing)?|\bcross(?:es|ed|ing)?|\btop(?:s|ped|ping)?|\bbreak(?:s|ing)?|\bbroke|\bpast|\bbeyond|\ban\sestimated|\bexpected\sto\sexceed|약|대략)\s?(?:the\s|a\s)?$", RegexOptions.CultureInvariant, 500)]
    private static partial Regex HedgeBeforeRegex();

    [GeneratedRegex(@"^\s?(?:mark|line|level|threshold|barrier|milestone|era|club|range|territory|ceiling|target)\b", RegexOptions.CultureInvariant, 500)]
    private static partial Regex ThresholdAfterRegex();

    [GeneratedRegex(@"^\s?(?:를|을|이|가|도)?\s?(?:넘|웃돌|돌파|상회|육박|이상|가량|안팎|남짓|여\s|내외|선을|선\s|대를|대로|대에|고지|시대|미만|이하|하회|밑돌|정도|수준을\s?넘)", RegexOptions.CultureInvariant, 500)]
    private static partial Regex KoreanBoundAfterRegex();

    [GeneratedRegex(@"^\s?,\s?or\s[\d.]+\s?(?:%|percent)|^\s?(?:more|less|higher|lower|larger|smaller|below|above|bigger|fewer|increase|decrease|rise|drop|decline|gain|jump|fall|reduction|narrowing|widening|improvement|deterioration)\b", RegexOptions.CultureInvariant, 500)]
    private static partial Regex ChangeAfterRegex();

    [GeneratedRegex(@"^\s?(?:많|적(?!자)|늘|줄|증가|감소|확대|축소|더\s|가\s?늘|이\s?늘|가\s?줄|이\s?줄|이\s?많|가\s?많|개선|악화)", RegexOptions.CultureInvariant, 500)]
    private static partial Regex KoreanChangeAfterRegex();

    [GeneratedRegex(@"(?:\b(?:a|an|the)\s(?:\w+\s)?(?:increase|decrease|rise|drop|decline|gain|jump|fall|reduction|improvement|change)\sof\s|\b(?:rose|fell|increased|decreased|grew|dropped|declined|widened|narrowed|shrank|climbed|gained|lost|jumped|expanded|contracted|advanced|slipped|improved|deteriorated|edged\sup|edged\sdown|was\sup|were\sup|was\sdown|were\sdown|up|down)\s(?:by\s)?)$", RegexOptions.CultureInvariant, 500)]
    private static partial Regex ChangeBeforeRegex();

    [GeneratedRegex(@"^\s?(?:tariffs?|duty|duties|levy|levies|interest|stake|discount|tax)\b|^\s?(?:in\s)?(?:volume|real)\s?terms|^\s?by\svolume|^\s?in\svolume", RegexOptions.CultureInvariant, 500)]
    private static partial Regex RateAfterRegex();

    [GeneratedRegex(@"^\s?\(\s?(?:about|around|roughly|approximately|or|equivalent\sto|약|some)?\s?$", RegexOptions.CultureInvariant, 500)]
    private static partial Regex ConversionGapRegex();

    /// <summary>"180.8 billion yen, or $1.8 billion": an amount restated in another currency right after the original.</summary>
    [GeneratedRegex(@"^\s?(?:,|\(|;)?\s?(?:or|equivalent\s(?:to|of)|about|around|roughly|approximately|some|worth|약)?\s?(?:about\s|around\s|roughly\s|some\s)?$", RegexOptions.CultureInvariant, 500)]
    private static partial Regex RestatedGapRegex();

    /// <summary>"27 percent of the shortfall recorded last year": a ratio of two figures, not a share of a total.</summary>
    [GeneratedRegex(@"^\s?(?:of|of\sthe|of\sits|of\sthis\syear's|of\slast\syear's)\s(?:\w+\s){0,2}?(?:trade\s)?(?:deficit|surplus|shortfall|gap)\b", RegexOptions.CultureInvariant, 500)]
    private static partial Regex RatioOfBalanceRegex();

    [GeneratedRegex(@"^\s?(?:to|-|–|~)\s?$", RegexOptions.CultureInvariant, 500)]
    private static partial Regex RangeGapRegex();

    [GeneratedRegex(@"^(?:if|should|unless|만약|만일)\s|[,;:]\s(?:if|unless)\s|\sif\s", RegexOptions.CultureInvariant, 500)]
    private static partial Regex ConditionalRegex();

    [GeneratedRegex(@"\bbetween\s[^,;]{0,30}$", RegexOptions.CultureInvariant, 500)]
    private static partial Regex BetweenRegex();

    public static void Apply(string lower, List<Figure> figures)
    {
        var conditionals = lower.Contains("if ", StringComparison.Ordinal) || lower.StartsWith("should ", StringComparison.Ordinal)
            || lower.Contains("unless ", StringComparison.Ordinal) || lower.Contains("만약", StringComparison.Ordinal) || lower.Contains("만일", StringComparison.Ordinal)
            ? SafeRegex.Matches(ConditionalRegex(), lower) : [];
        for (var i = 0; i < figures.Count; i++)
        {
            var f = figures[i];
            var before = lower[Math.Max(0, f.Start - 40)..f.Start];
            var after = lower[f.End..Math.Min(lower.Length, f.End + 30)];
            var previous = i > 0 ? figures[i - 1] : null;
            var next = i + 1 < figures.Count ? figures[i + 1] : null;
            f.Excluded = IsHedged(lower, f, before, previous)
                || SafeRegex.IsMatch(ThresholdAfterRegex(), after)
                || SafeRegex.IsMatch(KoreanBoundAfterRegex(), after)
                || f.IsRangeEnd
                || (next is not null && next.IsRangeEnd && SafeRegex.IsMatch(RangeGapRegex(), lower[f.End..next.Start]))
                || SafeRegex.IsMatch(BetweenRegex(), before)
                || (f.IsMoney && IsAbsoluteChange(before, after))
                || (!f.IsMoney && SafeRegex.IsMatch(RateAfterRegex(), after))
                || (!f.IsMoney && SafeRegex.IsMatch(RatioOfBalanceRegex(), after))
                || (f.IsMoney && previous is { IsMoney: true } && SafeRegex.IsMatch(ConversionGapRegex(), lower[previous.End..f.Start]))
                || (f.IsMoney && previous is { IsMoney: true } && previous.Unit != f.Unit && SafeRegex.IsMatch(RestatedGapRegex(), lower[previous.End..f.Start]))
                || (f.IsMoney && (after.TrimStart().StartsWith('=') || before.TrimEnd().EndsWith('=')))
                || InConditional(lower, conditionals, f.Start);
        }
    }

    private static bool IsHedged(string lower, Figure f, string before, Figure? previous)
    {
        var m = SafeRegex.Match(HedgeBeforeRegex(), before);
        if (m is null)
        {
            return false;
        }

        // "14.53% above the USD 35.26 billion of March 2021": the amount is a comparison base, not a bound.
        var word = m.Value.Trim();
        var comparative = word.StartsWith("above", StringComparison.Ordinal) || word.StartsWith("over", StringComparison.Ordinal)
            || word.StartsWith("more than", StringComparison.Ordinal) || word.StartsWith("below", StringComparison.Ordinal)
            || word.StartsWith("less than", StringComparison.Ordinal) || word.StartsWith("under", StringComparison.Ordinal);
        if (comparative && f.IsMoney && previous is { IsMoney: false })
        {
            var gapStart = previous.End;
            var hedgeStart = f.Start - before.Length + m.Index;
            return hedgeStart - gapStart > 4 || lower[gapStart..Math.Max(gapStart, hedgeStart)].Trim().Length > 0;
        }

        return true;
    }

    private static bool IsAbsoluteChange(string before, string after) =>
        SafeRegex.IsMatch(ChangeAfterRegex(), after)
        || SafeRegex.IsMatch(KoreanChangeAfterRegex(), after)
        || SafeRegex.IsMatch(ChangeBeforeRegex(), before);

    /// <summary>Figures in an "if ..." clause describe a hypothesis, not a reported figure.</summary>
    private static bool InConditional(string lower, IReadOnlyList<Match> conditionals, int position)
    {
        foreach (var m in conditionals)
        {
            if (m.Index >= position)
            {
                break;
            }

            var clauseEnd = lower.IndexOf(',', m.Index + m.Length);
            if (clauseEnd < 0 || position < clauseEnd)
            {
                return true;
            }
        }

        return false;
    }
}
