using System.Globalization;
using System.Text.RegularExpressions;

namespace IngestWorker.Core.Storage;

/// <summary>
/// The values a figure's keys take (spec/figures.md, "Vocabulary"), with the common aliases, and the
/// check of a query's filters against them: a value outside it is refused with the closest valid
/// one. Products and partners outside the fixed lists are valid when the store holds them (an
/// item's slug is its name as the bulletin writes it).
/// </summary>
public static partial class Vocabulary
{
    public static readonly IReadOnlyList<string> Flows = ["exports", "imports", "balance"];

    public static readonly IReadOnlyList<string> Measures = ["value", "yoy_pct", "mom_pct", "share_pct", "daily_avg_value", "daily_avg_yoy_pct"];

    public static readonly IReadOnlyList<string> Products =
    [
        "total", "semiconductors", "automobiles", "auto-parts", "ships", "steel", "petrochemicals", "petroleum-products", "general-machinery",
        "displays", "wireless-devices", "computers", "secondary-batteries", "home-appliances", "textiles", "bio-health", "cosmetics",
        "agri-fisheries", "electrical-equipment", "energy", "crude-oil", "natural-gas", "coal", "precision-instruments",
        "semiconductor-equipment", "electronic-components", "electronic-goods", "it-products", "ict-audiovisual-products", "chemicals",
        "plastics-and-rubber", "cereals", "coffee", "processed-food", "leather-products", "goods", "services", "non-petroleum",
        "total-excluding-semiconductors", "non-oil-domestic-exports", "non-oil-domestic-exports-electronics",
        "non-oil-domestic-exports-non-electronics", "oil-and-gas", "non-oil-and-gas",
    ];

    public static readonly IReadOnlyList<string> Partners =
        ["world", "asean", "eu", "middle-east", "cis", "latin-america", "central-asia", "oceania", "africa"];

    /// <summary>Words people use for a value, by the value: "chips" is semiconductors, "export" is exports.</summary>
    public static readonly IReadOnlyDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["chips"] = "semiconductors", ["chip"] = "semiconductors", ["memory-chips"] = "semiconductors", ["cars"] = "automobiles",
        ["vehicles"] = "automobiles", ["autos"] = "automobiles", ["shipbuilding"] = "ships", ["vessels"] = "ships",
        ["oil-products"] = "petroleum-products", ["refined-petroleum"] = "petroleum-products", ["petroleum"] = "petroleum-products",
        ["mobile-phones"] = "wireless-devices", ["batteries"] = "secondary-batteries", ["biohealth"] = "bio-health",
        ["pharmaceuticals"] = "bio-health", ["machinery"] = "general-machinery", ["iron-and-steel"] = "steel", ["pcs"] = "computers",
        ["ssds"] = "computers", ["lng"] = "natural-gas", ["gas"] = "natural-gas", ["flat-panel-displays"] = "displays",
        ["southeast-asia"] = "asean", ["export"] = "exports", ["import"] = "imports", ["trade-balance"] = "balance",
        ["surplus"] = "balance", ["deficit"] = "balance", ["yoy"] = "yoy_pct", ["mom"] = "mom_pct", ["share"] = "share_pct",
    };

    /// <summary>
    /// Checks one filter value: its canonical form (codes upper case, slugs lower case), or an error
    /// naming the closest valid value. <paramref name="known"/> adds values the store holds.
    /// </summary>
    public static (string? Value, string? Error) Check(string option, string? value, IReadOnlyList<string> valid, IEnumerable<string>? known = null)
    {
        if (value is null)
        {
            return (null, null);
        }

        var lower = value.Trim().ToLowerInvariant();
        var exact = valid.FirstOrDefault(v => string.Equals(v, lower, StringComparison.OrdinalIgnoreCase));
        if (exact is not null)
        {
            return (exact, null);
        }

        var stored = known?.ToList() ?? [];
        if (stored.FirstOrDefault(v => string.Equals(v, value.Trim(), StringComparison.OrdinalIgnoreCase)) is { } held)
        {
            return (held, null);
        }

        var closest = Closest(lower, [.. valid, .. stored]);
        return (null, $"{option} '{value}' is not in the vocabulary{(closest is null ? "" : $"; did you mean '{closest}'?")} (see 'vocabulary')");
    }

    /// <summary>An economy: ISO 3166-1 alpha-2, any case.</summary>
    public static (string? Value, string? Error) CheckEconomy(string option, string? value, IEnumerable<string> extra)
    {
        if (value is null)
        {
            return (null, null);
        }

        var upper = value.Trim().ToUpperInvariant();
        if (IsoCode().IsMatch(upper) && (IsRegion(upper) || extra.Contains(upper, StringComparer.Ordinal)))
        {
            return (upper, null);
        }

        return Check(option, value, [.. extra]);
    }

    /// <summary>Whether the code is an ISO 3166-1 economy .NET knows (its <see cref="RegionInfo"/>).</summary>
    private static bool IsRegion(string code)
    {
        try
        {
            return new RegionInfo(code).TwoLetterISORegionName == code;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>YYYY, YYYY-MM, YYYY-MM/YYYY-MM or YYYY-MM-DD/YYYY-MM-DD, with real months and days.</summary>
    public static string? CheckPeriod(string option, string? value)
    {
        if (value is null || value.Split('/') is var parts && parts.Length <= 2 && parts.All(p => IsDate(p, parts.Length))
            && (parts.Length == 1 || string.CompareOrdinal(parts[0], parts[1]) <= 0))
        {
            return null;
        }

        return $"{option} '{value}' is not a period (YYYY, YYYY-MM, YYYY-MM/YYYY-MM or YYYY-MM-DD/YYYY-MM-DD, with months 01-12, a span's start not after its end)";

        static bool IsDate(string part, int count) => part.Length switch
        {
            4 when count == 1 => int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out _),
            7 => DateOnly.TryParseExact(part + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            10 when count == 2 => DateOnly.TryParseExact(part, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            _ => false,
        };
    }

    /// <summary>An alias's value, else the value nearest by edit distance (within a third of the word), else one that starts alike.</summary>
    public static string? Closest(string word, IReadOnlyList<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(candidates);
        var slug = word.Replace(' ', '-');
        if (Aliases.TryGetValue(slug, out var alias) && candidates.Contains(alias, StringComparer.Ordinal))
        {
            return alias;
        }

        var best = candidates.Select(c => (Value: c, Distance: Distance(slug, c))).OrderBy(c => c.Distance).ThenBy(c => c.Value, StringComparer.Ordinal).FirstOrDefault();
        if (best.Value is not null && best.Distance <= Math.Max(2, slug.Length / 3))
        {
            return best.Value;
        }

        return candidates.FirstOrDefault(c => c.StartsWith(slug, StringComparison.Ordinal) || slug.StartsWith(c, StringComparison.Ordinal));
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions of one character.</summary>
    internal static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex IsoCode();
}
