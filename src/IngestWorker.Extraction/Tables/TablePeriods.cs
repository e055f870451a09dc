using System.Globalization;
using System.Text.RegularExpressions;
using IngestWorker.Extraction.Parsing;

namespace IngestWorker.Extraction.Tables;

/// <summary>What a table header (or a row label) says about the period of its cells.</summary>
/// <param name="Period">The period the cells cover.</param>
/// <param name="ChangeMeasure">For "May 21 to Jun 21 % change" or "Mar-22 over Mar-21": the change that the column measures (mom_pct, yoy_pct).</param>
/// <param name="Skip">The header names a comparison the contract has no measure for (growth over two years): the cells are not records.</param>
internal readonly record struct TablePeriod(Period? Period, string? ChangeMeasure, bool Skip);

/// <summary>
/// The compact month forms of statistical tables: "Apr 2021", "Jun 21", "Mar-22", "Apr21-Mar22", "2024.11", "'24.11",
/// "2024년 11월"; two of them joined by "to", "-" or "~" (a span, or in a change column the movement from the first to the
/// second) or by "over", "vs" or "on" (a change of the first on the second). Headers in other forms are left to the prose
/// period reader.
/// </summary>
internal static partial class TablePeriods
{
    [GeneratedRegex(@"\b(?<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?\s?[-'/]?\s?(?<y>(?:19|20)\d{2}|\d{2})(?![\d.,])|(?<y>(?:19|20)\d{2})\s?[.\-/]\s?(?<m>\d{1,2})(?![\d.\-/])|'(?<yy>\d{2})\.\s?(?<m>\d{1,2})(?!\d)|(?<y>(?:19|20)\d{2})년\s?(?<m>\d{1,2})월", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex MonthRegex();

    [GeneratedRegex(@"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex MonthNameRegex();

    [GeneratedRegex(@"^\s*(?:(?<range>to|through|thru|-|–|—|~|∼|～)|(?<versus>over|vs\.?|versus|on|against|compared\swith))\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex ConnectorRegex();

    /// <summary>The period of a header in one of the compact forms; null when the header has none (or more than two).</summary>
    public static TablePeriod? Read(string header, bool percent, DateOnly published)
    {
        var months = new List<(Match Match, DateOnly Month)>();
        foreach (var m in SafeRegex.Matches(MonthRegex(), header))
        {
            if (Month(m, published) is not { } month)
            {
                return null; // a form this reader cannot date: leave the header to the prose reader
            }

            months.Add((m, month));
        }

        // "January-May 2023": a month named without its year belongs to a phrase this reader does not parse.
        if (SafeRegex.Matches(MonthNameRegex(), header).Count > months.Count(m => m.Match.Groups["mon"].Success))
        {
            return null;
        }

        switch (months.Count)
        {
            case 1:
                return new TablePeriod(Parsing.Period.Month(months[0].Month.Year, months[0].Month.Month), null, false);
            case 2:
                var (a, b) = (months[0], months[1]);
                var between = header[(a.Match.Index + a.Match.Length)..b.Match.Index];
                var connector = SafeRegex.Match(ConnectorRegex(), between);
                if (connector is null)
                {
                    return null;
                }

                var gap = ((b.Month.Year - a.Month.Year) * 12) + b.Month.Month - a.Month.Month;
                if (connector.Groups["range"].Success)
                {
                    if (gap <= 0 || gap > 11)
                    {
                        return new TablePeriod(null, null, true);
                    }

                    if (!percent)
                    {
                        return new TablePeriod(Parsing.Period.Months(a.Month.Year, a.Month.Month, b.Month.Year, b.Month.Month), null, false);
                    }

                    // "May 21 to Jun 21 % change": the movement from one month to the next.
                    return gap == 1 ? new TablePeriod(Parsing.Period.Month(b.Month.Year, b.Month.Month), "mom_pct", false) : new TablePeriod(null, null, true);
                }

                // "Mar-22 over Mar-21": the first on the second.
                var back = -gap;
                return !percent ? new TablePeriod(null, null, true)
                    : back == 12 ? new TablePeriod(Parsing.Period.Month(a.Month.Year, a.Month.Month), "yoy_pct", false)
                    : back == 1 ? new TablePeriod(Parsing.Period.Month(a.Month.Year, a.Month.Month), "mom_pct", false)
                    : new TablePeriod(null, null, true);
            default:
                return null;
        }
    }

    private static DateOnly? Month(Match m, DateOnly published)
    {
        int month;
        if (m.Groups["mon"].Success)
        {
            month = Periods.MonthNumber(m.Groups["mon"].Value.ToLowerInvariant());
        }
        else if (!int.TryParse(m.Groups["m"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out month))
        {
            return null;
        }

        var yearText = m.Groups["y"].Success ? m.Groups["y"].Value : m.Groups["yy"].Value;
        if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || month is < 1 or > 12)
        {
            return null;
        }

        if (yearText.Length == 2)
        {
            // "Jun 21" is June 2021 only where 2021 is a year the bulletin can report (else it may be a day).
            // After a space ("Jun 21") it may also be a day: take it as a year only close to the publication year.
            var between = m.Groups["mon"].Success ? m.Value[m.Groups["mon"].Length..(m.Groups["y"].Index - m.Index)] : "";
            var spaced = between.Length > 0 && between.Trim('.', ' ').Length == 0 && between.Contains(' ', StringComparison.Ordinal);
            year += 2000;
            if (year > published.Year || year < published.Year - (spaced ? 2 : 10))
            {
                return null;
            }
        }

        return year is < 1990 or > 2100 ? null : new DateOnly(year, month, 1);
    }
}
