using System.Text.RegularExpressions;
using IngestWorker.Extraction.Parsing;

namespace IngestWorker.Extraction.Rules;

/// <summary>Binds period phrases to the figures they follow ("$628.7 billion set in 2022", "54.71% above the April 2020-March 2021 level").</summary>
internal static partial class SentenceReader
{
    [GeneratedRegex(@"^\s?,?\s?(?:(?:which\s|that\s)?(?:was\s|were\s|had\s(?:been\s)?)?(?:set|recorded|posted|exported|imported|registered|reached|seen|logged|dated|dating|achieved|marked)\s)?(?:(?:increase|decrease|rise|gain|drop|decline|growth|contraction|jump|fall|slide|slump|dip|plunge|surge|climb|advance|retreat|expansion|contraction)\s)?(?:in|of|for|during|from|on|at|over)?\s?(?:the\s)?(?:whole\s(?:of\s)?|month\sof\s)?$", RegexOptions.CultureInvariant, 500)]
    private static partial Regex AttachGapRegex();

    [GeneratedRegex(@"^\s?(?:above|over|more\sthan|higher\sthan|below|less\sthan|lower\sthan|from|compared\swith|compared\sto|than|up\sfrom|down\sfrom)\s(?:the\s)?$", RegexOptions.CultureInvariant, 500)]
    private static partial Regex ComparisonGapRegex();

    [GeneratedRegex(@"^\s?(?:level|figure|value|total|amount|record)?\s?(?:of|at)?\s?$", RegexOptions.CultureInvariant, 500)]
    private static partial Regex BaseAmountGapRegex();

    [GeneratedRegex(@"^\s?(?:\(|의\s?)?\s?$", RegexOptions.CultureInvariant, 500)]
    private static partial Regex KoreanBaseLeadRegex();

    [GeneratedRegex(@"^\s?\)?\s?(?:흑자|적자)?\s?\)?\s?(?:와|과|에|이|로)?\s?(?:보다|대비|에\s?비해|비해|비교해|비교하면|와\s?비교|과\s?비교|견줘|견주어|견주면)", RegexOptions.CultureInvariant, 500)]
    private static partial Regex KoreanBaseTailRegex();

    /// <summary>
    /// Korean names a base amount after its period: "지난해 같은 기간(51억 달러)보다 12.2% 증가한", "작년 5월 488억 달러와 견줘",
    /// "전월(67억달러 적자)보다". The period phrase dates that amount; when a comparison follows, it is the base of the change
    /// and dates nothing else in the sentence.
    /// </summary>
    private static void AttachKoreanBases(string lower, List<Figure> figures, List<Cue> cues)
    {
        foreach (var f in figures)
        {
            if (!f.IsMoney || f.Attached is not null)
            {
                continue;
            }

            var before = cues.FindLast(c => c.End <= f.Start && c.Period is { Role: PeriodRole.Normal or PeriodRole.YearEarlier or PeriodRole.MonthEarlier });
            if (before?.Period is not { } period || !SafeRegex.IsMatch(KoreanBaseLeadRegex(), lower[before.End..f.Start]))
            {
                continue;
            }

            var tail = lower[f.End..Math.Min(lower.Length, f.End + 16)];
            if (!SafeRegex.IsMatch(KoreanBaseTailRegex(), tail))
            {
                continue;
            }

            f.Attached = period;
            f.AttachedOwn = true;
            cues.Remove(before);
        }
    }

    [GeneratedRegex(@"^(?:'s|’s)\s(?:(?:record|all-time|high|low|peak|revised|total|figure|level|tally|final|preliminary|provisional|upwardly|downwardly|a)\s){0,3}(?:of\s)?$", RegexOptions.CultureInvariant, 500)]
    private static partial Regex PossessiveGapRegex();

    /// <summary>"April's record €112.6 billion", "last year's 3.1%": a period written as the owner of a figure dates that figure only.</summary>
    private static void AttachPossessives(string lower, List<Figure> figures, List<Cue> cues)
    {
        foreach (var f in figures)
        {
            if (f.Attached is not null)
            {
                continue;
            }

            var before = cues.FindLast(c => c.End <= f.Start && c.Period is not null);
            if (before?.Period is not { Role: PeriodRole.Normal } period || f.Start - before.End > 40
                || !SafeRegex.IsMatch(PossessiveGapRegex(), lower[before.End..f.Start]))
            {
                continue;
            }

            f.Attached = period;
            f.AttachedOwn = true;
            cues.Remove(before);
        }
    }

    /// <summary>Binds a period phrase written right after a figure to it ("$628.7 billion set in 2022"); the phrase then names no other figure.</summary>
    private static void Attach(string lower, List<Figure> figures, List<Cue> cues)
    {
        for (var i = 0; i < figures.Count; i++)
        {
            var f = figures[i];
            var next = cues.Find(c => c.Start >= f.End && c.Period is not null);
            var nextFigure = i + 1 < figures.Count ? figures[i + 1] : null;
            if (!f.IsMoney && next?.Period is { Role: PeriodRole.Normal } basePhrase && (nextFigure is null || next.End <= nextFigure.Start)
                && SafeRegex.IsMatch(ComparisonGapRegex(), lower[f.End..next.Start]))
            {
                // "54.71% above the April 2020-March 2021 level of USD 394.44 billion": the phrase names the base, and the amount after it.
                f.BasePeriod = basePhrase.Period;
                cues.Remove(next);
                if (nextFigure is { IsMoney: true } && SafeRegex.IsMatch(BaseAmountGapRegex(), lower[next.End..nextFigure.Start]))
                {
                    nextFigure.PeriodOverride = basePhrase.Period;
                }

                continue;
            }

            if (next?.Period is not { Role: PeriodRole.Normal or PeriodRole.YearEarlier or PeriodRole.MonthEarlier } period)
            {
                continue;
            }

            if (nextFigure is not null && nextFigure.Start < next.Start)
            {
                continue;
            }

            var gap = lower[f.End..next.Start];
            if (SafeRegex.IsMatch(AttachGapRegex(), gap))
            {
                f.Attached = period;
                // "a 28.4% slide the month before" dates the figure; "rose 5% from a year earlier" names its base.
                f.AttachedOwn = gap.Contains(" of ", StringComparison.Ordinal) || gap.Contains(" in ", StringComparison.Ordinal)
                    || gap.Contains(" for ", StringComparison.Ordinal) || gap.Contains(" during ", StringComparison.Ordinal)
                    || (period.Role == PeriodRole.MonthEarlier && !f.IsMoney && !gap.Contains("from", StringComparison.Ordinal)
                        && !gap.Contains("over", StringComparison.Ordinal) && !gap.Contains("on ", StringComparison.Ordinal));
                cues.Remove(next);
            }
        }
    }

    /// <summary>"The deficit widened 4.2 percent to $78.2 billion in March": the period closing the clause covers its percent too.</summary>
    private static void ShareClausePeriod(string lower, List<Figure> figures, List<Cue> cues)
    {
        for (var i = 0; i + 1 < figures.Count; i++)
        {
            var f = figures[i];
            var next = figures[i + 1];
            if (f.IsMoney || f.Attached is not null || !next.IsMoney || next.Attached is not { Role: PeriodRole.Normal } attached
                || cues.Exists(c => c.Period is { Role: PeriodRole.Normal } && c.End <= f.Start))
            {
                continue;
            }

            var gap = lower[f.End..next.Start].Trim();
            if (gap is "to" or "at" or "to a record" or "to a record high of" or "to an all-time high of")
            {
                f.PeriodOverride = attached.Period;
            }
        }
    }
}
