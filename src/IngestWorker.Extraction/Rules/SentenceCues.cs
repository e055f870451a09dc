using System.Text.RegularExpressions;
using IngestWorker.Extraction.Parsing;
using IngestWorker.Extraction.Vocabulary;

namespace IngestWorker.Extraction.Rules;

/// <summary>Finds the cues of a sentence (flows, products, partners, periods) and drops those that do not name its subject.</summary>
internal static partial class SentenceCues
{
    [GeneratedRegex(@"\b(?:Ministry|Institute|Administration|Department|Bureau|Agency|Council|Federation|Commission|Service|Office|Centre|Center)\s(?:of|for|on)\s(?:(?:[A-Z][\w&'-]*|and|&|of|the)(?:,)?\s?){1,7}", RegexOptions.CultureInvariant, 500)]
    private static partial Regex OrganisationRegex();

    [GeneratedRegex(@"(?:\b(?:to|from|with|toward|towards|for|into|of)\s(?:the\s)?(?:\w+\s)?$)", RegexOptions.CultureInvariant, 500)]
    private static partial Regex PartnerBeforeRegex();

    [GeneratedRegex(@"(?:\bof\s(?:the\s)?(?:(?:total|overall|entire|all)\s|(?:\w+)'s\s(?:total\s|overall\s|entire\s|outbound\s)*|its\s(?:total\s)?)|\bthan\s(?:the\s|in\s)?)$", RegexOptions.CultureInvariant, 500)]
    private static partial Regex DenominatorBeforeRegex();

    [GeneratedRegex(@"\b(?<a>imports|exports)\s(?:outran|outpaced|exceeded|outstripped|topped|surpassed)\s(?:exports|imports)\sby\s", RegexOptions.CultureInvariant, 500)]
    private static partial Regex OutranRegex();

    public static string MaskOrganisations(string original, string lower)
    {
        var matches = SafeRegex.Matches(OrganisationRegex(), original);
        if (matches.Count == 0)
        {
            return lower;
        }

        var chars = lower.ToCharArray();
        foreach (var m in matches)
        {
            // Keep trade-bloc names such as "Association of Southeast Asian Nations" (not matched: "association" is not listed).
            for (var i = m.Index; i < m.Index + m.Length; i++)
            {
                chars[i] = ' ';
            }
        }

        return new string(chars);
    }

    public static List<Cue> Find(string original, string lower, List<Figure> figures, DocumentContext doc, Period anchor)
    {
        var masked = MaskOrganisations(original, lower);
        var cues = new List<Cue>();
        Cue? lastPartner = null;
        var terms = doc.Lexicon.Find(original, masked);
        foreach (var t in terms)
        {
            if (!doc.Korean && t.Kind == TermKind.Flow && t.Value is "exports" or "imports" && UnknownProduct(original, lower, t, terms, figures) is { } unknown)
            {
                cues.Add(unknown);
            }

            if (Overlaps(figures, t.Start, t.End))
            {
                continue;
            }

            if (t.Kind == TermKind.Partner)
            {
                if (t.Value == doc.Reporter || !IsPartner(lower, t, lastPartner, doc.Korean, figures))
                {
                    continue;
                }
            }

            // "the FDI sector (including crude oil)": an item named inside a scope's description is not the subject.
            if (t.Kind == TermKind.Product && lower.AsSpan(Math.Max(0, t.Start - 12), Math.Min(12, t.Start)).Contains("including", StringComparison.Ordinal))
            {
                continue;
            }

            if (t.Kind is TermKind.Flow or TermKind.Product && SafeRegex.IsMatch(DenominatorBeforeRegex(), lower[Math.Max(0, t.Start - 30)..t.Start]))
            {
                continue;
            }

            var cue = new Cue(t.Start, t.End, t.Kind, t.Value);
            if (t.Kind == TermKind.Partner)
            {
                lastPartner = cue;
            }

            cues.Add(cue);
        }

        foreach (var m in SafeRegex.Matches(OutranRegex(), lower))
        {
            cues.RemoveAll(c => c.Kind == TermKind.Flow && c.Start >= m.Index && c.End <= m.Index + m.Length);
            cues.Add(new Cue(m.Index, m.Index + m.Length, TermKind.Flow, m.Groups["a"].Value == "imports" ? "deficit" : "surplus"));
        }

        foreach (var p in Periods.Find(original, lower, doc.Published, anchor, doc.Reporter))
        {
            if (!Overlaps(figures, p.Start, p.End))
            {
                cues.Add(new Cue(p.Start, p.End, TermKind.Flow, p.Period.ToString(), p));
            }
        }

        cues.Sort((a, b) => a.Start.CompareTo(b.Start));
        return cues;
    }

    /// <summary>
    /// An economy named in English is a trade partner only when the sentence sends goods to it or takes them
    /// from it ("exports to China", "imports of American goods", or a list continuing one); "Korea's exports"
    /// names the reporter and "U.S. tariffs" names neither.
    /// </summary>
    private static bool IsPartner(string lower, Term t, Cue? lastPartner, bool korean, List<Figure> figures)
    {
        if (korean && Percent.IsHangul(lower[t.Start]))
        {
            return true;
        }

        var after = lower.AsSpan(t.End, Math.Min(8, lower.Length - t.End));
        if (after.StartsWith("-bound", StringComparison.Ordinal) || after.StartsWith("'s", StringComparison.Ordinal))
        {
            return after.StartsWith("-bound", StringComparison.Ordinal);
        }

        if (korean)
        {
            return true;
        }

        // "including China (+6.9%), ASEAN (+7.2%)": a partner named with its own figure.
        var rest = lower.AsSpan(t.End, Math.Min(6, lower.Length - t.End)).TrimStart();
        if (rest.Length >= 2 && rest[0] == '(' && (char.IsDigit(rest[1]) || (rest.Length >= 3 && rest[1] is '+' or '-' or '△' or '▲' or '▽' && char.IsDigit(rest[2]))))
        {
            return true;
        }

        var before = lower[Math.Max(0, t.Start - 25)..t.Start];
        if (SafeRegex.IsMatch(PartnerBeforeRegex(), before))
        {
            return true;
        }

        if (lastPartner is not null && t.Start - lastPartner.End < 12)
        {
            var gap = lower[lastPartner.End..t.Start].Trim();
            return gap is "," or "and" or ", and" or "and the" or ", the" or ", and the" or "or" or "&";
        }

        // "with Singapore at US$421 million, Australia at US$389 million": a list whose members each carry their figure.
        return lastPartner is not null && t.Start - lastPartner.End < 80 && IsFigureListGap(lower, lastPartner.End, t.Start, figures);
    }

    [GeneratedRegex(@"^\s*(?:at|of|with|reached|hit|totall?ing|totall?ed|worth|came\sto|amounted\sto|stood\sat|was|were|rose\sto|fell\sto)?\s*\u0001\s*[,;]?\s*(?:and\s|while\s|followed\sby\s)?(?:the\s)?$", RegexOptions.CultureInvariant, 500)]
    private static partial Regex FigureListGapRegex();

    /// <summary>The text between two partners is one figure of the first, then a list separator.</summary>
    private static bool IsFigureListGap(string lower, int from, int to, List<Figure> figures)
    {
        var inside = figures.FindAll(f => f.Start >= from && f.End <= to);
        if (inside.Count != 1)
        {
            return false;
        }

        var gap = string.Concat(lower.AsSpan(from, inside[0].Start - from), "\u0001", lower.AsSpan(inside[0].End, to - inside[0].End));
        return SafeRegex.IsMatch(FigureListGapRegex(), gap);
    }

    private static readonly HashSet<string> OfWords = new(StringComparer.Ordinal)
    {
        "the", "its", "their", "goods", "merchandise", "products", "items", "all", "major", "key", "korean", "chinese", "japanese",
        "american", "this", "that", "these", "those", "some", "such", "other", "both", "most", "each", "every", "more", "less",
    };

    /// <summary>
    /// "ICT exports rose 15.2%", "exports of ramen jumped 30%": a product the vocabulary does not know. The figure's
    /// product is not certain, so it must not be taken as the total.
    /// </summary>
    private static Cue? UnknownProduct(string original, string lower, Term flow, List<Term> terms, List<Figure> figures)
    {
        // A capitalised modifier right before the flow word that is no known name ("ICT exports", "K-food exports").
        var end = flow.Start;
        while (end > 0 && lower[end - 1] == ' ')
        {
            end--;
        }

        var start = end;
        while (start > 0 && (char.IsLetterOrDigit(lower[start - 1]) || lower[start - 1] == '-'))
        {
            start--;
        }

        if (end - start >= 2 && end < flow.Start && char.IsUpper(original[start]) && start > 0 && lower[start - 1] == ' '
            && !terms.Exists(t => t.Start <= start && t.End >= end) && !Parsing.Periods.IsMonthName(lower[start..end]))
        {
            return new Cue(start, end, TermKind.Product, "unknown");
        }

        // "exports of <word>" where the word names nothing known.
        var after = flow.End;
        if (lower.AsSpan(after).StartsWith(" of ", StringComparison.Ordinal))
        {
            var wordStart = after + 4;
            var wordEnd = wordStart;
            while (wordEnd < lower.Length && (char.IsLetter(lower[wordEnd]) || lower[wordEnd] == '-'))
            {
                wordEnd++;
            }

            if (wordEnd > wordStart && !OfWords.Contains(lower[wordStart..wordEnd]) && !terms.Exists(t => t.Start == wordStart)
                && !figures.Exists(f => f.Start == wordStart))
            {
                return new Cue(wordStart, wordEnd, TermKind.Product, "unknown");
            }
        }

        return null;
    }

    private static bool Overlaps(List<Figure> figures, int start, int end)
    {
        foreach (var f in figures)
        {
            if (start < f.End && f.Start < end)
            {
                return true;
            }
        }

        return false;
    }
}
