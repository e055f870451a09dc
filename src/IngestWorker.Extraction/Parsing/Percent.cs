using System.Text.RegularExpressions;

namespace IngestWorker.Extraction.Parsing;

/// <summary>A percent stated in text; Sign is +1/-1 when the text carries an explicit sign (+8.4%, (-15.9%), △3.9%), else 0.</summary>
internal readonly record struct PercentMatch(int Start, int End, decimal Value, int Sign, bool IsRangeEnd);

/// <summary>Finds percents (8.4%, 8.4 percent, △3.9%), leaving out percentage points.</summary>
internal static partial class Percent
{
    [GeneratedRegex(@"(?<sign>[+\-−–△▽▲▼])?\s?(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?(?<unit>%|％|percent|per\s?cent|pct)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex PercentRegex();

    [GeneratedRegex(@"(?:\d\s?(?:to|-|–|~)\s?$)|(?:between\s[^a-z]{0,12}\d\s?(?:%|percent)?\s?and\s?$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex RangeStartRegex();

    public static List<PercentMatch> Find(string text)
    {
        var found = new List<PercentMatch>();
        if (text.AsSpan().IndexOfAny('%', '％') < 0 && !text.Contains("per", StringComparison.OrdinalIgnoreCase) && !text.Contains("pct", StringComparison.OrdinalIgnoreCase))
        {
            return found;
        }

        foreach (var m in SafeRegex.Matches(PercentRegex(), text))
        {
            var end = m.Index + m.Length;
            var unit = m.Groups["unit"].Value;
            if (IsPoint(text, end, unit) || !Numbers.TryParse(m.Groups["num"].Value, out var value))
            {
                continue;
            }

            var numStart = m.Groups["num"].Index;
            if (numStart > 0 && (char.IsDigit(text[numStart - 1]) || text[numStart - 1] == '.'))
            {
                continue;
            }

            var signGroup = m.Groups["sign"];
            var sign = 0;
            var start = numStart;
            if (signGroup.Success)
            {
                var before = signGroup.Index > 0 ? text[signGroup.Index - 1] : ' ';
                if (char.IsLetterOrDigit(before))
                {
                    // "35-40%" or "Mar-22": a hyphen after a word is not a minus sign.
                    start = numStart;
                }
                else
                {
                    sign = signGroup.Value is "+" or "▲" ? 1 : -1;
                    start = signGroup.Index;
                }
            }

            var prefix = text[Math.Max(0, start - 25)..start];
            var isRange = SafeRegex.IsMatch(RangeStartRegex(), prefix);
            found.Add(new PercentMatch(start, end, value, sign, isRange));
        }

        return found;
    }

    /// <summary>"percentage point", "%p", "%포인트" are not percents.</summary>
    private static bool IsPoint(string text, int end, string unit)
    {
        if (end < text.Length && char.IsLetter(text[end]) && !IsHangul(text[end]) && unit.Length > 2)
        {
            return true; // "percentage"
        }

        var rest = text.AsSpan(end, Math.Min(8, text.Length - end)).TrimStart();
        return rest.StartsWith("p", StringComparison.OrdinalIgnoreCase) && (rest.Length == 1 || !char.IsLetter(rest[1]) || rest.StartsWith("point", StringComparison.OrdinalIgnoreCase))
            || rest.StartsWith("포인트", StringComparison.Ordinal)
            || rest.StartsWith("age point", StringComparison.OrdinalIgnoreCase);
    }

    public static bool IsHangul(char c) => c is >= '\uAC00' and <= '\uD7A3' or >= '\u1100' and <= '\u11FF' or >= '\u3130' and <= '\u318F';
}
