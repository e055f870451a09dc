using HtmlAgilityPack;

namespace IngestWorker.Extraction.Html;

/// <summary>
/// Tells a page's article from its chrome (navigation, rails, share bars, comment threads, footers). Two signals,
/// neither of which can drop the article on its own:
/// <list type="bullet">
/// <item>class, id and role values read as words ("market-share-analysis" is market / share / analysis, "inside-article" is
/// inside / article), matched word by word against a vocabulary of chrome names (never as substrings);</item>
/// <item>the page's text: where its paragraphs of running text concentrate (the article node, scored as readability tools do),
/// and how much of each container's text is link text.</item>
/// </list>
/// The article node and every node around it are protected: a wrapper named like chrome that holds the article is kept
/// (its chrome children still go). One pass over the tree, with an explicit stack (no recursion).
/// </summary>
internal sealed class Boilerplate
{
    private const int MaxNodes = 400_000;

    /// <summary>Paragraphs shorter than this (non-link characters) are captions, buttons or labels, not running text.</summary>
    private const int MinParagraph = 25;

    /// <summary>Chrome names, one word each; a class is chrome when one of its words is one of these.</summary>
    private static readonly HashSet<string> ChromeWords = new(StringComparer.Ordinal)
    {
        "foot", "footer", "nav", "navi", "navbar", "navigation", "menu", "gnb", "lnb", "sidebar", "side", "aside", "rail", "related",
        "popular", "trending", "crumb", "crumbs", "breadcrumb", "breadcrumbs", "advert", "advertisement", "ads", "share", "sharing",
        "social", "sns", "comment", "comments", "subscribe", "newsletter", "topbar", "byline", "credit", "copyright", "also", "recommend",
        "recommended", "skip", "banner", "toolbar", "tags", "dateline", "timestamp", "quote", "ticker", "mostread", "promo", "ranking",
    };

    /// <summary>Chrome names of two words ("most-read", "site-header", "ad-slot"), matched as consecutive words.</summary>
    private static readonly (string First, string Second)[] ChromePairs =
    [
        ("most", "read"), ("most", "viewed"), ("most", "popular"), ("site", "header"), ("top", "bar"), ("ad", "slot"), ("release", "meta"),
        ("read", "more"),
    ];

    /// <summary>Structural tags that are chrome by default, unless they hold the article (some sites wrap a whole page in a form).</summary>
    private static readonly HashSet<string> ChromeTags = new(StringComparer.OrdinalIgnoreCase) { "nav", "header", "footer", "aside", "form" };

    /// <summary>Tags never read, wherever they are.</summary>
    private static readonly HashSet<string> Invisible = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "head", "title", "meta", "link", "object", "canvas", "iframe",
        "select", "textarea", "button", "input",
    };

    /// <summary>Containers that are navigation when nearly all of their text is link text.</summary>
    private static readonly HashSet<string> LinkListTags = new(StringComparer.OrdinalIgnoreCase) { "ul", "ol", "li", "p", "div", "section", "dl", "span" };

    private readonly Dictionary<HtmlNode, (int Text, int Link)> _density = [];
    private readonly HashSet<HtmlNode> _protected = [];

    private Boilerplate(HtmlNode document)
    {
        Article = Measure(document);
        for (var n = Article; n is not null; n = n.ParentNode)
        {
            _protected.Add(n);
        }
    }

    /// <summary>The node where the page's running text concentrates, if it has any.</summary>
    public HtmlNode? Article { get; }

    public static Boilerplate Of(HtmlNode document) => new(document);

    /// <summary>True for the article node and the nodes that contain it.</summary>
    public bool HoldsArticle(HtmlNode node) => _protected.Contains(node);

    /// <summary>Chrome to leave out: by name or structural tag, or a list of links; never a node that holds the article.</summary>
    public bool IsChrome(HtmlNode node)
    {
        if (node.NodeType != HtmlNodeType.Element || HoldsArticle(node))
        {
            return false;
        }

        if (ChromeTags.Contains(node.Name) || NamedAsChrome(node))
        {
            return true;
        }

        return LinkListTags.Contains(node.Name) && _density.TryGetValue(node, out var d) && d.Text >= 12 && d.Link * 10 >= d.Text * 7;
    }

    /// <summary>A class, id or role with a chrome word among its words.</summary>
    internal static bool NamedAsChrome(HtmlNode node)
    {
        if (!node.HasAttributes)
        {
            return false;
        }

        return HasChromeWord(node.GetAttributeValue("class", "")) || HasChromeWord(node.GetAttributeValue("id", ""))
            || HasChromeWord(node.GetAttributeValue("role", ""));
    }

    /// <summary>Splits a class/id value into lower-case words at spaces, hyphens, underscores, digits and camelCase humps.</summary>
    internal static List<string> Words(string value)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= value.Length; i++)
        {
            var c = i < value.Length ? value[i] : ' ';
            var letter = char.IsAsciiLetter(c);
            var hump = letter && start >= 0 && char.IsAsciiLetterUpper(c) && char.IsAsciiLetterLower(value[i - 1]);
            if ((!letter || hump) && start >= 0)
            {
                words.Add(value[start..i].ToLowerInvariant());
                start = -1;
            }

            if (letter && start < 0)
            {
                start = i;
            }
        }

        return words;
    }

    internal static bool HasChromeWord(string value)
    {
        if (value.Length < 2)
        {
            return false;
        }

        var words = Words(value.Length > 300 ? value[..300] : value);
        for (var i = 0; i < words.Count; i++)
        {
            if (ChromeWords.Contains(words[i]))
            {
                return true;
            }

            if (i + 1 < words.Count)
            {
                foreach (var (first, second) in ChromePairs)
                {
                    if (words[i] == first && words[i + 1] == second)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>
    /// One post-order pass: every element's text and link-text length, and a score for the elements that hold paragraphs
    /// (a paragraph's non-link length to its parent, half to its grandparent). Returns the best-scored element.
    /// </summary>
    private HtmlNode? Measure(HtmlNode document)
    {
        var scores = new Dictionary<HtmlNode, double>();
        var stack = new Stack<(HtmlNode Node, bool Exit)>();
        var sums = new Stack<(int Text, int Link, int Direct)>();
        stack.Push((document, false));
        sums.Push((0, 0, 0));
        var visited = 0;
        while (stack.Count > 0 && visited++ < MaxNodes)
        {
            var (node, exit) = stack.Pop();
            if (exit)
            {
                var own = sums.Pop();
                if (node.Name == "a")
                {
                    own.Link = own.Text;
                }

                _density[node] = (own.Text, own.Link);
                var parent = sums.Pop();
                sums.Push((parent.Text + own.Text, parent.Link + own.Link, parent.Direct));
                var running = node.Name is "p" or "pre" ? own.Text - own.Link : own.Direct;
                if (running >= MinParagraph && node.ParentNode is { } up)
                {
                    scores[up] = scores.GetValueOrDefault(up) + running;
                    if (up.ParentNode is { NodeType: HtmlNodeType.Element } upper)
                    {
                        scores[upper] = scores.GetValueOrDefault(upper) + (running / 2.0);
                    }
                }

                continue;
            }

            if (node.NodeType == HtmlNodeType.Text)
            {
                var length = VisibleLength(((HtmlTextNode)node).Text);
                var top = sums.Pop();
                sums.Push((top.Text + length, top.Link, top.Direct + length));
                continue;
            }

            if (node.NodeType == HtmlNodeType.Element && Invisible.Contains(node.Name))
            {
                continue;
            }

            if (node.NodeType == HtmlNodeType.Element)
            {
                stack.Push((node, true));
                sums.Push((0, 0, 0));
            }

            for (var child = node.LastChild; child is not null; child = child.PreviousSibling)
            {
                if (child.NodeType != HtmlNodeType.Comment)
                {
                    stack.Push((child, false));
                }
            }
        }

        HtmlNode? best = null;
        var bestScore = 0.0;
        foreach (var (node, score) in scores)
        {
            if (score > bestScore)
            {
                (best, bestScore) = (node, score);
            }
        }

        return best;
    }

    private static int VisibleLength(string text)
    {
        var n = 0;
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                n++;
            }
        }

        return n;
    }
}
