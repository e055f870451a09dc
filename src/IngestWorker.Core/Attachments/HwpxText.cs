using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace IngestWorker.Core.Attachments;

/// <summary>
/// An HWPX document (Hancom's OWPML, KS X 6101: a zip whose <c>mimetype</c> is <c>application/hwp+zip</c>
/// and whose body is <c>Contents/section0.xml</c>, <c>section1.xml</c>…) as paragraphs and tables.
/// A paragraph is an <c>hp:p</c>, its text the <c>hp:t</c> runs; a table is an <c>hp:tbl</c> of
/// <c>hp:tr</c> rows of <c>hp:tc</c> cells. The zip is bounded before anything is inflated (entry
/// count, declared sizes) and while inflating (bytes actually read), and the XML is read with no DTD
/// and no external entities.
/// </summary>
internal static partial class HwpxText
{
    public const string MediaType = "application/hwp+zip";

    [GeneratedRegex(@"^Contents/section(\d+)\.xml$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SectionName();

    /// <exception cref="UnsupportedAttachmentException">A zip that is not HWPX.</exception>
    /// <exception cref="AttachmentException">Over <paramref name="maxEntries"/> or <paramref name="maxUnzippedBytes"/>, or damaged.</exception>
    public static string ToHtml(byte[] content, int maxEntries, long maxUnzippedBytes, CancellationToken cancellationToken)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > maxEntries)
            {
                throw new AttachmentException($"the zip has {zip.Entries.Count} entries, over the limit of {maxEntries} (Fetching:MaxAttachmentEntries)");
            }

            var declared = zip.Entries.Sum(e => e.Length);
            if (declared > maxUnzippedBytes)
            {
                throw new AttachmentException($"the zip unpacks to {declared} bytes, over the limit of {maxUnzippedBytes} (Fetching:MaxAttachmentUnzippedBytes)");
            }

            var budget = new Budget(maxUnzippedBytes);
            var mimetype = zip.GetEntry("mimetype") is { } entry ? Encoding.ASCII.GetString(Inflate(entry, budget)).Trim() : null;
            var sections = zip.Entries
                .Select(e => (Entry: e, Match: SectionName().Match(e.FullName)))
                .Where(s => s.Match.Success)
                .OrderBy(s => int.Parse(s.Match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
                .Select(s => s.Entry)
                .ToList();
            if (sections.Count == 0)
            {
                throw new UnsupportedAttachmentException(mimetype == MediaType
                    ? "an HWPX without Contents/section*.xml"
                    : "a zip archive that is not HWPX (no mimetype application/hwp+zip, no Contents/section*.xml)");
            }

            var html = new HtmlOut();
            foreach (var section in sections)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Walk(Load(Inflate(section, budget)).Root!, html);
            }

            return html.ToString();
        }
        catch (InvalidDataException e)
        {
            throw new AttachmentException($"a damaged zip: {e.Message}", e);
        }
        catch (XmlException e)
        {
            throw new AttachmentException($"an HWPX section is not well-formed XML: {e.Message}", e);
        }
    }

    /// <summary>An entry's bytes, counted against what the whole archive may inflate to (declared sizes can lie).</summary>
    private static byte[] Inflate(ZipArchiveEntry entry, Budget budget)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            budget.Spend(read);
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static XDocument Load(byte[] xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true };
        using var reader = XmlReader.Create(new MemoryStream(xml, writable: false), settings);
        return XDocument.Load(reader);
    }

    /// <summary>Paragraphs in document order; a table inside a paragraph goes out after the paragraph's own text.</summary>
    private static void Walk(XElement element, HtmlOut html)
    {
        switch (element.Name.LocalName)
        {
            case "p":
                var tables = new List<XElement>();
                var text = new StringBuilder();
                Collect(element, text, tables);
                html.Paragraph(text.ToString());
                foreach (var table in tables)
                {
                    Table(table, html);
                }

                break;
            case "tbl":
                Table(element, html);
                break;
            default:
                foreach (var child in element.Elements())
                {
                    Walk(child, html);
                }

                break;
        }
    }

    /// <summary>The text of a paragraph's runs (runs join without a space: one word may span several), leaving out its tables.</summary>
    private static void Collect(XElement element, StringBuilder text, List<XElement>? tables)
    {
        foreach (var node in element.Nodes())
        {
            if (node is not XElement child)
            {
                continue;
            }

            switch (child.Name.LocalName)
            {
                case "tbl":
                    tables?.Add(child);
                    break;
                case "t":
                    foreach (var part in child.Nodes())
                    {
                        text.Append(part switch
                        {
                            XText run => run.Value,
                            XElement { Name.LocalName: "tab" or "lineBreak" } => " ",
                            _ => "",
                        });
                    }

                    break;
                default:
                    Collect(child, text, tables);
                    break;
            }
        }
    }

    private static void Table(XElement table, HtmlOut html) =>
        html.Table(table.Elements().Where(e => e.Name.LocalName == "tr").Select(row =>
            row.Elements().Where(e => e.Name.LocalName == "tc").Select(Cell)));

    /// <summary>A cell's paragraphs (those of tables inside it too), one space apart, and its spans.</summary>
    private static HtmlOut.Cell Cell(XElement cell)
    {
        var paragraphs = cell.Descendants().Where(e => e.Name.LocalName == "p").Select(p =>
        {
            var text = new StringBuilder();
            Collect(p, text, tables: null);
            return text.ToString();
        });
        var span = cell.Elements().FirstOrDefault(e => e.Name.LocalName == "cellSpan");
        return new HtmlOut.Cell(string.Join(' ', paragraphs), Span(span, "colSpan"), Span(span, "rowSpan"));
    }

    private static int Span(XElement? span, string attribute) =>
        int.TryParse(span?.Attribute(attribute)?.Value, out var n) && n is > 1 and < 100 ? n : 1;

    private sealed class Budget(long limit)
    {
        private long _spent;

        public void Spend(int bytes)
        {
            _spent += bytes;
            if (_spent > limit)
            {
                throw new AttachmentException($"the zip unpacks to more than {limit} bytes (Fetching:MaxAttachmentUnzippedBytes)");
            }
        }
    }
}
