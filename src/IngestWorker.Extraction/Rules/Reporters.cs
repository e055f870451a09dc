using System.Text.RegularExpressions;
using IngestWorker.Extraction.Parsing;

namespace IngestWorker.Extraction.Rules;

/// <summary>Finds whose trade a bulletin reports: "Korea's exports", "China's exports", "U.S. International Trade", the issuing agency.</summary>
internal static partial class Reporters
{
    [GeneratedRegex(@"\b(?<c>south\skorea|s\.\s?korea|korea|china|japan|india|taiwan|vietnam|germany|u\.s\.|united\sstates|america|hong\skong|singapore|mexico|canada|australia|indonesia|thailand|malaysia)(?:'s)?\s(?:(?:total|merchandise|goods|overall|international|monthly|annual|outbound|full-year|2\d{3})\s)*(?:exports?|imports?|trade|shipments|outbound|economy)|\b(?<c>korean|chinese|japanese|indian|american|taiwanese|vietnamese|german)\s(?:exports?|exporters|imports?|shipments|trade)|\bexports\sfrom\s(?:south\s)?(?<c>korea|china|japan|india|taiwan|vietnam)", RegexOptions.CultureInvariant, 500)]
    private static partial Regex PossessiveRegex();

    [GeneratedRegex(@"(?<kr>ministry\sof\strade,\sindustry\sand\s(?:energy|resources)|korea\scustoms\sservice|korea\sinternational\strade\sassociation|motie|산업통상자원부|산업부|관세청|우리나라|한국)|(?<cn>general\sadministration\sof\scustoms)|(?<us>census\sbureau|bureau\sof\seconomic\sanalysis)|(?<in>ministry\sof\scommerce\s(?:&|and)\sindustry|press\sinformation\sbureau)|(?<jp>ministry\sof\sfinance\sof\sjapan|japan's\sministry\sof\sfinance)", RegexOptions.CultureInvariant, 500)]
    private static partial Regex AgencyRegex();

    [GeneratedRegex(@"\b(?<c>south\skorea|korea|korean|china|chinese|japan|japanese|india|indian|taiwan|vietnam|germany|german)\b", RegexOptions.CultureInvariant, 500)]
    private static partial Regex CountryRegex();

    public static string? Detect(string lowerText, string? fallback, bool korean)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var m in SafeRegex.Matches(PossessiveRegex(), lowerText))
        {
            var code = Code(m.Groups["c"].Value);
            counts[code] = counts.GetValueOrDefault(code) + 2;
        }

        foreach (var m in SafeRegex.Matches(AgencyRegex(), lowerText))
        {
            var code = m.Groups["kr"].Success ? "KR" : m.Groups["cn"].Success ? "CN" : m.Groups["us"].Success ? "US" : m.Groups["in"].Success ? "IN" : "JP";
            counts[code] = counts.GetValueOrDefault(code) + 1;
        }

        if (counts.Count > 0)
        {
            return counts.MaxBy(kv => kv.Value).Key;
        }

        if (fallback is not null || korean)
        {
            return fallback ?? "KR";
        }

        // No possessive and no agency: the economy the text names most often, if it names one repeatedly.
        foreach (var m in SafeRegex.Matches(CountryRegex(), lowerText))
        {
            var code = Code(m.Groups["c"].Value);
            counts[code] = counts.GetValueOrDefault(code) + 1;
        }

        return counts.Count > 0 && counts.MaxBy(kv => kv.Value) is { Value: >= 2 } best ? best.Key : null;
    }

    private static string Code(string name) => name switch
    {
        "south korea" or "korea" or "korean" => "KR",
        "china" or "chinese" => "CN",
        "japan" or "japanese" => "JP",
        "india" or "indian" => "IN",
        "taiwan" or "taiwanese" => "TW",
        "vietnam" or "vietnamese" => "VN",
        "germany" or "german" => "DE",
        "hong kong" => "HK",
        "singapore" => "SG",
        "mexico" => "MX",
        "canada" => "CA",
        "australia" => "AU",
        "indonesia" => "ID",
        "thailand" => "TH",
        "malaysia" => "MY",
        _ when name.StartsWith("s.", StringComparison.Ordinal) => "KR",
        _ => "US",
    };
}
