using System.Globalization;
using System.Text.RegularExpressions;

namespace IngestWorker.Core.Storage;

/// <summary>
/// A figure as its bulletin stated it: the number written (<see cref="Decimals"/> digits after the
/// point) times ten to <see cref="Exponent"/> (the scale word: 9 for "billion", 8 for 억, 0 for a
/// percent). "$61.04 billion" is (2, 9), "$60.00 billion" (2, 9), "$60 billion" (0, 9), "10 percent"
/// (0, 0). Its last stated digit fixes the precision: half a unit of it is <see cref="HalfUnit"/>.
/// </summary>
public readonly partial record struct StatedFigure(int Decimals, int Exponent)
{
    private const int MaxExponent = 15;

    /// <summary>Half a unit of the last stated digit, in the figure's own units.</summary>
    public decimal HalfUnit => Exponent >= Decimals ? 0.5m * Pow10(Exponent - Decimals) : 0.5m / Pow10(Decimals - Exponent);

    /// <summary>
    /// How <paramref name="value"/> was written in <paramref name="evidence"/> (the sentence or table
    /// cell it was read from): the first number there that is the value at some power of ten (for
    /// a percent, the value itself), Korean compounds (503억6000만) included; null when none is.
    /// </summary>
    public static StatedFigure? Find(decimal value, string unit, string evidence)
    {
        if (string.IsNullOrEmpty(evidence))
        {
            return null;
        }

        var target = Math.Abs(value);
        var percent = unit == "%";
        if (!percent)
        {
            foreach (Match m in Korean().Matches(evidence))
            {
                if (KoreanAmount(m) is { } stated && stated.Amount == target)
                {
                    return stated.Figure;
                }
            }
        }

        foreach (Match m in Number().Matches(evidence))
        {
            var text = m.Value.Replace(",", "", StringComparison.Ordinal);
            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || (number == 0 && target != 0))
            {
                continue;
            }

            var decimals = DecimalsOf(text);
            for (var exponent = 0; exponent <= (percent ? 0 : MaxExponent); exponent++)
            {
                if (number * Pow10(exponent) == target)
                {
                    return new StatedFigure(decimals, exponent);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Half a unit of the last stated digit when nothing better is known (a version recorded before
    /// the stated form was kept, a value not found in its evidence): read from the value itself.
    /// </summary>
    public static decimal HalfUnitOf(decimal value, StatedFigure? stated) => stated?.HalfUnit ?? Agreement.HalfUnit(value);

    private static (decimal Amount, StatedFigure Figure)? KoreanAmount(Match m)
    {
        (string Group, int Exponent)[] parts = [("jo", 12), ("eok", 8), ("man", 4)];
        decimal amount = 0;
        StatedFigure? last = null;
        foreach (var (group, exponent) in parts)
        {
            if (m.Groups[group] is { Success: true } part)
            {
                var text = part.Value.Replace(",", "", StringComparison.Ordinal);
                if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                {
                    return null;
                }

                amount += number * Pow10(exponent);
                last = new StatedFigure(DecimalsOf(text), exponent);
            }
        }

        return last is { } figure ? (amount, figure) : null;
    }

    private static int DecimalsOf(string text) => text.IndexOf('.', StringComparison.Ordinal) is var point and >= 0 ? text.Length - point - 1 : 0;

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    [GeneratedRegex(@"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")]
    private static partial Regex Number();

    [GeneratedRegex(@"(?:(?<jo>\d[\d,]*(?:\.\d+)?)\s*조\s*)?(?:(?<eok>\d[\d,]*(?:\.\d+)?)\s*억\s*)?(?:(?<man>\d[\d,]*(?:\.\d+)?)\s*만)?(?<=[조억만])")]
    private static partial Regex Korean();
}
