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

    public static void Read(string sentence, DocumentContext doc, ParagraphState paragraph, List<Extracted> records)
    {
        sentence = SpokenNumerals.Normalize(KoreanNumerals.Normalize(sentence));
        var lower = sentence.ToLowerInvariant();
        if (lower.Length != sentence.Length)
        {
            return; // lowercasing changed offsets (rare scripts); positions would not line up.
        }

        paragraph.Currency = Money.DeclaredCurrency(sentence) ?? paragraph.Currency;
        paragraph.Partner = TradeWithPartner(lower, doc) ?? paragraph.Partner;
        var figures = FindFigures(sentence, doc.BareDollar, paragraph.Currency);
        var cues = SentenceCues.Find(sentence, lower, figures, doc, paragraph.Period);
        var measures = new Measures(lower);
        if (measures.IsMovingAverage)
        {
            paragraph.Carry = null;
            return;
        }

        Exclusions.Apply(lower, figures);
        var comparisons = cues.FindAll(c => c.Period is { Role: PeriodRole.Comparison or PeriodRole.YearEarlier or PeriodRole.MonthEarlier });
        if (doc.Korean)
        {
            AttachKoreanBases(lower, figures, cues);
        }

        AttachPossessives(lower, figures, cues);
        ChangeInItem(lower, figures, cues);
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
            var flow = f.FlowOverride is "surplus" or "deficit" or "balance" ? "balance"
                : f.FlowOverride ?? subject.Flow ?? paragraph.Carry?.Flow ?? (subject.Product is not null ? "exports" : null);
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

            var record = Build(sentence, lower, f, figures, fi, flow, balanceSign, subject, period, measures, doc, paragraph, comparisons);
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

    [GeneratedRegex(@"^(?:in\s(?:its\s|their\s)?(?:trade|commerce)\swith|(?:as\sfor\s)?(?:trade\s)?with)\s(?:the\s)?(?<p>[^,]{2,45}),", RegexOptions.CultureInvariant, 500)]
    private static partial Regex TradeWithRegex();

    /// <summary>"In trade with the European Union, …": the partner the rest of the paragraph is about, or null.</summary>
    private static string? TradeWithPartner(string lower, DocumentContext doc)
    {
        if (!lower.StartsWith("in ", StringComparison.Ordinal) && !lower.StartsWith("with ", StringComparison.Ordinal) && !lower.StartsWith("as for", StringComparison.Ordinal)
            && !lower.StartsWith("trade with", StringComparison.Ordinal))
        {
            return null;
        }

        if (SafeRegex.Match(TradeWithRegex(), lower) is not { } m)
        {
            return null;
        }

        var name = m.Groups["p"].Value;
        var terms = doc.Lexicon.Find(name, name);
        return terms.Count == 1 && terms[0].Kind == Vocabulary.TermKind.Partner && terms[0].Start == 0 && terms[0].End >= name.TrimEnd().Length - 8
            && terms[0].Value != doc.Reporter ? terms[0].Value : null;
    }

    [GeneratedRegex(@"^\s?(?:rise|jump|increase|gain|growth|fall|drop|decline|leap|surge|slump|plunge|dip|climb|advance|contraction|expansion|rebound|slide)\s(?:in|of|for)\s(?:the\s)?$", RegexOptions.CultureInvariant, 500)]
    private static partial Regex ChangeNounRegex();

    /// <summary>"lifted by a 31.2% rise in chip sales and a 64.5% leap in ship exports": the item after the change noun is the percent's own.</summary>
    private static void ChangeInItem(string lower, List<Figure> figures, List<Cue> cues)
    {
        foreach (var f in figures)
        {
            if (f.IsMoney)
            {
                continue;
            }

            var cue = cues.Find(c => c.Start >= f.End && c.Start - f.End <= 24 && !c.IsPeriod);
            if (cue is null || cue.Kind is not (TermKind.Product or TermKind.Partner) || !SafeRegex.IsMatch(ChangeNounRegex(), lower[f.End..cue.Start]))
            {
                continue;
            }

            if (cue.Kind == TermKind.Product)
            {
                f.ProductOverride = cue.Value;
            }
            else
            {
                f.PartnerOverride = cue.Value;
            }
        }
    }

    private static List<Figure> FindFigures(string sentence, string bareDollar, string? declared)
    {
        var figures = new List<Figure>();
        foreach (var m in Money.Find(sentence, bareDollar, declared))
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

    private static bool IsBlocked(string lower, Frame frame, int figureStart) =>
        frame.Blocked && frame.BlockedAt >= 0 && frame.BlockedAt <= figureStart && lower.AsSpan(frame.BlockedAt, figureStart - frame.BlockedAt).IndexOfAny(',', ';') < 0;

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
        if (after.Contains("반영한", StringComparison.Ordinal) || after.Contains("고려한", StringComparison.Ordinal) || after.Contains("감안한", StringComparison.Ordinal))
        {
            return true; // "조업일수를 반영한 일평균 수출": the working days qualify the average, they are not its subject.
        }

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

}
