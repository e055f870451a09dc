using IngestWorker.Extraction.Html;
using IngestWorker.Extraction.Parsing;
using IngestWorker.Extraction.Text;

namespace IngestWorker.Extraction.Rules;

/// <summary>
/// The period a bulletin is about (the month, year, fiscal year or part of a month of its headline
/// figures): figures that state no period of their own take it.
/// </summary>
internal static class MainPeriod
{
    private const int MaxSentences = 12;

    public static Period Find(List<ContentBlock> blocks, DateOnly published, string reporter)
    {
        Period? main = null;
        var seen = 0;
        foreach (var block in blocks)
        {
            if (block.Table is not null)
            {
                continue;
            }

            foreach (var sentence in Sentences.Split(block.Text))
            {
                if (seen++ > MaxSentences)
                {
                    return main ?? Fallback(published);
                }

                var lower = sentence.ToLowerInvariant();
                if (lower.Length != sentence.Length)
                {
                    continue;
                }

                foreach (var cue in Periods.Find(sentence, lower, published, main, reporter))
                {
                    if (cue.Role != PeriodRole.Normal || cue.Period.IsYearToDate || !Plausible(cue.Period, published))
                    {
                        continue;
                    }

                    if (main is null)
                    {
                        main = cue.Period;
                    }
                    else if (cue.Period.Kind == PeriodKind.DaySpan && main.Value.Kind == PeriodKind.Month
                        && cue.Period.Start.Year == main.Value.Start.Year && cue.Period.Start.Month == main.Value.Start.Month)
                    {
                        return cue.Period; // "early October" refined by "the first ten days of October"
                    }
                }
            }
        }

        return main ?? Fallback(published);
    }

    private static bool Plausible(Period p, DateOnly published) =>
        p.End.Year >= published.Year - 2 && p.Start <= published && p.Kind != PeriodKind.DaySpan || p.Kind == PeriodKind.DaySpan && p.Start <= published && p.End.Year >= published.Year - 1;

    private static Period Fallback(DateOnly published)
    {
        var last = published.AddMonths(-1);
        return Period.Month(last.Year, last.Month);
    }
}
