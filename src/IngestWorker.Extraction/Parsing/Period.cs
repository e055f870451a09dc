using System.Globalization;

namespace IngestWorker.Extraction.Parsing;

/// <summary>What a figure covers: a month, a year, a span of months or a span of days.</summary>
internal enum PeriodKind { Month, Year, MonthSpan, DaySpan }

/// <summary>
/// A resolved period. Start and End are the first and last day it covers, which lets
/// spans, years and months be shifted and compared the same way.
/// </summary>
internal readonly record struct Period(PeriodKind Kind, DateOnly Start, DateOnly End)
{
    public static Period Month(int year, int month) =>
        new(PeriodKind.Month, new DateOnly(year, month, 1), new DateOnly(year, month, DateTime.DaysInMonth(year, month)));

    public static Period Year(int year) => new(PeriodKind.Year, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    public static Period Months(int y1, int m1, int y2, int m2)
    {
        var start = new DateOnly(y1, m1, 1);
        var end = new DateOnly(y2, m2, DateTime.DaysInMonth(y2, m2));
        return start.Year == end.Year && start.Month == end.Month ? Month(y1, m1) : new(PeriodKind.MonthSpan, start, end);
    }

    public static Period Days(DateOnly start, DateOnly end) => new(PeriodKind.DaySpan, start, end);

    /// <summary>True for a span that starts in January and runs to a later month of the same year (a cumulative year-to-date figure).</summary>
    public bool IsYearToDate => Kind == PeriodKind.MonthSpan && Start.Month == 1 && Start.Year == End.Year && End.Month < 12;

    public Period ShiftYears(int years)
    {
        if (Start.Year + years < 1 || End.Year + years > 9999)
        {
            return this;
        }

        return Kind switch
        {
            PeriodKind.Month => Month(Start.Year + years, Start.Month),
            PeriodKind.Year => Year(Start.Year + years),
            PeriodKind.MonthSpan => Months(Start.Year + years, Start.Month, End.Year + years, End.Month),
            _ => Days(Start.AddYears(years), End.AddYears(years)),
        };
    }

    public Period ShiftMonths(int months)
    {
        if (Kind != PeriodKind.Month || Start.Year < 2 || Start.Year > 9998)
        {
            return this;
        }

        var d = Start.AddMonths(months);
        return Month(d.Year, d.Month);
    }

    public override string ToString() => Kind switch
    {
        PeriodKind.Month => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        PeriodKind.Year => Start.ToString("yyyy", CultureInfo.InvariantCulture),
        PeriodKind.MonthSpan => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture) + "/" + End.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "/" + End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}
