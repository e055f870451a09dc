using System.Text.RegularExpressions;
using IngestWorker.Extraction.Parsing;
using IngestWorker.Extraction.Vocabulary;

namespace IngestWorker.Extraction.Rules;

/// <summary>
/// Finds whose trade a bulletin reports (contract, labelling decision 10): the economy written as the owner of the trade
/// ("Britain's trade deficit", "Australian exports", "exports from Vietnam", "일본의 수출"), the agency that publishes it
/// ("the Office for National Statistics said") or the economy its title names. Never the partner named most often.
/// Names, adjectives and agencies come from the economies data (Vocabulary/Data/economies.tsv).
/// </summary>
internal static class Reporters
{
    /// <summary>Words that make a named economy the owner of the figures: its trade, its exports, its customs.</summary>
    private const string Owned = @"(?:exports?|imports?|trade|shipments|exporters|outbound|economy|customs|government|statistics|ministry|authorities|surplus|deficit|balance)";

    private const string Modifiers = @"(?:(?:total|merchandise|goods|overall|international|monthly|annual|outbound|full-year|overseas|foreign|seasonally|adjusted|provisional|preliminary|official|latest|january|february|march|april|may|june|july|august|september|october|november|december|\d{4}|[a-z]+-(?:month|quarter|half|year|denominated|based|term)|first-half)\s+){0,3}";

    private static readonly Dictionary<string, string> CodeOf = BuildCodes();

    private static readonly Regex OwnerRegex = BuildOwnerRegex();

    private static readonly Regex AgencyRegex = new(
        @"(?<![\p{L}\d])(?<n>" + Alternation(Economies.All.SelectMany(e => e.Agencies)) + @")(?![\p{L}\d])",
        RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(500));

    private static readonly Regex KoreanOwnerRegex = new(
        @"(?<n>" + Alternation(Economies.All.SelectMany(e => e.Korean).Where(k => !k.StartsWith('대'))) + @")의\s*(?:\d+월\s*|지난달\s*|올해\s*|작년\s*|상반기\s*|하반기\s*)?(?:수출|수입|무역)",
        RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(500));

    private static readonly Regex NameRegex = new(
        @"(?<![\p{L}\d.])(?<n>" + Alternation(Economies.All.SelectMany(e => e.Names.Concat(e.Adjectives))) + @")(?![\p{L}\d$])",
        RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(500));

    /// <summary>The reporter's ISO code, or null when the text does not say whose trade it is.</summary>
    /// <param name="lowerText">The whole bulletin, lowercase.</param>
    /// <param name="lowerTitle">Its title (first heading), lowercase, or null.</param>
    /// <param name="fallback">The caller's default reporter (a source configured for one economy), or null.</param>
    /// <param name="korean">The text is Korean: Korean news about trade with no other owner named is Korea's (its own "우리 수출").</param>
    public static string? Detect(string lowerText, string? lowerTitle, string? fallback, bool korean)
    {
        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var m in SafeRegex.Matches(OwnerRegex, lowerText))
        {
            Add(scores, m.Groups["n"].Value, 2);
        }

        foreach (var m in SafeRegex.Matches(AgencyRegex, lowerText))
        {
            Add(scores, m.Groups["n"].Value, 2);
        }

        foreach (var m in SafeRegex.Matches(KoreanOwnerRegex, lowerText))
        {
            Add(scores, m.Groups["n"].Value, 2);
        }

        if (lowerTitle is not null)
        {
            // A title names the economy the bulletin is about ("International Trade in Goods and Services, Australia").
            foreach (var m in SafeRegex.Matches(NameRegex, lowerTitle))
            {
                Add(scores, m.Groups["n"].Value, 3);
            }
        }

        if (scores.Count > 0)
        {
            var best = scores.OrderByDescending(kv => kv.Value).ToList();
            if (best.Count == 1 || best[0].Value > best[1].Value)
            {
                return best[0].Key;
            }

            // A tie between owners: the caller's default breaks it if it is one of them, else nothing is certain.
            return fallback is not null && best.Exists(kv => kv.Key == fallback && kv.Value == best[0].Value) ? fallback
                : korean && best.Exists(kv => kv.Key == "KR" && kv.Value == best[0].Value) ? "KR" : null;
        }

        return fallback ?? (korean ? "KR" : null);
    }

    private static void Add(Dictionary<string, int> scores, string name, int weight)
    {
        if (CodeOf.TryGetValue(name, out var code))
        {
            scores[code] = scores.GetValueOrDefault(code) + weight;
        }
    }

    private static Regex BuildOwnerRegex()
    {
        var names = Alternation(Economies.All.SelectMany(e => e.Names));
        var adjectives = Alternation(Economies.All.SelectMany(e => e.Adjectives));
        var pattern = $@"(?<![\p{{L}}\d.])(?:(?<n>{names})(?:'s|’s)?\s+{Modifiers}{Owned}\b"
            + $@"|(?<n>{adjectives})\s+{Modifiers}{Owned}\b"
            + $@"|\bexports?\s+(?:from|by)\s+(?:the\s+)?(?<n>{names})(?![\p{{L}}\d])"
            + $@"|(?<n>{names})\s+(?:exported|imported|posted|recorded|logged|reported|registered|swung|ran)\b)";
        return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(500));
    }

    private static Dictionary<string, string> BuildCodes()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in Economies.All)
        {
            foreach (var n in e.Names.Concat(e.Adjectives).Concat(e.Korean).Concat(e.Agencies))
            {
                map.TryAdd(n, e.Code);
            }
        }

        return map;
    }

    /// <summary>A regex alternation of literal phrases, longest first so that "south korea" wins over "korea".</summary>
    private static string Alternation(IEnumerable<string> phrases) =>
        string.Join('|', phrases.Distinct(StringComparer.Ordinal).OrderByDescending(p => p.Length).Select(p => Regex.Escape(p).Replace("\\ ", "\\s+", StringComparison.Ordinal)));
}
