using System.Globalization;
using System.Text;
using HtmlAgilityPack;

namespace IngestWorker.Extraction.Html;

/// <summary>
/// Reads an HTML table into rows of cells by walking it in document order, which tolerates the odd
/// nesting HtmlAgilityPack builds for unclosed &lt;td&gt;/&lt;p&gt; tags. Layout tables (long prose cells,
/// nested tables) are rejected so their text is read as paragraphs.
/// </summary>
internal static class TableText
{
    private const int MaxCell = 120;
    private const int MaxNodes = 50_000;

    public static bool TryReadData(HtmlNode table, string precedingText, out TableGrid grid)
    {
        grid = new TableGrid([], "");
        var caption = new StringBuilder();
        var rows = new List<List<(string Text, int ColSpan, int RowSpan)>>();
        List<(string Text, int ColSpan, int RowSpan)>? row = null;
        StringBuilder? cell = null;
        (int ColSpan, int RowSpan) spans = (1, 1);
        var inCaption = false;
        var stack = new Stack<(HtmlNode Node, bool Exit)>();
        for (var child = table.LastChild; child is not null; child = child.PreviousSibling)
        {
            stack.Push((child, false));
        }

        var visited = 0;
        while (stack.Count > 0)
        {
            if (visited++ > MaxNodes)
            {
                return false;
            }

            var (node, exit) = stack.Pop();
            var name = node.Name.ToLowerInvariant();
            if (exit)
            {
                if (name == "caption")
                {
                    inCaption = false;
                }

                continue;
            }

            if (node.NodeType == HtmlNodeType.Text)
            {
                var t = HtmlEntity.DeEntitize(((HtmlTextNode)node).Text);
                (inCaption ? caption : cell)?.Append(t).Append(' ');
                continue;
            }

            if (node.NodeType != HtmlNodeType.Element)
            {
                continue;
            }

            switch (name)
            {
                case "table":
                    return false;
                case "script" or "style":
                    continue;
                case "caption":
                    inCaption = true;
                    stack.Push((node, true));
                    break;
                case "tr":
                    CloseCell(row, ref cell, spans);
                    row = [];
                    rows.Add(row);
                    break;
                case "td" or "th":
                    CloseCell(row, ref cell, spans);
                    if (row is null)
                    {
                        row = [];
                        rows.Add(row);
                    }

                    cell = new StringBuilder();
                    spans = (Span(node, "colspan"), Span(node, "rowspan"));
                    break;
            }

            for (var child = node.LastChild; child is not null; child = child.PreviousSibling)
            {
                stack.Push((child, false));
            }
        }

        CloseCell(row, ref cell, spans);
        var expanded = Expand(rows);
        if (expanded.Count < 2 || !IsData(expanded))
        {
            return false;
        }

        var captionText = TextNormalizer.Collapse(caption.ToString());
        var fromProse = false;
        if (captionText.Length == 0 && precedingText.Length < 250)
        {
            captionText = precedingText;
            fromProse = true;
        }

        grid = new TableGrid(expanded, captionText, fromProse);
        return true;
    }

    private static void CloseCell(List<(string, int, int)>? row, ref StringBuilder? cell, (int ColSpan, int RowSpan) spans)
    {
        if (row is not null && cell is not null)
        {
            row.Add((TextNormalizer.Collapse(cell.ToString()), spans.ColSpan, spans.RowSpan));
        }

        cell = null;
    }

    private static int Span(HtmlNode node, string attribute) =>
        int.TryParse(node.GetAttributeValue(attribute, "1"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 1, 20) : 1;

    /// <summary>Repeats spanned cells so every row lines up with its header columns.</summary>
    private static List<List<string>> Expand(List<List<(string Text, int ColSpan, int RowSpan)>> rows)
    {
        var result = new List<List<string>>();
        var pending = new Dictionary<int, (string Text, int Left)>();
        foreach (var row in rows)
        {
            var cells = new List<string>();
            var queue = new Queue<(string Text, int ColSpan, int RowSpan)>(row);
            while (queue.Count > 0 || pending.ContainsKey(cells.Count))
            {
                if (pending.TryGetValue(cells.Count, out var p))
                {
                    cells.Add(p.Text);
                    if (p.Left <= 1)
                    {
                        pending.Remove(cells.Count - 1);
                    }
                    else
                    {
                        pending[cells.Count - 1] = (p.Text, p.Left - 1);
                    }

                    continue;
                }

                var (text, colSpan, rowSpan) = queue.Dequeue();
                for (var i = 0; i < colSpan && cells.Count < 200; i++)
                {
                    if (rowSpan > 1)
                    {
                        pending[cells.Count] = (text, rowSpan - 1);
                    }

                    cells.Add(text);
                }
            }

            if (cells.Count > 0)
            {
                result.Add(cells);
            }
        }

        return result;
    }

    private static bool IsData(List<List<string>> rows)
    {
        var digits = false;
        foreach (var row in rows)
        {
            foreach (var c in row)
            {
                if (c.Length > MaxCell)
                {
                    return false;
                }

                digits |= c.Any(char.IsDigit);
            }
        }

        return digits;
    }
}
