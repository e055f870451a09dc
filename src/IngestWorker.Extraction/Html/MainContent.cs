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

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form", "button",
        "iframe", "select", "figure", "figcaption", "head", "title", "meta", "link", "input", "textarea", "object", "canvas",
    };

    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th", "section", "article",
        "main", "blockquote", "dd", "dt", "dl", "pre", "table", "caption", "hr", "center", "address", "tbody", "thead",
    };

    private static readonly string[] ChromeMarkers =
    [
        "foot", "nav", "menu", "sidebar", "side_", "side-", "related", "popular", "most-read", "mostread", "most_read",
        "trending", "crumb", "advert", "ad-slot", "ad_slot", "share", "social", "comment", "subscribe", "newsletter",
        "site-header", "site_header", "top-bar", "topbar", "byline", "credit", "copyright", "gnb", "also", "recommend",
        "skip", "banner", "toolbar", "tags", "dateline", "timestamp", "release-meta", "quote", "ticker",
    ];

    public static List<ContentBlock> Read(HtmlDocument doc)
    {
        var root = ChooseRoot(doc.DocumentNode);
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

            if (node.NodeType == HtmlNodeType.Element && (Skipped.Contains(node.Name) || IsChrome(node)))
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

    /// <summary>The article (or main) element when the page has one, else the body.</summary>
    private static HtmlNode ChooseRoot(HtmlNode document)
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

    private static bool IsChrome(HtmlNode node)
    {
        if (!node.HasAttributes)
        {
            return false;
        }

        return Marked(node.GetAttributeValue("class", "")) || Marked(node.GetAttributeValue("id", "")) || Marked(node.GetAttributeValue("role", ""));
    }

    private static bool Marked(string value)
    {
        if (value.Length < 3)
        {
            return false;
        }

        foreach (var marker in ChromeMarkers)
        {
            if (value.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

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
            blocks.Add(new ContentBlock(normalized, heading));
        }
    }
}
