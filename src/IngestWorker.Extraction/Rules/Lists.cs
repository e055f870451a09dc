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
                var chain = FindChain(lower, cues, figures[i].Start, j - i + 1);
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
