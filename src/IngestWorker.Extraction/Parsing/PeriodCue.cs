namespace IngestWorker.Extraction.Parsing;

/// <summary>How a period phrase relates to the figures around it.</summary>
internal enum PeriodRole
{
    /// <summary>Names the period figures cover ("in November", "for 2017").</summary>
    Normal,

    /// <summary>Names a comparison base ("from 2019", "since 2011", "than in May"): never a figure's own period.</summary>
    Comparison,

    /// <summary>"A year earlier", "the same period last year": the period of the figure it sits beside, a year back.</summary>
    YearEarlier,

    /// <summary>"A month earlier", "the previous month": the period of the figure it sits beside, a month back.</summary>
    MonthEarlier,

    /// <summary>A calendar date ("Sept. 1", "04 APR 2022"): when something was said, not a period.</summary>
    Date,
}

/// <summary>A period phrase found in a sentence, resolved against the publication date.</summary>
internal sealed record PeriodCue(int Start, int End, Period Period, PeriodRole Role);
