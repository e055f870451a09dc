using System.Globalization;
using IngestWorker.Core.Storage;

namespace IngestWorker.Core.Ingestion;

/// <summary>Figures in the form a person reads at a glance: <c>61.04 bn USD</c>, <c>+8.4 %</c>.</summary>
public static class FigureText
{
    public static string Key(FigureVersion f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var key = $"{f.Reporter} {f.Flow} {f.Product}/{f.Partner}";
        if (f.Basis != "actual")
        {
            key += " " + f.Basis;
        }

        return f.Adjustment is "none" or "" ? key : key + " " + f.Adjustment;
    }

    public static string Value(decimal value, string unit, string measure)
    {
        if (unit == "%")
        {
            var signed = measure is "share_pct" ? value.ToString("0.###", CultureInfo.InvariantCulture) : value.ToString("+0.###;-0.###;0", CultureInfo.InvariantCulture);
            return signed + " %";
        }

        var magnitude = Math.Abs(value);
        var (scaled, suffix) = magnitude switch
        {
            >= 1_000_000_000_000m => (value / 1_000_000_000_000m, " tn"),
            >= 1_000_000_000m => (value / 1_000_000_000m, " bn"),
            >= 1_000_000m => (value / 1_000_000m, " mn"),
            _ => (value, ""),
        };
        return $"{scaled.ToString(suffix.Length == 0 ? "#,0.###" : "0.####", CultureInfo.InvariantCulture)}{suffix} {unit}";
    }

    public static string Value(FigureVersion f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Value(f.Value, f.Unit, f.Measure);
    }
}
