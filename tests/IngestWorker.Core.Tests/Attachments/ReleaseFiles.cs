using System.IO.Compression;
using System.Net;
using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace IngestWorker.Core.Tests.Attachments;

/// <summary>
/// The November 2025 Korean trade release written three ways (an HTML page, a PDF, an HWPX), with the
/// same sentences of our own and the same small table, so what each yields can be compared. The PDF is
/// in English: writing Hangul into a PDF needs a TrueType font with Hangul, and this machine has none.
/// </summary>
internal static class ReleaseFiles
{
    public const string HwpxNamespaceParagraph = "http://www.hancom.co.kr/hwpml/2011/paragraph";
    public const string HwpxNamespaceSection = "http://www.hancom.co.kr/hwpml/2011/section";

    public static readonly string[] English =
    [
        "Korea's exports in November 2025",
        "Exports rose 8.4% from a year earlier to $61.04 billion in November.",
        "Imports reached $51.31 billion in November.",
        "The trade balance was a surplus of $9.73 billion in November.",
        "Semiconductor exports jumped 38.6% to $17.26 billion in November.",
    ];

    public static readonly string[][] EnglishTable = [["Item", "Nov 2025", "y/y (%)"], ["Exports", "61.04", "8.4"], ["Imports", "51.31", "1.2"]];

    public static readonly string[] Korean =
    [
        "2025년 11월 수출입 동향",
        "2025년 11월 수출은 전년 동월 대비 8.4% 증가한 610.4억 달러를 기록했다.",
        "11월 수입은 513.1억 달러로 집계되었다.",
        "11월 무역수지는 97.3억 달러 흑자를 기록했다.",
        "11월 반도체 수출은 38.6% 증가한 172.6억 달러였다.",
    ];

    public static readonly string[][] KoreanTable = [["구분", "2025년 11월", "증감률(%)"], ["수출", "610.4", "8.4"], ["수입", "513.1", "1.2"]];

    /// <summary>The release as a web page: the first line a heading, the others paragraphs, then the table.</summary>
    public static string Html(string[] lines, string[][] table, string? head = null) =>
        $"<html><head>{head}<title>{WebUtility.HtmlEncode(lines[0])}</title></head><body><h1>{WebUtility.HtmlEncode(lines[0])}</h1>"
        + string.Concat(lines.Skip(1).Select(l => $"<p>{WebUtility.HtmlEncode(l)}</p>"))
        + "<table>" + string.Concat(table.Select(r => "<tr>" + string.Concat(r.Select(c => $"<td>{WebUtility.HtmlEncode(c)}</td>")) + "</tr>")) + "</table>"
        + "</body></html>";

    /// <summary>The English release as a PDF: a line per sentence, then the table as three columns of text, as a word processor lays it out.</summary>
    public static byte[] Pdf(int extraPages = 0)
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        var page = builder.AddPage(PageSize.A4);
        var y = 780.0;
        page.AddText(English[0], 16, new PdfPoint(50, y), bold);
        y -= 30;
        foreach (var line in English.Skip(1))
        {
            page.AddText(line, 10, new PdfPoint(50, y), font);
            y -= 15;
        }

        y -= 25;
        foreach (var row in EnglishTable)
        {
            page.AddText(row[0], 10, new PdfPoint(60, y), font);
            page.AddText(row[1], 10, new PdfPoint(220, y), font);
            page.AddText(row[2], 10, new PdfPoint(340, y), font);
            y -= 16;
        }

        for (var i = 0; i < extraPages; i++)
        {
            builder.AddPage(PageSize.A4).AddText($"Annex {i + 1}", 10, new PdfPoint(50, 780), font);
        }

        return builder.Build();
    }

    /// <summary>The Korean release as HWPX: mimetype, a section of hp:p paragraphs (one sentence split over two runs) and an hp:tbl.</summary>
    public static byte[] Hwpx()
    {
        var section = new StringBuilder($"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><hs:sec xmlns:hs=\"{HwpxNamespaceSection}\" xmlns:hp=\"{HwpxNamespaceParagraph}\">");
        foreach (var line in Korean)
        {
            // A word processor splits a run wherever the formatting changes, even inside a number's unit.
            var cut = line.IndexOf('억', StringComparison.Ordinal);
            var runs = cut > 0 ? [line[..cut], line[cut..]] : new[] { line };
            section.Append("<hp:p paraPrIDRef=\"0\" styleIDRef=\"0\">")
                .Append(string.Concat(runs.Select(r => $"<hp:run charPrIDRef=\"0\"><hp:t>{WebUtility.HtmlEncode(r)}</hp:t></hp:run>")))
                .Append("</hp:p>");
        }

        section.Append("<hp:p><hp:run><hp:tbl rowCnt=\"3\" colCnt=\"3\">");
        foreach (var row in KoreanTable)
        {
            section.Append("<hp:tr>")
                .Append(string.Concat(row.Select(c => $"<hp:tc><hp:subList><hp:p><hp:run><hp:t>{WebUtility.HtmlEncode(c)}</hp:t></hp:run></hp:p></hp:subList><hp:cellSpan colSpan=\"1\" rowSpan=\"1\"/></hp:tc>")))
                .Append("</hp:tr>");
        }

        section.Append("</hp:tbl></hp:run></hp:p></hs:sec>");
        return Zip(("mimetype", Encoding.ASCII.GetBytes("application/hwp+zip")), ("Contents/section0.xml", Encoding.UTF8.GetBytes(section.ToString())));
    }

    /// <summary>An HWPX-looking zip whose section inflates to <paramref name="bytes"/> bytes of blanks (a few kilobytes packed).</summary>
    public static byte[] ZipBomb(int bytes) =>
        Zip(("mimetype", Encoding.ASCII.GetBytes("application/hwp+zip")), ("Contents/section0.xml", new byte[bytes]));

    /// <summary>The start of an HWP 5.0 file: the OLE2 compound file signature and some header.</summary>
    public static byte[] BinaryHwp() => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = zip.CreateEntry(name, name == "mimetype" ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
                using var stream = entry.Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }
}
