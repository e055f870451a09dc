using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;

namespace IngestWorker.Core.Attachments;

/// <summary>
/// A PDF as paragraphs and tables, with PdfPig. Words come from its nearest-neighbour word extractor.
/// Table rows are found first: words are grouped into lines by baseline, a line is cut into cells
/// where the gap between words is at least a font size wide, and two or more such lines of short
/// cells next to each other form a table. The other words are cut into blocks by the Docstrum page
/// segmenter and put in reading order by the unsupervised reading-order detector; each block is a
/// paragraph, and each table goes before the first block that starts below its top.
/// </summary>
internal static class PdfText
{
    /// <summary>A cell holding more words than this is running text, so its line is not a table row.</summary>
    private const int MaxWordsPerCell = 8;

    /// <summary>Text of every page of <paramref name="content"/>, as HTML; refused when it has more than <paramref name="maxPages"/> pages.</summary>
    /// <exception cref="AttachmentException">Over the page limit, encrypted, or not a PDF PdfPig can open.</exception>
    public static string ToHtml(byte[] content, int maxPages, CancellationToken cancellationToken)
    {
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new AttachmentException($"not a PDF that can be read: {e.Message}", e);
        }

        using (document)
        {
            if (document.NumberOfPages > maxPages)
            {
                throw new AttachmentException($"the PDF has {document.NumberOfPages} pages, over the limit of {maxPages} (Fetching:MaxAttachmentPages)");
            }

            var html = new HtmlOut();
            for (var number = 1; number <= document.NumberOfPages; number++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Page page;
                try
                {
                    page = document.GetPage(number);
                }
                catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
                {
                    throw new AttachmentException($"page {number} of the PDF cannot be read: {e.Message}", e);
                }

                Write(page, html);
            }

            return html.ToString();
        }
    }

    private static void Write(Page page, HtmlOut html)
    {
        var words = NearestNeighbourWordExtractor.Instance.GetWords(page.Letters)
            .Where(w => !string.IsNullOrWhiteSpace(w.Text))
            .ToList();
        if (words.Count == 0)
        {
            return;
        }

        var lines = Lines(words);
        var tables = Tables(lines);
        var inTables = tables.SelectMany(t => t.SelectMany(l => l.Words)).ToHashSet();
        var rest = words.Where(w => !inTables.Contains(w)).ToList();
        var blocks = rest.Count == 0 ? [] : UnsupervisedReadingOrderDetector.Instance.Get(DocstrumBoundingBoxes.Instance.GetBlocks(rest)).ToList();

        // Tables in page order (top first); each goes out before the first block starting below its top.
        var pending = new Queue<List<Line>>(tables.OrderByDescending(t => t[0].Top));
        foreach (var block in blocks)
        {
            while (pending.Count > 0 && pending.Peek()[0].Top >= block.BoundingBox.Top)
            {
                WriteTable(pending.Dequeue(), html);
            }

            html.Paragraph(string.Join(' ', block.TextLines.Select(l => l.Text)));
        }

        while (pending.Count > 0)
        {
            WriteTable(pending.Dequeue(), html);
        }
    }

    private static void WriteTable(List<Line> rows, HtmlOut html) =>
        html.Table(rows.Select(r => r.Cells.Select(c => new HtmlOut.Cell(string.Join(' ', c.Select(w => w.Text))))));

    /// <summary>Words on one baseline (within a third of the font size), left to right; lines top to bottom.</summary>
    private static List<Line> Lines(List<Word> words)
    {
        var lines = new List<Line>();
        foreach (var word in words.OrderByDescending(Baseline).ThenBy(w => w.BoundingBox.Left))
        {
            var last = lines.Count > 0 ? lines[^1] : null;
            if (last is not null && Math.Abs(last.Baseline - Baseline(word)) <= last.FontSize / 3)
            {
                last.Words.Add(word);
            }
            else
            {
                lines.Add(new Line(Baseline(word), FontSize(word)) { Words = { word } });
            }
        }

        foreach (var line in lines)
        {
            line.Words.Sort((a, b) => a.BoundingBox.Left.CompareTo(b.BoundingBox.Left));
            line.Cut();
        }

        return lines;
    }

    /// <summary>
    /// Runs of two or more adjacent lines (no more than two line heights apart) of at least two short
    /// cells each, whose cell counts differ by at most one from the run's first.
    /// </summary>
    private static List<List<Line>> Tables(List<Line> lines)
    {
        var tables = new List<List<Line>>();
        List<Line>? run = null;
        foreach (var line in lines)
        {
            var row = line.Cells.Count >= 2 && line.Cells.TrueForAll(c => c.Count <= MaxWordsPerCell);
            var continues = row && run is not null
                && run[^1].Baseline - line.Baseline <= 2.5 * Math.Max(line.FontSize, run[^1].FontSize)
                && Math.Abs(run[0].Cells.Count - line.Cells.Count) <= 1;
            if (continues)
            {
                run!.Add(line);
                continue;
            }

            if (run is { Count: >= 2 })
            {
                tables.Add(run);
            }

            run = row ? [line] : null;
        }

        if (run is { Count: >= 2 })
        {
            tables.Add(run);
        }

        return tables;
    }

    private static double Baseline(Word word) => word.Letters[0].StartBaseLine.Y;

    private static double FontSize(Word word)
    {
        var size = word.Letters.Max(l => l.PointSize);
        return size > 0 ? size : Math.Max(word.BoundingBox.Height, 1);
    }

    private sealed class Line(double baseline, double fontSize)
    {
        public double Baseline { get; } = baseline;
        public double FontSize { get; private set; } = fontSize;
        public List<Word> Words { get; } = [];
        public List<List<Word>> Cells { get; } = [];
        public double Top => Words.Max(w => w.BoundingBox.Top);

        /// <summary>Cuts the line into cells where the gap between two words is at least the font size.</summary>
        public void Cut()
        {
            FontSize = Words.Max(PdfText.FontSize);
            Cells.Clear();
            foreach (var word in Words)
            {
                if (Cells.Count == 0 || word.BoundingBox.Left - Cells[^1][^1].BoundingBox.Right >= FontSize)
                {
                    Cells.Add([word]);
                }
                else
                {
                    Cells[^1].Add(word);
                }
            }
        }
    }
}
