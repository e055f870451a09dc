using System.Text;
using HtmlAgilityPack;

namespace IngestWorker.Extraction.Html;

/// <summary>
/// HtmlAgilityPack parses deeply nested unclosed markup in quadratic time; pages nested that deep are
/// not real bulletins, so they are read as text with the tags stripped in one linear pass.
/// </summary>
internal static class HtmlGuard
{
    private const int MaxDepth = 1_000;

    private static readonly HashSet<string> NotNesting = new(StringComparer.OrdinalIgnoreCase)
    {
        "br", "img", "hr", "meta", "link", "input", "p", "li", "td", "th", "tr", "option", "dt", "dd", "wbr", "col", "area", "base", "source",
    };

    private static readonly HashSet<string> Breaking = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article", "blockquote", "td", "th",
    };

    public static bool IsTooDeep(string html)
    {
        var depth = 0;
        for (var i = html.IndexOf('<', StringComparison.Ordinal); i >= 0 && i < html.Length - 1; i = html.IndexOf('<', i + 1))
        {
            var closing = html[i + 1] == '/';
            var (name, _) = TagName(html, closing ? i + 2 : i + 1);
            if (name.Length == 0 || NotNesting.Contains(name))
            {
                continue;
            }

            depth += closing ? -1 : 1;
            depth = Math.Max(depth, 0);
            if (depth > MaxDepth)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text of a page with its tags removed: block tags become paragraph breaks, scripts and styles vanish.</summary>
    public static string StripTags(string html)
    {
        var sb = new StringBuilder(html.Length / 2);
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0)
            {
                sb.Append(html, i, html.Length - i);
                break;
            }

            sb.Append(html, i, lt - i);
            var gt = html.IndexOf('>', lt);
            if (gt < 0)
            {
                break;
            }

            var closing = lt + 1 < html.Length && html[lt + 1] == '/';
            var (name, _) = TagName(html, closing ? lt + 2 : lt + 1);
            i = gt + 1;
            if (!closing && name is "script" or "style")
            {
                var end = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                i = end < 0 ? html.Length : end;
                continue;
            }

            if (Breaking.Contains(name))
            {
                sb.Append("\n\n");
            }
        }

        return HtmlEntity.DeEntitize(sb.ToString());
    }

    private static (string Name, int End) TagName(string html, int start)
    {
        var end = start;
        while (end < html.Length && end - start < 12 && char.IsAsciiLetterOrDigit(html[end]))
        {
            end++;
        }

        return end > start && char.IsAsciiLetter(html[start]) ? (html[start..end].ToLowerInvariant(), end) : ("", start);
    }
}
