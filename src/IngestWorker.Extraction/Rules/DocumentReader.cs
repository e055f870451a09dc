using System.Text.RegularExpressions;
using IngestWorker.Extraction.Html;
using IngestWorker.Extraction.Parsing;
using IngestWorker.Extraction.Tables;
using IngestWorker.Extraction.Text;
using IngestWorker.Extraction.Vocabulary;

namespace IngestWorker.Extraction.Rules;

/// <summary>Reads the blocks of one bulletin, top to bottom: context first (reporter, main period, treatment), then every paragraph and table.</summary>
internal static partial class DocumentReader
{
    [GeneratedRegex(@"\bservices\s(?:exports?|imports?|trade\s(?:surplus|deficit|balance)|surplus|deficit)\b|\b(?:exports?|imports?)\sof\sservices\b", RegexOptions.CultureInvariant, 500)]
    private static partial Regex ServicesFlowRegex();

    private const int MaxBlocks = 5_000;
    private const int MaxSentences = 20_000;

    public static List<FigureRecord> Read(List<ContentBlock> blocks, BulletinContext context)
    {
        if (blocks.Count > MaxBlocks)
        {
            blocks = blocks.GetRange(0, MaxBlocks);
        }

        var allText = string.Join("\n", blocks.Select(b => b.Text));
        var lowerAll = allText.ToLowerInvariant();
        var korean = context.Language is { } lang ? lang.StartsWith("ko", StringComparison.OrdinalIgnoreCase) : Language.IsKorean(allText);
        var title = blocks.Find(b => b.IsHeading)?.Text.ToLowerInvariant();
        var reporter = Reporters.Detect(lowerAll, title, context.DefaultReporter, korean);
        if (reporter is null)
        {
            return []; // whose trade it is cannot be told: no record is certain.
        }

        var lexicon = ReportsServices(lowerAll) ? Lexicon.WithGoodsAndServices : Lexicon.Default;
        var doc = new DocumentContext
        {
            Published = context.Published,
            Reporter = reporter,
            Main = MainPeriod.Find(blocks, context.Published, reporter),
            Lexicon = lexicon,
            Korean = korean,
            DomesticExportsSeries = lowerAll.Contains("nodx", StringComparison.Ordinal) || lowerAll.Contains("non-oil domestic exports", StringComparison.Ordinal),
            BareDollar = Economies.ByCode(reporter)?.Currency is { } own && Currencies.IsLocalDollar(own) ? own : "USD",
            Seasonal = SeasonalNote(blocks),
        };

        var extracted = new List<Extracted>();
        var headings = new List<string>();
        var skippingSection = false;
        var sentences = 0;
        Frame? carry = null;
        string? firstChange = null;
        foreach (var block in blocks)
        {
            if (block.IsHeading)
            {
                skippingSection = Measures.MentionsMovingAverage(block.Text.ToLowerInvariant());
                headings.Add(block.Text);
                continue;
            }

            if (skippingSection)
            {
                continue;
            }

            if (block.Table is { } table)
            {
                TableReader.Read(table, doc, extracted);
                continue;
            }

            var split = Sentences.Split(block.Text);
            if (Measures.MentionsMovingAverage(block.Text.ToLowerInvariant()))
            {
                continue;
            }

            var paragraph = new ParagraphState(doc.Main) { Carry = carry, FirstChange = firstChange };
            foreach (var sentence in split)
            {
                if (sentences++ > MaxSentences)
                {
                    break;
                }

                SentenceReader.Read(sentence, doc, paragraph, extracted);
            }

            carry = paragraph.Carry;
            firstChange = paragraph.FirstChange;
        }

        AddHeadlineOnly(headings, doc, extracted);
        return Deduper.Merge(extracted);
    }

    /// <summary>
    /// Headlines restate body figures, often rounded; a headline figure counts only when the body states
    /// nothing of its kind at all (no record of the same flow, product, partner, measure and basis).
    /// </summary>
    private static void AddHeadlineOnly(List<string> headings, DocumentContext doc, List<Extracted> extracted)
    {
        if (headings.Count == 0)
        {
            return;
        }

        var fromHeadings = new List<Extracted>();
        foreach (var heading in headings)
        {
            var paragraph = new ParagraphState(doc.Main);
            foreach (var sentence in Sentences.Split(heading))
            {
                SentenceReader.Read(sentence, doc, paragraph, fromHeadings);
            }
        }

        foreach (var h in fromHeadings)
        {
            var r = h.Record;
            if (!extracted.Exists(e => e.Record.Flow == r.Flow && e.Record.Product == r.Product && e.Record.Partner == r.Partner
                && e.Record.Measure == r.Measure && e.Record.Basis == r.Basis))
            {
                extracted.Add(h);
            }
        }
    }

    /// <summary>
    /// A bulletin that reports services trade beside goods ("goods and services", "services exports", "서비스 수출") splits its
    /// total into the products goods and services (contract, decision 14).
    /// </summary>
    private static bool ReportsServices(string lowerAll) =>
        lowerAll.Contains("goods and services", StringComparison.Ordinal)
        || (lowerAll.Contains("services", StringComparison.Ordinal) && SafeRegex.IsMatch(ServicesFlowRegex(), lowerAll))
        || lowerAll.Contains("서비스 수출", StringComparison.Ordinal) || lowerAll.Contains("서비스수출", StringComparison.Ordinal);

    /// <summary>
    /// A sentence without figures that speaks of the data ("All figures are seasonally adjusted", "The tables below are
    /// seasonally adjusted") or is a label of a few words ("Seasonally adjusted"); not one that tells a story of its own
    /// ("It was the first seasonally adjusted deficit since March 2009").
    /// </summary>
    private static bool IsDataNote(string lower) =>
        SafeRegex.IsMatch(DataNoun(), lower) || lower.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length <= 4;

    [GeneratedRegex(@"\b(?:figures|data|numbers|series|values|statistics|estimates|tables?)\b|수치|자료|통계", RegexOptions.CultureInvariant, 500)]
    private static partial Regex DataNoun();

    /// <summary>
    /// A note without figures that says the data are seasonally adjusted, or a lead (the first sentence with figures) that
    /// says so ("In seasonally adjusted terms, the balance …"), covers the whole release; sentences that say "unadjusted" are
    /// exempt (see <see cref="Measures.IsUnadjusted"/>).
    /// </summary>
    private static bool SeasonalNote(List<ContentBlock> blocks)
    {
        var leadSeen = false;
        foreach (var b in blocks)
        {
            if (b.Table is not null || b.IsHeading)
            {
                continue;
            }

            foreach (var s in Sentences.Split(b.Text))
            {
                var lower = s.ToLowerInvariant();
                var hasFigures = Money.Find(s).Count > 0 || Percent.Find(s).Count > 0;
                if (Measures.MentionsSeasonalAdjustment(lower) && (hasFigures ? !leadSeen : IsDataNote(lower)))
                {
                    return true;
                }

                leadSeen |= hasFigures;
            }
        }

        return false;
    }
}
