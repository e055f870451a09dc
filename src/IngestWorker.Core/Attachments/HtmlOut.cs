using System.Net;
using System.Text;

namespace IngestWorker.Core.Attachments;

/// <summary>
/// The HTML an attachment is turned into: one <c>&lt;p&gt;</c> per paragraph and
/// <c>&lt;table&gt;&lt;tr&gt;&lt;td&gt;</c> per table, the shape the figure extractor reads on web pages.
/// </summary>
internal sealed class HtmlOut
{
    private readonly StringBuilder _body = new();

    public bool IsEmpty => _body.Length == 0;

    public void Paragraph(string text)
    {
        var clean = Squeeze(text);
        if (clean.Length > 0)
        {
            _body.Append("<p>").Append(WebUtility.HtmlEncode(clean)).Append("</p>\n");
        }
    }

    /// <summary>A table of rows of cells; a cell spanning columns or rows says so.</summary>
    public void Table(IEnumerable<IEnumerable<Cell>> rows)
    {
        var table = new StringBuilder("<table>\n");
        var any = false;
        foreach (var row in rows)
        {
            table.Append("<tr>");
            foreach (var cell in row)
            {
                table.Append("<td");
                if (cell.ColumnSpan > 1)
                {
                    table.Append(" colspan=\"").Append(cell.ColumnSpan).Append('"');
                }

                if (cell.RowSpan > 1)
                {
                    table.Append(" rowspan=\"").Append(cell.RowSpan).Append('"');
                }

                table.Append('>').Append(WebUtility.HtmlEncode(Squeeze(cell.Text))).Append("</td>");
                any = true;
            }

            table.Append("</tr>\n");
        }

        if (any)
        {
            _body.Append(table).Append("</table>\n");
        }
    }

    public override string ToString() =>
        $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n{_body}</body></html>\n";

    /// <summary>Runs of whitespace (including the no-break and ideographic spaces) as one space.</summary>
    private static string Squeeze(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public readonly record struct Cell(string Text, int ColumnSpan = 1, int RowSpan = 1);
}
