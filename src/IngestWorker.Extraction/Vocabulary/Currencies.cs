using System.Text.RegularExpressions;

namespace IngestWorker.Extraction.Vocabulary;

/// <summary>
/// ISO 4217 currencies and how texts write them (contract, labelling decision 11), read from Vocabulary/Data/currencies.tsv:
/// symbols and codes before an amount ("NT$", "RM", "€"), names after it ("ringgit", "Australian dollars", "달러").
/// </summary>
internal static class Currencies
{
    private static readonly List<(string Code, string[] Before, string[] After)> Rows =
        [.. DataFile.Rows("currencies.tsv", 3).Select(f => (f[0], DataFile.List(f[1]), DataFile.List(f[2])))];

    private static readonly Dictionary<string, string> CodeOfBefore = Map(r => r.Before);

    private static readonly Dictionary<string, string> CodeOfAfter = Map(r => r.After);

    /// <summary>The symbols and codes written before an amount, as written in the data (for prefilters).</summary>
    public static IReadOnlyList<string> BeforeNames { get; } = [.. CodeOfBefore.Keys.Where(k => !IsHangul(k))];

    /// <summary>The English names written after an amount, as written in the data (for prefilters).</summary>
    public static IReadOnlyList<string> AfterNames { get; } = [.. CodeOfAfter.Keys.Where(k => !IsHangul(k))];

    /// <summary>Regex alternation of the symbols and codes written before an amount, longest first (escaped).</summary>
    public static string BeforePattern { get; } = Alternation(CodeOfBefore.Keys.Where(k => !IsHangul(k)));

    /// <summary>Regex alternation of the English names written after an amount.</summary>
    public static string AfterPattern { get; } = Alternation(CodeOfAfter.Keys.Where(k => !IsHangul(k)));

    /// <summary>Regex alternation of the Korean names written after an amount (달러, 원, 호주달러).</summary>
    public static string KoreanPattern { get; } = Alternation(CodeOfAfter.Keys.Where(IsHangul));

    /// <summary>The ISO code of a symbol or code written before an amount, or null.</summary>
    public static string? Before(string token) => CodeOfBefore.GetValueOrDefault(Normalize(token));

    /// <summary>The ISO code of a currency name written after an amount or in "measured in …", or null.</summary>
    public static string? After(string token) => CodeOfAfter.GetValueOrDefault(Normalize(token)) ?? CodeOfBefore.GetValueOrDefault(Normalize(token));

    /// <summary>
    /// Whether a bare "$" written about the economy is its own dollar: Australia, Canada, New Zealand, Singapore and
    /// Hong Kong publish trade in their own dollars. Taiwan's Ministry of Finance publishes trade in US dollars, so a bare
    /// "$" about Taiwan's trade is the US dollar (its own dollar is written NT$).
    /// </summary>
    public static bool IsLocalDollar(string? code) => code is "AUD" or "CAD" or "NZD" or "SGD" or "HKD";

    private static string Normalize(string token) => string.Join(' ', token.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static Dictionary<string, string> Map(Func<(string Code, string[] Before, string[] After), string[]> names)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in Rows)
        {
            foreach (var n in names(r))
            {
                map.TryAdd(n, r.Code);
            }
        }

        return map;
    }

    private static bool IsHangul(string s) => s.Length > 0 && s[0] is >= '\uAC00' and <= '\uD7A3';

    private static string Alternation(IEnumerable<string> phrases) =>
        string.Join('|', phrases.OrderByDescending(p => p.Length).Select(p => Regex.Escape(p).Replace("\\ ", "\\s?", StringComparison.Ordinal)));
}
