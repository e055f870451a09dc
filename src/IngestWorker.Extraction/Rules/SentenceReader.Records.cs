using IngestWorker.Extraction.Parsing;
using IngestWorker.Extraction.Vocabulary;

namespace IngestWorker.Extraction.Rules;

/// <summary>Turns a figure and its resolved subject into a record: period, measure, sign, basis and adjustment.</summary>
internal static partial class SentenceReader
{
    private static Period ResolvePeriod(Figure f, List<Figure> figures, int index, Frame subject, ParagraphState paragraph)
    {
        if (f.PeriodOverride is { } o)
        {
            return o;
        }

        if (f.Attached is { } a)
        {
            if (a.Role == PeriodRole.Normal)
            {
                return a.Period;
            }

            var basePeriod = index > 0 && figures[index - 1].Resolved is { } prev ? prev : subject.Period ?? paragraph.Period;
            if (!f.IsMoney && !f.AttachedOwn)
            {
                return basePeriod;
            }

            return a.Role == PeriodRole.MonthEarlier ? basePeriod.ShiftMonths(-1) : basePeriod.ShiftYears(-1);
        }

        return subject.Period ?? paragraph.Period;
    }

    /// <summary>"87.89% above the USD 21.49 billion of March 2020" compares with two years earlier: no contract measure.</summary>
    private static bool IsGrowthOverOtherBase(string lower, Figure f, Figure? next, Period period, List<Cue> cues)
    {
        if (f.BasePeriod is { } basePeriod)
        {
            return basePeriod != period.ShiftYears(-1);
        }

        if (next is not { IsMoney: true, Attached: { Role: PeriodRole.Normal } attached } || !SafeRegex.IsMatch(ComparisonGapRegex(), lower[f.End..next.Start]))
        {
            return false;
        }

        return attached.Period != period.ShiftYears(-1);
    }

    private static Extracted? Build(string sentence, string lower, Figure f, List<Figure> figures, int index, string flow, int balanceSign,
        Frame subject, Period period, Measures measures, DocumentContext doc, ParagraphState paragraph, List<Cue> comparisons)
    {
        var product = f.ProductOverride ?? subject.Product ?? "total";
        if (product == "unknown")
        {
            return null; // a product the vocabulary does not know: its key is not certain.
        }

        if (doc.DomesticExportsSeries && flow == "exports" && !Products.IsDomesticExportsSeries(product))
        {
            // In a release about non-oil domestic exports, "exports" are that series (unless called total or overall) and the
            // items inside it are not records.
            if (product != "total")
            {
                return null;
            }

            if (!lower.Contains("total exports", StringComparison.Ordinal) && !lower.Contains("overall exports", StringComparison.Ordinal))
            {
                product = "non-oil-domestic-exports";
            }
        }

        var partner = f.PartnerOverride ?? subject.Partner ?? paragraph.Partner ?? "world";
        var value = f.Value;
        string measure;
        if (f.IsMoney)
        {
            measure = subject.Daily ? "daily_avg_value" : "value";
            if (flow == "balance")
            {
                var sign = Measures.KoreanBalanceSign(lower, f.End) is var k && k != 0 ? k : balanceSign;
                value = sign < 0 ? -value : value;
            }
        }
        else
        {
            var sign = f.ExplicitSign != 0 ? f.ExplicitSign : f.WordSign;
            if (sign == 0)
            {
                var windowStart = index > 0 ? figures[index - 1].End : 0;
                var windowEnd = index + 1 < figures.Count ? figures[index + 1].Start : lower.Length;
                sign = Signs.Read(lower, f.Start, f.End, windowStart, doc.Korean ? lower.Length : windowEnd);
                if (sign == 0 && f.Group >= 0)
                {
                    sign = GroupSign(lower, f, figures, doc);
                }

                if (sign == 0 && index > 0 && figures[index - 1] is { IsMoney: false, Excluded: false } previous)
                {
                    sign = previous.ExplicitSign != 0 ? 0 : previous.WordSign; // "exports decreased by 4.1% and imports by 1.8%"
                }
            }

            f.WordSign = sign;
            value = sign < 0 ? -value : value;
            var compared = ComparedWith(lower, comparisons, f, period);
            if (compared == OtherBase)
            {
                return null; // "up 12% compared with 2019": growth over another base has no contract measure.
            }

            var previousEnd = index > 0 ? figures[index - 1].End : 0;
            var nextStart = index + 1 < figures.Count ? figures[index + 1].Start : lower.Length;
            var saysYearOnYear = measures.IsYearOnYear(f.Start, f.End, previousEnd, nextStart);
            var saysPreviousPeriod = !saysYearOnYear && measures.IsPreviousPeriod(f.Start, f.End, previousEnd, nextStart);
            var yearOnYear = saysYearOnYear || (!saysPreviousPeriod && (compared > 0 || f.Attached is { Role: PeriodRole.YearEarlier }));
            var previousPeriod = !yearOnYear && (saysPreviousPeriod || compared < 0);
            if (saysYearOnYear || saysPreviousPeriod)
            {
                paragraph.LastChange = saysPreviousPeriod ? "mom_pct" : "yoy_pct";
                paragraph.FirstChange ??= paragraph.LastChange;
            }

            // A change that names no base takes the base its paragraph last named, else the base the bulletin named first
            // ("Exports dropped 0.5% month-on-month. This followed a 2.9% rise in August."); Korean news names its base each
            // time and defaults to a year earlier.
            measure = measures.IsShare(f.Start, f.End) ? "share_pct"
                : subject.Daily ? "daily_avg_yoy_pct"
                : previousPeriod ? "mom_pct"
                : yearOnYear ? "yoy_pct"
                : !doc.Korean && (paragraph.LastChange ?? paragraph.FirstChange) == "mom_pct" ? "mom_pct"
                : doc.Seasonal && period.Kind == PeriodKind.Month ? "mom_pct"
                : "yoy_pct";
        }

        if (measure == "share_pct" && product == "total" && partner == "world")
        {
            // A share of what? "accounting for 46.5 percent of total exports" names a part the vocabulary does not
            // know, and "imports made up 66 percent of total trade" is a share of total trade: neither is a record.
            return null;
        }

        var basis = measures.IsForecast(f.Start, (from, to) => GovernsOtherFigure(lower, figures, from, to)) ? "forecast" : "actual";
        if (basis == "forecast" && lower[Math.Max(0, f.Start - 6)..f.Start].EndsWith("from ", StringComparison.Ordinal))
        {
            return null; // "raised its forecast to 3% from 1.5%": the old forecast is superseded.
        }

        var adjustment = !measures.IsUnadjusted && (doc.Seasonal || measures.IsSeasonal) ? "seasonal" : "none";
        var evidence = sentence.Length > 300 ? sentence[..300] : sentence;
        return new Extracted(new FigureRecord(doc.Reporter, flow, product, partner, period.ToString(), measure, basis, adjustment, Numbers.Normalize(value), f.Unit, evidence), f.Decimals);
    }

    /// <summary>
    /// What the sentence says a percent is compared with: +1 a year earlier ("compared with March 2023",
    /// "from a year earlier"), -1 the previous month ("compared with February 2024"), 0 when it does not say.
    /// </summary>
    private const int OtherBase = 2;

    private static int ComparedWith(string lower, List<Cue> comparisons, Figure f, Period period)
    {
        Cue? nearest = null;
        foreach (var c in comparisons)
        {
            if (nearest is null || Math.Abs(c.Start - f.Start) < Math.Abs(nearest.Start - f.Start))
            {
                nearest = c;
            }
        }

        if (nearest?.Period is not { } cue)
        {
            return 0;
        }

        if (cue.Role == PeriodRole.YearEarlier || cue.Period == period.ShiftYears(-1))
        {
            return 1;
        }

        if (cue.Role == PeriodRole.MonthEarlier)
        {
            return -1;
        }

        if (cue.Period.Kind == PeriodKind.Month && period.Kind == PeriodKind.Month && cue.Period.Start == period.Start.AddMonths(-1))
        {
            return -1;
        }

        // A base named right after the percent in its own clause ("rose 12% compared with 2019", "30% above 2019 levels")
        // that is neither a year nor a month before.
        if (nearest.Start > f.End && nearest.Start - f.End < 40 && lower.AsSpan(f.End, nearest.Start - f.End).IndexOfAny(',', ';') < 0
            && cue.Period.End < period.Start && (cue.Period.Kind == period.Kind))
        {
            var gap = lower[f.End..nearest.Start];
            if (gap.Contains("compared", StringComparison.Ordinal) || gap.Contains("from", StringComparison.Ordinal)
                || gap.Contains("than", StringComparison.Ordinal) || gap.Contains("over", StringComparison.Ordinal)
                || gap.Contains("above", StringComparison.Ordinal) || gap.Contains("versus", StringComparison.Ordinal))
            {
                return OtherBase;
            }
        }

        return 0;
    }

    /// <summary>
    /// The word ending at <paramref name="from"/> modifies a figure written right after it ("the expected 9.2%") that a comma
    /// or semicolon separates from <paramref name="to"/>: the word belongs to that figure.
    /// </summary>
    private static bool GovernsOtherFigure(string lower, List<Figure> figures, int from, int to)
    {
        foreach (var g in figures)
        {
            if (g.Start >= from && g.Start - from <= 3 && g.End <= to && lower.AsSpan(g.End, to - g.End).IndexOfAny(',', ';') >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static int GroupSign(string lower, Figure f, List<Figure> figures, DocumentContext doc)
    {
        foreach (var g in figures)
        {
            if (g != f && g.Group == f.Group)
            {
                var idx = figures.IndexOf(g);
                var s = g.ExplicitSign != 0 ? g.ExplicitSign : g.WordSign != 0 ? g.WordSign
                    : Signs.Read(lower, g.Start, g.End, idx > 0 ? figures[idx - 1].End : 0, doc.Korean ? lower.Length : idx + 1 < figures.Count ? figures[idx + 1].Start : lower.Length);
                if (s != 0)
                {
                    return s;
                }
            }
        }

        return 0;
    }
}
