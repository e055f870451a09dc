using System.Globalization;
using System.Text.RegularExpressions;

namespace IngestWorker.Extraction.Parsing;

/// <summary>Turns matched period phrases into periods, resolving what the text leaves implicit against the publication date.</summary>
internal sealed class PeriodResolver(DateOnly published, Period? anchor, string reporter)
{
    /// <summary>The bulletin's main period, or the month before publication when unknown.</summary>
    public Period Anchor => anchor ?? Period.Year(published.Year);

    private int AnchorYear => anchor?.End.Year ?? published.Year;

    /// <summary>A month named without its year is the latest such month not after publication.</summary>
    public int YearOfMonth(int month) => month <= published.Month ? published.Year : published.Year - 1;

    public Period? Fiscal(Match m)
    {
        var y1 = FullYear(m.Groups["y1"].Value);
        if (y1 is null)
        {
            return null;
        }

        var startMonth = FiscalStartMonth;
        int startYear;
        if (m.Groups["y2"].Success)
        {
            startYear = y1.Value;
        }
        else
        {
            // A single-year fiscal name: Japan's fiscal 2023 starts in 2023; India's FY23 and US FY2024 end in that year.
            startYear = reporter is "IN" or "US" ? y1.Value - 1 : y1.Value;
        }

        if (!Valid(startYear) || !Valid(startYear + 1))
        {
            return null;
        }

        var start = new DateOnly(startYear, startMonth, 1);
        var end = start.AddMonths(11);
        return Period.Months(start.Year, start.Month, end.Year, end.Month);
    }

    public static Period? CompactSpan(Match m)
    {
        var m1 = Periods.MonthNumber(m.Groups["m1"].Value);
        var m2 = Periods.MonthNumber(m.Groups["m2"].Value);
        var y1 = FullYear(m.Groups["y1"].Value);
        var y2 = FullYear(m.Groups["y2"].Value);
        return m1 > 0 && m2 > 0 && y1 is not null && y2 is not null && (y1 < y2 || (y1 == y2 && m1 <= m2))
            ? Period.Months(y1.Value, m1, y2.Value, m2) : null;
    }

    public Period? YearStartToDay(Match m)
    {
        var d = Periods.SmallNumber(m.Groups["d"].Value);
        var month = m.Groups["m"].Success ? Periods.MonthNumber(m.Groups["m"].Value) : published.Month;
        if (month is < 1 or > 12)
        {
            return null;
        }

        var year = YearOfMonth(month);
        return DaySafe(year, month, d) is { } end ? Period.Days(new DateOnly(year, 1, 1), end) : null;
    }

    public Period? KoreanYearToDay(Match m)
    {
        var month = m.Groups["m"].Success ? Periods.SmallNumber(m.Groups["m"].Value) : published.Month;
        var d = Periods.SmallNumber(m.Groups["d"].Value);
        var year = month >= 1 && month <= 12 ? YearOfMonth(month) : published.Year;
        return DaySafe(year, month, d) is { } end ? Period.Days(new DateOnly(year, 1, 1), end) : null;
    }

    public Period? FirstDays(string days, string monthName, string yearText, string koreanMonth = "")
    {
        var n = Periods.SmallNumber(days);
        var month = monthName.Length > 0 ? Periods.MonthNumber(monthName)
            : koreanMonth.Length > 0 ? Periods.SmallNumber(koreanMonth)
            : anchor is { Kind: PeriodKind.DaySpan or PeriodKind.Month } a ? a.End.Month : published.Month;
        if (month is < 1 or > 12)
        {
            return null;
        }

        var year = FullYear(yearText) ?? (anchor is { Kind: PeriodKind.DaySpan or PeriodKind.Month } b && b.End.Month == month ? b.End.Year : YearOfMonth(month));
        return DaySafe(year, month, n) is { } end ? Period.Days(new DateOnly(year, month, 1), end) : null;
    }

    public Period? MonthDays(Match m)
    {
        var month = Periods.MonthNumber(m.Groups["m"].Value);
        var d1 = Periods.SmallNumber(m.Groups["d1"].Value);
        var d2 = Periods.SmallNumber(m.Groups["d2"].Value);
        if (month == 0 || d1 < 1 || d2 <= d1)
        {
            return null;
        }

        var year = YearOfMonth(month);
        return DaySafe(year, month, d1) is { } s && DaySafe(year, month, d2) is { } e ? Period.Days(s, e) : null;
    }

    /// <summary>Days 1 to <paramref name="days"/> of the latest month in which they have ended by publication.</summary>
    public Period? DaysOfLatestMonth(string days)
    {
        var n = Periods.SmallNumber(days);
        var month = n < published.Day ? published : published.AddMonths(-1);
        return DaySafe(month.Year, month.Month, n) is { } end ? Period.Days(new DateOnly(month.Year, month.Month, 1), end) : null;
    }

    /// <summary>The month of publication (1-12).</summary>
    public int PublicationMonth => published.Month;

    /// <summary>The month before the publication month ("in the previous month" in a release).</summary>
    public Period MonthBeforePublication => Period.Month(published.AddMonths(-1).Year, published.AddMonths(-1).Month);

    /// <summary>
    /// "the first eight months (of this year)": January to August of the latest year whose eighth month has ended by
    /// publication (a month's own figures may come out in its last days); "of this fiscal (year)": from the reporter's
    /// fiscal start.
    /// </summary>
    public Period? FirstMonths(Match m)
    {
        var n = Periods.SmallNumber(m.Groups["n"].Value);
        if (n is < 2 or > 12)
        {
            return null;
        }

        if (m.Groups["fy"].Success)
        {
            var startMonth = FiscalStartMonth;
            var startYear = published.Month >= startMonth ? published.Year : published.Year - 1;
            var start = new DateOnly(startYear, startMonth, 1);
            var end = start.AddMonths(n - 1);
            return Valid(startYear) && end <= published ? Period.Months(start.Year, start.Month, end.Year, end.Month) : null;
        }

        var ended = n < published.Month || (n == published.Month && published.Day >= 25);
        var year = FullYear(m.Groups["y"].Value) ?? (ended ? published.Year : published.Year - 1);
        return Valid(year) ? Period.Months(year, 1, year, n) : null;
    }

    /// <summary>January to the <paramref name="months"/>th month of <paramref name="year"/>.</summary>
    public static Period? FirstMonthsOf(int year, int months) => Valid(year) && months is >= 1 and <= 12 ? Period.Months(year, 1, year, months) : null;

    /// <summary>"the three months to September (2024)": the span of that many months ending in the named month.</summary>
    public Period? MonthsTo(Match m)
    {
        var n = Periods.SmallNumber(m.Groups["n"].Value);
        var last = Periods.MonthNumber(m.Groups["m"].Value);
        if (n is < 2 or > 12 || last == 0)
        {
            return null;
        }

        var year = FullYear(m.Groups["y"].Value) ?? YearOfMonth(last);
        if (!Valid(year) || !Valid(year - 1))
        {
            return null;
        }

        var end = new DateOnly(year, last, 1);
        var start = end.AddMonths(-(n - 1));
        return Period.Months(start.Year, start.Month, end.Year, end.Month);
    }

    private int FiscalStartMonth => reporter switch { "US" => 10, "AU" or "NZ" => 7, _ => 4 };

    public Period? MonthSpan(Match m)
    {
        var m1 = Periods.MonthNumber(m.Groups["m1"].Value);
        var m2 = Periods.MonthNumber(m.Groups["m2"].Value);
        if (m1 == 0 || m2 == 0)
        {
            return null;
        }

        var y2 = FullYear(m.Groups["y2"].Value) ?? RelativeYear(m.Groups["rel"].Value) ?? YearOfMonth(m2);
        var y1 = FullYear(m.Groups["y1"].Value) ?? (m1 <= m2 ? y2 : y2 - 1);
        return Valid(y1) && Valid(y2) && (y1 < y2 || (y1 == y2 && m1 < m2)) ? Period.Months(y1, m1, y2, m2) : null;
    }

    public Period? Quarter(Match m)
    {
        var q = m.Groups["q"].Success ? Periods.SmallNumber(m.Groups["q"].Value) : m.Groups["ord"].Value[0] switch
        {
            'f' when m.Groups["ord"].Value.StartsWith("fi", StringComparison.Ordinal) && m.Groups["ord"].Value.Length == 5 => 1,
            'f' => 4, 's' => 2, 't' => 3, '1' => 1, '2' => 2, '3' => 3, _ => 4,
        };
        var lastMonth = q * 3;
        var year = FullYear(m.Groups["y"].Value) ?? RelativeYear(m.Groups["rel"].Value) ?? YearOfMonth(lastMonth);
        return Valid(year) ? Period.Months(year, lastMonth - 2, year, lastMonth) : null;
    }

    public Period? Month(Match m)
    {
        var month = Periods.MonthNumber(m.Groups["m"].Value);
        if (month == 0)
        {
            return null;
        }

        var year = FullYear(m.Groups["y"].Value) ?? FullYear(m.Groups["yy"].Value);
        if (year is null)
        {
            year = YearOfMonth(month);
            var rel = m.Groups["rel"].Value;
            if (rel.StartsWith("last", StringComparison.Ordinal))
            {
                year--;
            }
            else if (rel.StartsWith("next", StringComparison.Ordinal))
            {
                year++;
            }
        }

        return Valid(year.Value) ? Period.Month(year.Value, month) : null;
    }

    public Period? KoreanMonthSpan(Match m)
    {
        var m1 = Periods.SmallNumber(m.Groups["m1"].Value);
        var m2 = Periods.SmallNumber(m.Groups["m2"].Value);
        if (m1 is < 1 or > 12 || m2 is < 1 or > 12 || m1 >= m2)
        {
            return null;
        }

        var year = FullYear(m.Groups["y"].Value) ?? YearOfMonth(m2);
        return Valid(year) ? Period.Months(year, m1, year, m2) : null;
    }

    public Period? KoreanMonth(Match m)
    {
        var month = Periods.SmallNumber(m.Groups["m"].Value);
        if (month is < 1 or > 12)
        {
            return null;
        }

        var year = FullYear(m.Groups["y"].Value) ?? FullYear(m.Groups["yy"].Value) ?? RelativeYear(m.Groups["rel"].Value) ?? YearOfMonth(month);
        return Valid(year) ? Period.Month(year, month) : null;
    }

    public Period? Half(Match m)
    {
        var first = m.Groups["h"].Success ? m.Groups["h"].Value[0] is 'f' or '1' : m.Groups["n"].Success ? m.Groups["n"].Value == "1" : m.Groups["kh"].Value == "상";
        var endMonth = first ? 6 : 12;
        var year = FullYear(m.Groups["y"].Value) ?? RelativeYear(m.Groups["rel"].Value) ?? YearOfMonth(endMonth);
        return Valid(year) ? Period.Months(year, endMonth - 5, year, endMonth) : null;
    }

    /// <summary>"Year to date", "this year through October": January to the named month, or to the main period's month.</summary>
    public Period? YearToDate(Match m)
    {
        if (!m.Groups["m"].Success && anchor is { Kind: PeriodKind.DaySpan } days && Valid(days.End.Year))
        {
            return Period.Days(new DateOnly(days.End.Year, 1, 1), days.End); // "올해 누적" in a partial-month release
        }

        var month = m.Groups["m"].Success ? Periods.MonthNumber(m.Groups["m"].Value) : anchor is { } a ? a.End.Month : published.AddMonths(-1).Month;
        var year = m.Groups["m"].Success ? YearOfMonth(month) : anchor?.End.Year ?? published.AddMonths(-1).Year;
        return month >= 2 && Valid(year) ? Period.Months(year, 1, year, month) : month == 1 && Valid(year) ? Period.Month(year, 1) : null;
    }

    public Period? Relative(string phrase)
    {
        if (phrase.Length > 2 && phrase.EndsWith("연간", StringComparison.Ordinal))
        {
            phrase = phrase[..^2].Trim(); // "지난해 연간": the year named, as a whole
        }

        var lastMonth = published.AddMonths(-1);
        return phrase switch
        {
            "last month" or "지난달" => Period.Month(lastMonth.Year, lastMonth.Month),
            "this month" or "이달" => Period.Month(published.Year, published.Month),
            "next month" => Period.Month(published.AddMonths(1).Year, published.AddMonths(1).Month),
            "전월" => anchor is { Kind: PeriodKind.Month } a
                ? Period.Month(a.Start.AddMonths(-1).Year, a.Start.AddMonths(-1).Month)
                : Period.Month(published.AddMonths(-2).Year, published.AddMonths(-2).Month),
            "연간" => Period.Year(AnchorYear),
            _ when phrase.Contains("whole", StringComparison.Ordinal) || phrase.Contains("full", StringComparison.Ordinal)
                || phrase.Contains("entire", StringComparison.Ordinal) => Period.Year(AnchorYear),
            _ => RelativeYear(phrase) is { } y ? Period.Year(y) : null,
        };
    }

    public static Period? Year(string text) => FullYear(text) is { } y && Valid(y) ? Period.Year(y) : null;

    private int? RelativeYear(string phrase)
    {
        if (phrase.Length == 0)
        {
            return null;
        }

        if (phrase.StartsWith("last", StringComparison.Ordinal) || phrase is "지난해" or "작년")
        {
            return published.Year - 1;
        }

        if (phrase.StartsWith("next", StringComparison.Ordinal) || phrase == "내년")
        {
            return published.Year + 1;
        }

        if (phrase.StartsWith("this", StringComparison.Ordinal) || phrase is "올해" or "금년")
        {
            return published.Year;
        }

        return phrase.StartsWith("the", StringComparison.Ordinal) ? AnchorYear : null;
    }

    private static int? FullYear(string text)
    {
        if (text.Length is not (2 or 4) || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
        {
            return null;
        }

        return text.Length == 2 ? 2000 + y : y;
    }

    private static bool Valid(int year) => year is >= 1950 and <= 2100;

    private static DateOnly? DaySafe(int year, int month, int day) =>
        Valid(year) && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
}
