using System.Text.RegularExpressions;
using IngestWorker.Extraction.Parsing;
using IngestWorker.Extraction.Vocabulary;

namespace IngestWorker.Extraction.Rules;

/// <summary>
/// Pairs lists of figures with lists of subjects: "steel, petrochemicals and auto parts fell 15.9 percent,
/// 14.1 percent and 11.2 percent, respectively", "중국과 미국으로의 수출이 각각 …", "in 2019 and 2020 of 10.4% and 5.5%".
/// </summary>
internal static partial class Lists
{
    [GeneratedRegex(@"^[\s,]*(?:and|or|및|와|과|,|어치와|어치,)?[\s,]*(?:respectively)?[\s,]*$", RegexOptions.CultureInvariant, 500)]
    private static partial Regex FigureSeparatorRegex();

    [GeneratedRegex(@"^[\s,)]*(?:and|&|및|와|과|or|,)?[\s,]*(?:the\s|to\s|in\s|of\s)?$", RegexOptions.CultureInvariant, 500)]
    private static partial Regex CueSeparatorRegex();

    public static void Distribute(string lower, List<Figure> figures, List<Cue> cues)
    {
        var group = 0;
        var i = 0;
        while (i < figures.Count)
        {
            var j = i;
            while (j + 1 < figures.Count && figures[j + 1].IsMoney == figures[i].IsMoney
                && SafeRegex.IsMatch(FigureSeparatorRegex(), lower[figures[j].End..figures[j + 1].Start])
                && !cues.Exists(c => c.Start >= figures[j].End && c.End <= figures[j + 1].Start))
            {
                j++;
            }

            if (j > i)
            {
                for (var k = i; k <= j; k++)
                {
                    figures[k].Group = group;
                }

                group++;
                var chain = FindChain(lower, cues, figures[i].Start, j - i + 1)
                    ?? ChainOfPrecedingFigures(lower, figures, cues, i, j - i + 1);
                if (chain is not null)
                {
                    for (var k = i; k <= j; k++)
                    {
                        Assign(figures[k], chain[k - i]);
                    }
                }
            }

            i = j + 1;
        }
    }

    [GeneratedRegex(@"respectively|각각|차례로|each\b", RegexOptions.CultureInvariant, 500)]
    private static partial Regex RespectivelyRegex();

    /// <summary>
    /// "수출 312억 달러, 수입 325억 달러로 … 각각 3.4%, 6.9% 줄었다", "exports of $5bn and imports of $4bn, up 3% and 2%
    /// respectively": a list that says "respectively" but follows no run of subjects pairs with the figures before it, each
    /// of which has its own subject.
    /// </summary>
    private static List<Cue>? ChainOfPrecedingFigures(string lower, List<Figure> figures, List<Cue> cues, int first, int size)
    {
        if (first < size || !SafeRegex.IsMatch(RespectivelyRegex(), lower[figures[first - 1].End..figures[first + size - 1].End]))
        {
            return null;
        }

        var chain = new List<Cue>();
        for (var k = first - size; k < first; k++)
        {
            var from = k > first - size ? figures[k - 1].End : Math.Max(0, figures[k].Start - 40);
            var cue = cues.FindLast(c => c.Start >= from && c.End <= figures[k].Start && c.IsListable && !c.IsPeriod);
            if (cue is null || figures[k].IsMoney == figures[first].IsMoney || (chain.Count > 0 && (!cue.SameDimension(chain[0]) || cue.Value == chain[^1].Value)))
            {
                return null;
            }

            chain.Add(cue);
        }

        return chain;
    }

    /// <summary>The nearest run of same-kind cues before <paramref name="before"/> with exactly <paramref name="size"/> members.</summary>
    private static List<Cue>? FindChain(string lower, List<Cue> cues, int before, int size)
    {
        var candidates = cues.FindAll(c => c.End <= before && c.IsListable);
        for (var last = candidates.Count - 1; last >= 0; last--)
        {
            var chain = new List<Cue> { candidates[last] };
            for (var k = last - 1; k >= 0; k--)
            {
                var prev = candidates[k];
                var head = chain[0];
                if (!prev.SameDimension(head))
                {
                    break;
                }

                var gap = lower[prev.End..head.Start];
                if (prev.Value == head.Value && gap.Trim() is "(" or "")
                {
                    chain[0] = prev; // "독립국가연합(CIS)": one partner named twice
                    continue;
                }

                if (!SafeRegex.IsMatch(CueSeparatorRegex(), gap))
                {
                    break;
                }

                chain.Insert(0, prev);
            }

            if (chain.Count == size)
            {
                return chain;
            }

            last = candidates.IndexOf(chain[0]);
        }

        return null;
    }

    private static void Assign(Figure figure, Cue cue)
    {
        if (cue.Period is not null)
        {
            figure.PeriodOverride = cue.Period.Period;
            return;
        }

        switch (cue.Kind)
        {
            case TermKind.Product:
                figure.ProductOverride = cue.Value;
                break;
            case TermKind.Partner:
                figure.PartnerOverride = cue.Value;
                break;
            case TermKind.Flow:
                figure.FlowOverride = cue.Value;
                break;
        }
    }
}
