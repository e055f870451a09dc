using System.Text;
using HtmlAgilityPack;

namespace IngestWorker.Extraction.Html;

/// <summary>The visible text under a node, gathered without recursion (HtmlNode.InnerText recurses).</summary>
internal static class HtmlText
{
    public static string Visible(HtmlNode node, int maxChars)
    {
        var sb = new StringBuilder();
        var stack = new Stack<HtmlNode>();
        stack.Push(node);
        var visited = 0;
        while (stack.Count > 0 && sb.Length < maxChars && visited++ < 400_000)
        {
            var n = stack.Pop();
            if (n.NodeType == HtmlNodeType.Text)
            {
                sb.Append(HtmlEntity.DeEntitize(((HtmlTextNode)n).Text)).Append(' ');
                continue;
            }

            if (n.Name is "script" or "style" or "noscript" or "template")
            {
                continue;
            }

            for (var child = n.LastChild; child is not null; child = child.PreviousSibling)
            {
                stack.Push(child);
            }
        }

        return TextNormalizer.Collapse(sb.ToString());
    }
}
