using IngestWorker.Extraction.Html;
using IngestWorker.Extraction.Parsing;
using IngestWorker.Extraction.Text;

namespace IngestWorker.Extraction.Rules;

/// <summary>
/// The period a bulletin is about (the month, year, fiscal year or part of a month of its lead
/// figure): figures that state no period of their own take it. It is the period named for the first
/// figure of the text (before it, else the last one named earlier, else right after it); cumulative
/// year-to-date spans are never the main period.
/// </summary>
internal static class MainPeriod
{
    private const int MaxSentences = 15;

    public static Period Find(List<ContentBlock> blocks, DateOnly published, string reporter)
    {
        Period? main = null;
        Period? lastSeen = null;
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
                    return Refine(main ?? lastSeen, blocks, published, reporter) ?? Fallback(published);
                }

                var lower = sentence.ToLowerInvariant();
                if (lower.Length != sentence.Length)
                {
                    continue;
                }

                var cues = Periods.Find(sentence, lower, published, null, reporter)
                    .FindAll(c => c.Role == PeriodRole.Normal && !c.Period.IsYearToDate && Plausible(c.Period, published));
                var firstFigure = FirstFigure(sentence);
                if (firstFigure < 0 || cues.Count == 0)
                {
                    if (cues.Count > 0)
                    {
                        lastSeen = cues[^1].Period;
                    }
                    else if (firstFigure >= 0 && lastSeen is not null)
                    {
                        main = lastSeen;
                    }

                    if (main is not null)
                    {
                        return Refine(main, blocks, published, reporter) ?? main.Value;
                    }

                    continue;
                }

                var before = cues.FindLast(c => c.End <= firstFigure);
                main = before?.Period ?? lastSeen ?? cues[0].Period;
                return Refine(main, blocks, published, reporter) ?? main.Value;
            }
        }

        return Refine(main ?? lastSeen, blocks, published, reporter) ?? Fallback(published);
    }

    /// <summary>"Early October" is refined by "the first ten days of October" stated nearby.</summary>
    private static Period? Refine(Period? main, List<ContentBlock> blocks, DateOnly published, string reporter)
    {
        if (main is not { Kind: PeriodKind.Month } month)
        {
            return main;
        }

        var seen = 0;
        foreach (var block in blocks)
        {
            if (block.Table is not null)
            {
                continue;
            }

            foreach (var sentence in Sentences.Split(block.Text))
            {
                if (seen++ > 6)
                {
                    return main;
                }

                var lower = sentence.ToLowerInvariant();
                if (lower.Length != sentence.Length)
                {
                    continue;
                }

                foreach (var cue in Periods.Find(sentence, lower, published, month, reporter))
                {
                    if (cue.Role == PeriodRole.Normal && cue.Period.Kind == PeriodKind.DaySpan
                        && cue.Period.Start.Year == month.Start.Year && cue.Period.Start.Month == month.Start.Month)
                    {
                        return cue.Period;
                    }
                }
            }
        }

        return main;
    }

    private static int FirstFigure(string sentence)
    {
        var money = Money.Find(sentence);
        var percent = Percent.Find(sentence);
        var first = int.MaxValue;
        if (money.Count > 0)
        {
            first = money[0].Start;
        }

        if (percent.Count > 0)
        {
            first = Math.Min(first, percent[0].Start);
        }

        return first == int.MaxValue ? -1 : first;
    }

    private static bool Plausible(Period p, DateOnly published) =>
        p.End.Year >= published.Year - 2 && p.Start <= published && p.Kind != PeriodKind.DaySpan || p.Kind == PeriodKind.DaySpan && p.Start <= published && p.End.Year >= published.Year - 1;

    private static Period Fallback(DateOnly published)
    {
        var last = published.AddMonths(-1);
        return Period.Month(last.Year, last.Month);
    }
}
