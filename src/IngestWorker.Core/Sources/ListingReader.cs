using HtmlAgilityPack;

namespace IngestWorker.Core.Sources;

/// <summary>Reads a press-release board page: the links that lead to bulletins and the link to the next page.</summary>
public static class ListingReader
{
    public static (IReadOnlyList<Candidate> Links, Uri? Next) Read(string html, Uri pageUrl, SourceDefinition source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var document = new HtmlDocument();
        document.LoadHtml(html);
        var links = new List<Candidate>();
        foreach (var node in document.DocumentNode.SelectNodes(source.LinkXPath) ?? Enumerable.Empty<HtmlNode>())
        {
            if (Resolve(pageUrl, node.GetAttributeValue("href", "")) is { } url)
            {
                links.Add(new Candidate(url.AbsoluteUri, HtmlEntity.DeEntitize(node.InnerText).Trim()));
            }
        }

        var next = document.DocumentNode.SelectSingleNode(source.NextPageXPath) is { } nextNode
            ? Resolve(pageUrl, nextNode.GetAttributeValue("href", ""))
            : null;
        return (links, next);
    }

    private static Uri? Resolve(Uri pageUrl, string href)
    {
        href = HtmlEntity.DeEntitize(href).Trim();
        if (href.Length == 0 || href.StartsWith('#') || !Uri.TryCreate(pageUrl, href, out var url))
        {
            return null;
        }

        return url.Scheme is "http" or "https" ? new UriBuilder(url) { Fragment = "" }.Uri : null;
    }
}
