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

    /// <summary>
    /// Tags that never hold content: HTML's void elements, and the elements whose end tag is optional (they
    /// close themselves at their next sibling, so they add no depth however the page writes them).
    /// </summary>
    private static readonly HashSet<string> NotNesting = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "td", "th", "tr", "option", "dt", "dd",
    };

    private static readonly HashSet<string> Breaking = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article", "blockquote", "td", "th",
    };

    /// <summary>
    /// True when open tags nest deeper than any real page does. A tag closed by its own "/&gt;" (SVG's &lt;rect/&gt;,
    /// &lt;path/&gt;, XHTML's &lt;br/&gt;) and a void element add no depth; only tags left open do.
    /// </summary>
    public static bool IsTooDeep(string html)
    {
        var depth = 0;
        var gt = -1; // the first '>' at or after the current tag (html.Length when there is none), found once and reused: the scan stays linear
        var next = html.IndexOf('<', StringComparison.Ordinal);
        while (next >= 0 && next < html.Length - 1)
        {
            var i = next;
            next = html.IndexOf('<', i + 1);
            var closing = html[i + 1] == '/';
            var (name, _) = TagName(html, closing ? i + 2 : i + 1);
            if (name.Length == 0 || NotNesting.Contains(name))
            {
                continue;
            }

            if (gt < i)
            {
                gt = html.IndexOf('>', i);
                gt = gt < 0 ? html.Length : gt;
            }

            var selfClosed = gt < html.Length && (next < 0 || next > gt) && html[gt - 1] == '/';
            if (!closing && selfClosed)
            {
                continue; // "<rect .../>": opens and closes in one
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
