using System.Text.RegularExpressions;
using IngestWorker.Extraction.Parsing;
using IngestWorker.Extraction.Vocabulary;

namespace IngestWorker.Extraction.Rules;

/// <summary>
/// Reads one sentence into records: finds its figures and cues, then walks them left to right keeping
/// a running subject (flow, product, partner, period) that each figure takes its keys from.
/// </summary>
internal static partial class SentenceReader
{
    [GeneratedRegex(@"^\s?,?\s?(?:(?:which\s|that\s)?(?:was\s|were\s|had\s(?:been\s)?)?(?:set|recorded|posted|exported|imported|registered|reached|seen|logged|dated|dating|achieved|marked)\s)?(?:(?:increase|decrease|rise|gain|drop|decline|growth|contraction|jump|fall)\s)?(?:in|of|for|during|from|on|at|over)?\s?(?:the\s)?(?:whole\s(?:of\s)?|month\sof\s)?$", RegexOptions.CultureInvariant, 500)]
    private static partial Regex AttachGapRegex();

    [GeneratedRegex(@"^\s?(?:above|over|more\sthan|higher\sthan|below|less\sthan|lower\sthan|from|compared\swith|compared\sto|than|up\sfrom|down\sfrom)\s(?:the\s)?$", RegexOptions.CultureInvariant, 500)]
    private static partial Regex ComparisonGapRegex();

    [GeneratedRegex(@"^\s?(?:level|figure|value|total|amount|record)?\s?(?:of|at)?\s?$", RegexOptions.CultureInvariant, 500)]
    private static partial Regex BaseAmountGapRegex();

    public static void Read(string sentence, DocumentContext doc, ParagraphState paragraph, List<Extracted> records)
    {
        sentence = KoreanNumerals.Normalize(sentence);
        var lower = sentence.ToLowerInvariant();
        if (lower.Length != sentence.Length)
        {
            return; // lowercasing changed offsets (rare scripts); positions would not line up.
        }

        var figures = FindFigures(sentence);
        var cues = SentenceCues.Find(sentence, lower, figures, doc, paragraph.Period);
        var measures = new Measures(lower);
        if (measures.IsMovingAverage)
        {
            paragraph.Carry = null;
            return;
        }

        Exclusions.Apply(lower, figures);
        var comparisons = cues.FindAll(c => c.Period is { Role: PeriodRole.Comparison or PeriodRole.YearEarlier or PeriodRole.MonthEarlier });
        Attach(lower, figures, cues);
        ShareClausePeriod(lower, figures, cues);
        Lists.Distribute(lower, figures, cues);

        var frame = new Frame();
        var subjectSeen = false;
        var used = false;
        Frame? lastFigureFrame = null;
        var cueIndex = 0;
        for (var fi = 0; fi < figures.Count; fi++)
        {
            var f = figures[fi];
            for (; cueIndex < cues.Count && cues[cueIndex].Start < f.Start; cueIndex++)
            {
                Apply(lower, cues[cueIndex], frame, ref used, ref subjectSeen);
            }

            used = true;
            if (f.Excluded || IsBlocked(lower, frame, f.Start))
            {
                continue;
            }

            var subject = subjectSeen ? frame : LookAhead(lower, cues, cueIndex, f.End, fi + 1 < figures.Count ? figures[fi + 1].Start : lower.Length, paragraph.Carry, frame);
            var flow = f.FlowOverride ?? subject.Flow ?? paragraph.Carry?.Flow ?? (subject.Product is not null ? "exports" : null);
            if (flow is null || (!subjectSeen && subject.Blocked))
            {
                continue;
            }

            var balanceSign = f.FlowOverride is not null ? FlowSign(f.FlowOverride) : subject.Flow is null ? paragraph.Carry?.BalanceSign ?? 0 : subject.BalanceSign;
            var period = ResolvePeriod(f, figures, fi, subject, paragraph);
            f.Resolved = period;
            if (!f.IsMoney && IsGrowthOverOtherBase(lower, f, fi + 1 < figures.Count ? figures[fi + 1] : null, period, cues))
            {
                continue;
            }

            var record = Build(sentence, lower, f, figures, fi, flow, balanceSign, subject, period, measures, doc, comparisons);
            if (record is not null)
            {
                records.Add(record);
                lastFigureFrame = subject.Copy();
                lastFigureFrame.Blocked = false;
                lastFigureFrame.Flow = flow;
                lastFigureFrame.BalanceSign = balanceSign;
            }
        }

        for (; cueIndex < cues.Count; cueIndex++)
        {
            Apply(lower, cues[cueIndex], frame, ref used, ref subjectSeen);
        }

        if (frame.Period is { } p)
        {
            paragraph.Period = p;
        }

        if (lastFigureFrame is not null)
        {
            paragraph.Carry = lastFigureFrame;
        }
        else if (subjectSeen && frame.Flow is not null)
        {
            paragraph.Carry = frame.Copy();
        }
    }

    private static List<Figure> FindFigures(string sentence)
    {
        var figures = new List<Figure>();
        foreach (var m in Money.Find(sentence))
        {
            figures.Add(new Figure { Start = m.Start, End = m.End, IsMoney = true, Value = m.Value, Unit = m.Currency, Decimals = m.Decimals });
        }

        foreach (var p in Percent.Find(sentence))
        {
            if (!figures.Exists(f => p.Start < f.End && f.Start < p.End))
            {
                figures.Add(new Figure { Start = p.Start, End = p.End, IsMoney = false, Value = p.Value, Unit = "%", ExplicitSign = p.Sign, IsRangeEnd = p.IsRangeEnd, Decimals = Numbers.Decimals(p.Value) });
            }
        }

        figures.Sort((a, b) => a.Start.CompareTo(b.Start));
        return figures;
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
                f.AttachedOwn = gap.Contains(" of ", StringComparison.Ordinal) || gap.Contains(" in ", StringComparison.Ordinal)
                    || gap.Contains(" for ", StringComparison.Ordinal) || gap.Contains(" during ", StringComparison.Ordinal);
                cues.Remove(next);
            }
        }
    }

    private static bool IsBlocked(string lower, Frame frame, int figureStart) =>
        frame.Blocked && frame.BlockedAt >= 0 && frame.BlockedAt <= figureStart && lower.AsSpan(frame.BlockedAt, figureStart - frame.BlockedAt).IndexOfAny(',', ';') < 0;

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

    private static void Apply(string lower, Cue cue, Frame frame, ref bool used, ref bool subjectSeen)
    {
        if (cue.Period is { } p)
        {
            if (p.Role == PeriodRole.Normal)
            {
                frame.Period = p.Period;
            }

            return;
        }

        var startsSubject = cue.Kind is TermKind.Flow or TermKind.Product or TermKind.Partner or TermKind.Daily;
        if (startsSubject && (used || NewClause(lower, frame, cue)))
        {
            frame.NewSubject(keepFlow: cue.Kind != TermKind.Flow || cue.Value == "same");
            used = false;
        }

        if (startsSubject)
        {
            frame.LastSubjectEnd = cue.End;
        }

        switch (cue.Kind)
        {
            case TermKind.Flow:
                if (cue.Value == "same")
                {
                    subjectSeen = true;
                    break;
                }

                frame.Flow = cue.Value switch { "surplus" or "deficit" or "balance" => "balance", _ => cue.Value };
                frame.BalanceSign = FlowSign(cue.Value) is var s && s != 0 ? s : frame.Flow == "balance" ? frame.BalanceSign : 0;
                frame.Blocked = false;
                subjectSeen = true;
                break;
            case TermKind.Product:
                frame.Product = cue.Value == "total" ? null : cue.Value;
                frame.Blocked = false;
                subjectSeen = true;
                break;
            case TermKind.Partner:
                frame.Partner = cue.Value;
                frame.Blocked = false;
                subjectSeen = true;
                break;
            case TermKind.Daily:
                frame.Daily = true;
                subjectSeen = true;
                break;
            case TermKind.Blocker when !IsCause(lower, cue):
            case TermKind.TotalTrade:
                frame.Blocked = true;
                frame.BlockedAt = cue.End;
                used = true;
                break;
        }
    }

    /// <summary>A flow named in a new clause ("…, and exports to China rose") starts a new subject even before any figure.</summary>
    private static bool NewClause(string lower, Frame frame, Cue cue)
    {
        if (cue.Kind != TermKind.Flow || frame.LastSubjectEnd < 0 || frame.LastSubjectEnd > cue.Start)
        {
            return false;
        }

        var gap = lower.AsSpan(frame.LastSubjectEnd, cue.Start - frame.LastSubjectEnd);
        return gap.Contains(';') || gap.Contains(", and ", StringComparison.Ordinal) || gap.Contains(" while ", StringComparison.Ordinal)
            || gap.Contains(" but ", StringComparison.Ordinal) || gap.Contains(", whereas ", StringComparison.Ordinal);
    }

    /// <summary>"amid strong prices", "가격 강세 속에": a non-trade subject named as a cause does not take over the sentence.</summary>
    private static bool IsCause(string lower, Cue cue)
    {
        var before = lower[Math.Max(0, cue.Start - 30)..cue.Start];
        var after = lower[cue.End..Math.Min(lower.Length, cue.End + 12)];
        return before.Contains("amid ", StringComparison.Ordinal) || before.Contains(" as ", StringComparison.Ordinal) || before.Contains("due to", StringComparison.Ordinal)
            || before.Contains("thanks to", StringComparison.Ordinal) || before.Contains("because of", StringComparison.Ordinal) || before.Contains("on the back of", StringComparison.Ordinal)
            || after.Contains("속에", StringComparison.Ordinal) || after.Contains("덕분", StringComparison.Ordinal) || after.Contains("영향", StringComparison.Ordinal)
            || after.Contains('탓', StringComparison.Ordinal) || after.Contains("힘입어", StringComparison.Ordinal) || after.Contains("로 인해", StringComparison.Ordinal)
            || after.Contains("으로", StringComparison.Ordinal) || after.Contains("여파", StringComparison.Ordinal);
    }

    private static int FlowSign(string flow) => flow switch { "surplus" => 1, "deficit" => -1, _ => 0 };

    /// <summary>A figure before any subject ("A 35.1% jump in chip exports") takes the subject written after it, else the previous sentence's.</summary>
    private static Frame LookAhead(string lower, List<Cue> cues, int from, int figureEnd, int until, Frame? carry, Frame current)
    {
        var ahead = new Frame { Period = current.Period };
        var found = false;
        var clauseEnd = lower.IndexOfAny([',', ';'], figureEnd);
        if (clauseEnd >= 0 && clauseEnd < until)
        {
            until = clauseEnd;
        }

        for (var i = from; i < cues.Count && cues[i].Start < until; i++)
        {
            var c = cues[i];
            if (c.Period is { Role: PeriodRole.Normal } p)
            {
                ahead.Period = p.Period;
                continue;
            }

            if (c.Period is not null || c.Kind is TermKind.Blocker or TermKind.TotalTrade or TermKind.Daily)
            {
                continue;
            }

            var ignoredUsed = false;
            var seen = false;
            Apply(lower, c, ahead, ref ignoredUsed, ref seen);
            found = true;
        }

        if (found)
        {
            ahead.Flow ??= carry?.Flow;
            return ahead;
        }

        if (carry is null)
        {
            return current;
        }

        var inherited = carry.Copy();
        inherited.Period = current.Period;
        return inherited;
    }

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
        Frame subject, Period period, Measures measures, DocumentContext doc, List<Cue> comparisons)
    {
        var product = f.ProductOverride ?? subject.Product ?? "total";
        if (product == "unknown")
        {
            return null; // a product the vocabulary does not know: its key is not certain.
        }

        var partner = f.PartnerOverride ?? subject.Partner ?? "world";
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
            var compared = ComparedWith(comparisons, f, period);
            measure = measures.IsShare(f.Start, f.End) ? "share_pct"
                : subject.Daily ? "daily_avg_yoy_pct"
                : measures.IsPreviousPeriod(f.Start, f.End, index > 0 ? figures[index - 1].End : 0, index + 1 < figures.Count ? figures[index + 1].Start : lower.Length) || compared < 0 ? "mom_pct"
                : compared > 0 || f.Attached is { Role: PeriodRole.YearEarlier } ? "yoy_pct"
                : doc.Seasonal && period.Kind == PeriodKind.Month ? "mom_pct"
                : "yoy_pct";
        }

        var basis = measures.IsForecast(f.Start) ? "forecast" : "actual";
        if (basis == "forecast" && lower[Math.Max(0, f.Start - 6)..f.Start].EndsWith("from ", StringComparison.Ordinal))
        {
            return null; // "raised its forecast to 3% from 1.5%": the old forecast is superseded.
        }

        var adjustment = doc.Seasonal || measures.IsSeasonal ? "seasonal" : "none";
        var evidence = sentence.Length > 300 ? sentence[..300] : sentence;
        return new Extracted(new FigureRecord(doc.Reporter, flow, product, partner, period.ToString(), measure, basis, adjustment, value, f.Unit, evidence), f.Decimals);
    }

    /// <summary>
    /// What the sentence says a percent is compared with: +1 a year earlier ("compared with March 2023",
    /// "from a year earlier"), -1 the previous month ("compared with February 2024"), 0 when it does not say.
    /// </summary>
    private static int ComparedWith(List<Cue> comparisons, Figure f, Period period)
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

        return cue.Period.Kind == PeriodKind.Month && period.Kind == PeriodKind.Month && cue.Period.Start == period.Start.AddMonths(-1) ? -1 : 0;
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
