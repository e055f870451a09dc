using System.Globalization;

namespace IngestWorker.Extraction.Vocabulary;

/// <summary>One economy of the vocabulary: how texts name it and what it pays in.</summary>
/// <param name="Code">ISO 3166-1 alpha-2 code (the contract's reporter and partner code).</param>
/// <param name="Names">English names and short names, lowercase ("united kingdom", "uk", "britain").</param>
/// <param name="Adjectives">English adjectives, lowercase ("british").</param>
/// <param name="Korean">Korean names, including the 대X partner abbreviations (대미, 대중).</param>
/// <param name="Agencies">Agencies that publish its trade statistics, lowercase, English and Korean.</param>
/// <param name="Currency">ISO 4217 code of its currency (from .NET's <see cref="RegionInfo"/>), or null when unknown.</param>
internal sealed record Economy(string Code, string[] Names, string[] Adjectives, string[] Korean, string[] Agencies, string? Currency);

/// <summary>A partner bloc of the contract ("asean", "eu") with its English and Korean names.</summary>
internal sealed record Bloc(string Slug, string[] Names, string[] Korean);

/// <summary>
/// The economies and blocs the extractor knows, read from the data files Vocabulary/Data/economies.tsv and blocs.tsv
/// (embedded in the assembly): a new economy or alias is a line of data, not code.
/// </summary>
internal static class Economies
{
    public static IReadOnlyList<Economy> All { get; } = LoadEconomies();

    public static IReadOnlyList<Bloc> Blocs { get; } = LoadBlocs();

    private static readonly Dictionary<string, Economy> ByCodeMap = All.ToDictionary(e => e.Code, StringComparer.Ordinal);

    public static Economy? ByCode(string code) => ByCodeMap.GetValueOrDefault(code);

    /// <summary>Every name a text may give a partner: names, adjectives ("imports of American goods"), Korean names and their 대X forms.</summary>
    public static IEnumerable<(string Code, string[] Names)> PartnerNames()
    {
        foreach (var e in All)
        {
            yield return (e.Code, [.. e.Names, .. e.Adjectives, .. e.Korean, .. DaeForms(e.Korean)]);
        }

        foreach (var b in Blocs)
        {
            yield return (b.Slug, [.. b.Names, .. b.Korean, .. DaeForms(b.Korean)]);
        }
    }

    /// <summary>대중동, 대아세안: Korean writes "exports to X" as 대X 수출.</summary>
    private static IEnumerable<string> DaeForms(string[] korean) =>
        korean.Where(k => k.Length >= 2 && !k.StartsWith('대') && k is not ("우리나라" or "국내")).Select(k => "대" + k);

    private static List<Economy> LoadEconomies()
    {
        var list = new List<Economy>();
        foreach (var f in DataFile.Rows("economies.tsv", 5))
        {
            list.Add(new Economy(f[0], DataFile.List(f[1]), DataFile.List(f[2]), DataFile.List(f[3]), DataFile.List(f[4]), CurrencyOf(f[0])));
        }

        return list;
    }

    private static List<Bloc> LoadBlocs() => DataFile.Rows("blocs.tsv", 3).Select(f => new Bloc(f[0], DataFile.List(f[1]), DataFile.List(f[2]))).ToList();

    private static string? CurrencyOf(string code)
    {
        try
        {
            return new RegionInfo(code).ISOCurrencySymbol;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
