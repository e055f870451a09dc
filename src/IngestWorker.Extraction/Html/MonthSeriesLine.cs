using System.Globalization;
using System.Text.RegularExpressions;
using IngestWorker.Extraction.Parsing;

namespace IngestWorker.Extraction.Html;

/// <summary>
/// The one-line month series of Korean ministry releases, a table written as text:
/// "* 수출 증감률(%) : ('18.12)△1.7 → ('19.1)△6.2 → (2)+3.4 → (3)△8.4". The label names the series (flow, measure,
/// unit); each step is dated "('YY.M)" or "(M)", a bare month continuing the year of the step before it (rolling into the
/// next year after December). The line becomes a one-row table, read like any other.
/// </summary>
internal static partial class MonthSeriesLine
{
    private const int MaxLabel = 40;

    [GeneratedRegex(@"\((?:'(?<yy>\d{2})\.\s?)?(?<m>\d{1,2})(?:월)?\)\s?(?<v>[+\-−△▽▲▼]?\s?\d[\d,]*(?:\.\d+)?%?)", RegexOptions.CultureInvariant, 500)]
    private static partial Regex StepRegex();

    [GeneratedRegex(@"^\s*(?:→|->|⇒|➡|＞|>)\s*$", RegexOptions.CultureInvariant, 500)]
    private static partial Regex ArrowRegex();

    /// <summary>The line as a one-row table when the whole line is such a series (a label, then two or more dated steps joined by arrows).</summary>
    public static bool TryRead(string line, out TableGrid grid)
    {
        grid = new TableGrid([], "");
        if (line.Length > 2_000 || !line.Contains('→', StringComparison.Ordinal) && !line.Contains("->", StringComparison.Ordinal))
        {
            return false;
        }

        var steps = SafeRegex.Matches(StepRegex(), line);
        if (steps.Count < 2 || !steps[0].Groups["yy"].Success)
        {
            return false;
        }

        var label = line[..steps[0].Index].Trim().TrimStart('*', '※', '-', '·', '•', 'ㅇ', '○', '◦', ' ').TrimEnd(':', '：', ' ').Trim();
        if (label.Length == 0 || label.Length > MaxLabel)
        {
            return false;
        }

        var header = new List<string> { "" };
        var values = new List<string> { label };
        var year = 0;
        var month = 0;
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            if (i > 0 && !SafeRegex.IsMatch(ArrowRegex(), line[(steps[i - 1].Index + steps[i - 1].Length)..s.Index]))
            {
                return false; // the steps must be joined by arrows and nothing else
            }

            var m = int.Parse(s.Groups["m"].Value, CultureInfo.InvariantCulture);
            if (m is < 1 or > 12)
            {
                return false;
            }

            if (s.Groups["yy"].Success)
            {
                year = 2000 + int.Parse(s.Groups["yy"].Value, CultureInfo.InvariantCulture);
            }
            else if (m <= month)
            {
                year++; // "(12) → (1)": into the next year
            }

            month = m;
            header.Add(string.Create(CultureInfo.InvariantCulture, $"{year}.{month}"));
            values.Add(s.Groups["v"].Value.Replace(" ", "", StringComparison.Ordinal));
        }

        var tail = line[(steps[^1].Index + steps[^1].Length)..].Trim();
        if (tail.Length > 20)
        {
            return false; // the series is part of a sentence, not a line of its own
        }

        grid = new TableGrid([header, values], "");
        return true;
    }
}
