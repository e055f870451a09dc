using System.Globalization;
using System.Text.RegularExpressions;
using HtmlAgilityPack;

namespace IngestWorker.Core.Sources;

/// <summary>
/// Reads a press-release board page: the links that lead to bulletins and the link to the next page.
/// Relative links resolve against the page's <c>&lt;base href&gt;</c> when it has one (HTML's
/// "document base URL"), else against the page's own address.
/// </summary>
public static partial class ListingReader
{
    /// <summary>
    /// The elements <see cref="SourceDefinition.LinkXPath"/> selects, as bulletin addresses: their
    /// <c>href</c>, or what the source's <see cref="SourceDefinition.LinkRecipe"/> builds from them.
    /// Only http(s) addresses are kept; <paramref name="matched"/> counts the elements selected,
    /// so a listing whose markup no longer matches can be told from one with nothing new.
    /// </summary>
    public static (IReadOnlyList<Candidate> Links, Uri? Next) Read(string html, Uri pageUrl, SourceDefinition source) =>
        Read(html, pageUrl, source, out _);

    /// <inheritdoc cref="Read(string, Uri, SourceDefinition)"/>
    public static (IReadOnlyList<Candidate> Links, Uri? Next) Read(string html, Uri pageUrl, SourceDefinition source, out int matched)
    {
        ArgumentNullException.ThrowIfNull(source);
        var document = new HtmlDocument();
        document.LoadHtml(html);
        var baseUrl = BaseOf(document, pageUrl);
        var links = new List<Candidate>();
        var nodes = document.DocumentNode.SelectNodes(source.LinkXPath) ?? Enumerable.Empty<HtmlNode>();
        matched = 0;
        foreach (var node in nodes)
        {
            matched++;
            var url = source.LinkRecipe is { } recipe ? recipe.Build(node, baseUrl) : Resolve(baseUrl, node.GetAttributeValue("href", ""));
            if (url is not null && url.Scheme is "http" or "https")
            {
                links.Add(new Candidate(new UriBuilder(url) { Fragment = "" }.Uri.AbsoluteUri, HtmlEntity.DeEntitize(node.InnerText).Trim(), RowDate(node)));
            }
        }

        var next = document.DocumentNode.SelectSingleNode(source.NextPageXPath) is { } nextNode
            ? Resolve(baseUrl, nextNode.GetAttributeValue("href", ""))
            : null;
        return (links, next is not null && next.Scheme is "http" or "https" ? new UriBuilder(next) { Fragment = "" }.Uri : null);
    }

    /// <summary>
    /// The date a board's row gives its bulletin (<c>2025-12-01</c>, <c>2025.12.01</c>, <c>2025/12/01</c>), in the
    /// publisher's calendar: the one date written in the link's row (its <c>tr</c> or <c>li</c>), or null
    /// when the row has none or several.
    /// </summary>
    internal static DateOnly? RowDate(HtmlNode link)
    {
        var row = link;
        for (var up = 0; up < 4 && row.ParentNode is { } parent && row.Name is not ("tr" or "li"); up++)
        {
            row = parent;
        }

        if (row.Name is not ("tr" or "li"))
        {
            row = link;
        }

        DateOnly? found = null;
        // Cell by cell: InnerText runs adjacent cells together ("2025-11-20" + "2025-11-21").
        var text = string.Join(' ', row.DescendantsAndSelf().Where(n => n.NodeType == HtmlNodeType.Text).Select(n => HtmlEntity.DeEntitize(n.InnerText)));
        foreach (Match match in RowDatePattern().Matches(text))
        {
            var parts = (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture),
                int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));
            if (parts.Item2 is < 1 or > 12 || parts.Item3 < 1 || parts.Item3 > DateTime.DaysInMonth(parts.Item1, parts.Item2))
            {
                continue;
            }

            var date = new DateOnly(parts.Item1, parts.Item2, parts.Item3);
            if (found is not null && found != date)
            {
                return null;
            }

            found = date;
        }

        return found;
    }

    [GeneratedRegex(@"(?<!\d)((?:19|20)\d{2})[-./](\d{1,2})[-./](\d{1,2})(?![\d.]\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex RowDatePattern();

    /// <summary>The first <c>&lt;base href&gt;</c>, resolved against the page's address, else the page's address.</summary>
    internal static Uri BaseOf(HtmlDocument document, Uri pageUrl)
    {
        var href = document.DocumentNode.SelectSingleNode("//base[@href]")?.GetAttributeValue("href", "");
        return href is { Length: > 0 } && Resolve(pageUrl, href) is { } resolved ? resolved : pageUrl;
    }

    private static Uri? Resolve(Uri baseUrl, string href)
    {
        href = HtmlEntity.DeEntitize(href).Trim();
        return href.Length == 0 || href.StartsWith('#') || !Uri.TryCreate(baseUrl, href, out var url) ? null : url;
    }
}
