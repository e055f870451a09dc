using System.Text.RegularExpressions;
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
    private enum NameKind { Name, Adjective, Agency, Korean }

    /// <summary>Words that make a named economy the owner of the figures: its trade, its exports, its customs.</summary>
    private const string Owned = @"(?:exports?|imports?|trade|shipments|exporters|outbound|economy|customs|government|statistics|ministry|authorities|surplus|deficit|balance)";

    private const string Modifiers = @"(?:(?:total|merchandise|goods|overall|international|monthly|annual|outbound|full-year|overseas|foreign|seasonally|adjusted|provisional|preliminary|official|latest|january|february|march|april|may|june|july|august|september|october|november|december|\d{4}|[a-z]+-(?:month|quarter|half|year|denominated|based|term)|first-half)\s+){0,3}";

    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(500);

    /// <summary>After a name: "'s exports", " trade", " exported".</summary>
    private static readonly Regex AfterNameRegex = new(
        @"\G(?:(?:'s|’s)?\s+" + Modifiers + Owned + @"\b|\s+(?:exported|imported|posted|recorded|logged|reported|registered|swung|ran)\b)",
        RegexOptions.CultureInvariant | RegexOptions.Compiled, Timeout);

    /// <summary>After an adjective: " exports", " trade surplus".</summary>
    private static readonly Regex AfterAdjectiveRegex = new(@"\G\s+" + Modifiers + Owned + @"\b", RegexOptions.CultureInvariant | RegexOptions.Compiled, Timeout);

    /// <summary>Before a name: "exports from ", "shipments by the ".</summary>
    private static readonly Regex BeforeNameRegex = new(@"\bexports?\s+(?:from|by)\s+(?:the\s+)?$", RegexOptions.CultureInvariant | RegexOptions.Compiled, Timeout);

    /// <summary>After a Korean name: "의 9월 수출".</summary>
    private static readonly Regex AfterKoreanRegex = new(@"\G의\s*(?:\d+월\s*|지난달\s*|올해\s*|작년\s*|상반기\s*|하반기\s*)?(?:수출|수입|무역)", RegexOptions.CultureInvariant | RegexOptions.Compiled, Timeout);

    /// <summary>Every name of every economy: one pass over the text finds them all.</summary>
    private static readonly PhraseIndex<(string Code, NameKind Kind)> Index = BuildIndex();

    /// <summary>The reporter's ISO code, or null when the text does not say whose trade it is.</summary>
    /// <param name="lowerText">The whole bulletin, lowercase.</param>
    /// <param name="lowerTitle">Its title (first heading), lowercase, or null.</param>
    /// <param name="fallback">The caller's default reporter (a source configured for one economy), or null.</param>
    /// <param name="korean">The text is Korean: Korean news about trade with no other owner named is Korea's (its own "우리 수출").</param>
    public static string? Detect(string lowerText, string? lowerTitle, string? fallback, bool korean)
    {
        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (start, end, code, kind) in Find(lowerText))
        {
            if (IsOwner(lowerText, start, end, kind))
            {
                scores[code] = scores.GetValueOrDefault(code) + 2;
            }
        }

        if (lowerTitle is not null)
        {
            // A title names the economy the bulletin is about ("International Trade in Goods and Services, Australia").
            foreach (var (start, end, code, kind) in Find(lowerTitle))
            {
                if (kind is NameKind.Name or NameKind.Adjective && (end >= lowerTitle.Length || lowerTitle[end] != '$'))
                {
                    scores[code] = scores.GetValueOrDefault(code) + 3;
                }
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

    /// <summary>Whether the name at [start, end) is written as the owner of the trade (an agency always is).</summary>
    private static bool IsOwner(string text, int start, int end, NameKind kind)
    {
        try
        {
            return kind switch
            {
                NameKind.Agency => true,
                NameKind.Korean => AfterKoreanRegex.IsMatch(text, end),
                NameKind.Adjective => AfterAdjectiveRegex.IsMatch(text, end),
                _ => AfterNameRegex.IsMatch(text, end) || BeforeNameRegex.IsMatch(text[Math.Max(0, start - 30)..start]),
            };
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>The names of economies in the text (a name right after a "." is part of an abbreviation, not a name).</summary>
    private static List<(int Start, int End, string Code, NameKind Kind)> Find(string text) =>
        Index.Find(text, (_, start, _) => start == 0 || text[start - 1] != '.').ConvertAll(f => (f.Start, f.End, f.Value.Code, f.Value.Kind));

    private static PhraseIndex<(string Code, NameKind Kind)> BuildIndex()
    {
        var index = new PhraseIndex<(string, NameKind)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in Economies.All)
        {
            Add(e.Agencies, NameKind.Agency);
            Add(e.Names, NameKind.Name);
            Add(e.Adjectives, NameKind.Adjective);
            Add(e.Korean.Where(k => !k.StartsWith('대')), NameKind.Korean);

            void Add(IEnumerable<string> phrases, NameKind kind)
            {
                foreach (var p in phrases.Where(seen.Add))
                {
                    index.Add(p, (e.Code, kind));
                }
            }
        }

        return index;
    }
}
