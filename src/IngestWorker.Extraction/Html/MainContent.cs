using System.Text;
using HtmlAgilityPack;

namespace IngestWorker.Extraction.Html;

/// <summary>
/// Reads the main content of a bulletin page: the article body and its tables, without navigation,
/// headers, footers, sidebars, scripts or bylines. Walks the tree with an explicit stack so deeply
/// nested markup cannot overflow the call stack.
/// </summary>
internal static class MainContent
{
    private const int MaxNodes = 400_000;

    /// <summary>Tags never read as content (chrome by name, tag or link density is the boilerplate model's call).</summary>
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "button", "iframe", "select", "figure", "figcaption", "head", "title", "meta",
        "link", "input", "textarea", "object", "canvas",
    };

    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th", "section", "article",
        "main", "blockquote", "dd", "dt", "dl", "pre", "table", "caption", "hr", "center", "address", "tbody", "thead",
    };

    public static List<ContentBlock> Read(HtmlDocument doc)
    {
        var page = Boilerplate.Of(doc.DocumentNode);
        var root = ChooseRoot(doc.DocumentNode, page);
        var blocks = new List<ContentBlock>();
        var text = new StringBuilder();
        var headingDepth = 0;
        var stack = new Stack<(HtmlNode Node, bool Exit)>();
        stack.Push((root, false));
        var visited = 0;
        while (stack.Count > 0 && visited++ < MaxNodes)
        {
            var (node, exit) = stack.Pop();
            if (exit)
            {
                Flush(blocks, text, headingDepth > 0);
                if (IsHeading(node))
                {
                    headingDepth--;
                }

                continue;
            }

            switch (node.NodeType)
            {
                case HtmlNodeType.Text:
                    text.Append(HtmlEntity.DeEntitize(((HtmlTextNode)node).Text));
                    continue;
                case HtmlNodeType.Comment:
                    continue;
            }

            if (node.NodeType == HtmlNodeType.Element && (Skipped.Contains(node.Name) || page.IsChrome(node)))
            {
                continue;
            }

            if (node.Name.Equals("table", StringComparison.OrdinalIgnoreCase) && TableText.TryReadData(node, LastText(blocks), out var grid))
            {
                Flush(blocks, text, headingDepth > 0);
                blocks.Add(new ContentBlock(grid.Caption, false, grid));
                continue;
            }

            var isBlock = BlockTags.Contains(node.Name);
            if (isBlock)
            {
                Flush(blocks, text, headingDepth > 0);
                if (IsHeading(node))
                {
                    headingDepth++;
                }

                stack.Push((node, true));
            }

            for (var child = node.LastChild; child is not null; child = child.PreviousSibling)
            {
                stack.Push((child, false));
            }
        }

        Flush(blocks, text, false);
        return blocks;
    }

    /// <summary>
    /// The outermost article (or main) element around the page's running text; without running text, the first article
    /// or main element; else the body. Running text outside every article element is read from the body.
    /// </summary>
    private static HtmlNode ChooseRoot(HtmlNode document, Boilerplate page)
    {
        if (page.Article is { } article)
        {
            HtmlNode? outer = null;
            HtmlNode? body = null;
            for (var n = article; n is not null; n = n.ParentNode)
            {
                if (n.Name is "article" or "main")
                {
                    outer = n;
                }
                else if (n.Name == "body")
                {
                    body = n;
                }
            }

            return outer ?? body ?? document;
        }

        return FirstArticleOrBody(document);
    }

    private static HtmlNode FirstArticleOrBody(HtmlNode document)
    {
        HtmlNode? body = null;
        HtmlNode? best = null;
        var stack = new Stack<HtmlNode>();
        stack.Push(document);
        var visited = 0;
        while (stack.Count > 0 && visited++ < MaxNodes)
        {
            var n = stack.Pop();
            if (n.NodeType != HtmlNodeType.Element && n.NodeType != HtmlNodeType.Document)
            {
                continue;
            }

            if (n.Name is "article" or "main" && best is null)
            {
                best = n;
            }
            else if (n.Name == "body" && body is null)
            {
                body = n;
            }

            for (var child = n.LastChild; child is not null; child = child.PreviousSibling)
            {
                stack.Push(child);
            }
        }

        return best ?? body ?? document;
    }

    private static bool IsHeading(HtmlNode node) => node.Name.Length == 2 && node.Name[0] is 'h' or 'H' && node.Name[1] is >= '1' and <= '6';

    private static string LastText(List<ContentBlock> blocks) => blocks.Count > 0 && blocks[^1].Table is null ? blocks[^1].Text : "";

    private static void Flush(List<ContentBlock> blocks, StringBuilder text, bool heading)
    {
        if (text.Length == 0)
        {
            return;
        }

        var normalized = TextNormalizer.Collapse(text.ToString());
        text.Clear();
        if (normalized.Length > 0)
        {
            blocks.Add(!heading && MonthSeriesLine.TryRead(normalized, out var series) ? new ContentBlock(normalized, false, series) : new ContentBlock(normalized, heading));
        }
    }
}
