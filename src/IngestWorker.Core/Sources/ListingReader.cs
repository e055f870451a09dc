using HtmlAgilityPack;

namespace IngestWorker.Core.Sources;

/// <summary>
/// Reads a press-release board page: the links that lead to bulletins and the link to the next page.
/// Relative links resolve against the page's <c>&lt;base href&gt;</c> when it has one (HTML's
/// "document base URL"), else against the page's own address.
/// </summary>
public static class ListingReader
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
                links.Add(new Candidate(new UriBuilder(url) { Fragment = "" }.Uri.AbsoluteUri, HtmlEntity.DeEntitize(node.InnerText).Trim()));
            }
        }

        var next = document.DocumentNode.SelectSingleNode(source.NextPageXPath) is { } nextNode
            ? Resolve(baseUrl, nextNode.GetAttributeValue("href", ""))
            : null;
        return (links, next is not null && next.Scheme is "http" or "https" ? new UriBuilder(next) { Fragment = "" }.Uri : null);
    }

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
