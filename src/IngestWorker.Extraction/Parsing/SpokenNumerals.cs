using System.Globalization;
using System.Text.RegularExpressions;

namespace IngestWorker.Extraction.Parsing;

/// <summary>
/// Writes numbers spelled in words as digits where they state a figure, so one amount and percent grammar covers both:
/// broadcast style decimals ("15-point-seven billion", "ten-point-21 percent" → "15.7 billion", "10.21 percent") and
/// whole numbers before a percent or a scale word ("four percent", "twenty-one billion" → "4 percent", "21 billion").
/// Numbers in words elsewhere ("one of the biggest", "three months") are left alone.
/// </summary>
internal static class SpokenNumerals
{
    private static readonly string[] Units =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
         "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    private const string Digit = "zero|one|two|three|four|five|six|seven|eight|nine";

    private static readonly string Whole =
        $@"(?:\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:{Digit}))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|{Digit})";

    private static readonly Regex PointRegex = new(
        $@"\b(?<w>{Whole})[-\s]point[-\s](?<f>\d+|(?:{Digit})(?:[-\s](?:{Digit}))*)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(500));

    private static readonly Regex WordsBeforeFigureRegex = new(
        $@"\b(?<w>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:{Digit}))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|{Digit})(?=[\s-](?:percent|per\scent|billion|million|trillion)\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(500));

    public static string Normalize(string text)
    {
        if (!text.Contains("point", StringComparison.OrdinalIgnoreCase) && !text.Contains("per", StringComparison.OrdinalIgnoreCase)
            && !text.Contains("illion", StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        try
        {
            text = PointRegex.Replace(text, m => WholeValue(m.Groups["w"].Value) + "." + Fraction(m.Groups["f"].Value));
            return WordsBeforeFigureRegex.Replace(text, m => WholeValue(m.Groups["w"].Value));
        }
        catch (RegexMatchTimeoutException)
        {
            return text;
        }
    }

    /// <summary>"21", "twenty-one", "twenty one", "seven" → digits.</summary>
    private static string WholeValue(string words)
    {
        if (char.IsDigit(words[0]))
        {
            return words;
        }

        var parts = words.ToLowerInvariant().Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries);
        var value = 0;
        foreach (var p in parts)
        {
            var t = Array.IndexOf(Tens, p);
            value += t >= 2 ? t * 10 : Array.IndexOf(Units, p);
        }

        return value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>"21" → "21"; "two five" → "25": the digits after the point, each spoken.</summary>
    private static string Fraction(string words) =>
        char.IsDigit(words[0]) ? words
            : string.Concat(words.ToLowerInvariant().Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries).Select(w => Array.IndexOf(Units, w).ToString(CultureInfo.InvariantCulture)));
}
