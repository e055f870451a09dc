using IngestWorker.Core.Fetching;
using IngestWorker.Core.Storage;

namespace IngestWorker.Core.Sources;

/// <summary>
/// Bulletins on the web: a listing page (followed for a few pages), an RSS/Atom feed, or one page.
/// Only links on the source's own host are followed, so a page cannot send the worker elsewhere.
/// </summary>
public sealed class HttpSource(HttpFetcher fetcher) : IBulletinSource
{
    public string Kind => "http";

    public async Task<IReadOnlyList<Candidate>> DiscoverAsync(SourceDefinition source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var start = new Uri(source.Url!);
        if (source.Shape == "page")
        {
            return [new Candidate(start.AbsoluteUri)];
        }

        var found = new List<Candidate>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        for (Uri? page = start; page is not null && visited.Count < Math.Max(1, source.MaxPages) && visited.Add(page.AbsoluteUri);)
        {
            var fetched = await fetcher.GetAsync(page, etag: null, lastModified: null, cancellationToken);
            var text = CharsetDecoder.Decode(fetched.Content, fetched.ContentType);
            if (source.Shape != "listing" && FeedReader.TryRead(text, page) is { } items)
            {
                found.AddRange(items);
                break;
            }

            if (source.Shape == "feed")
            {
                throw new FetchException($"{page} is not an RSS or Atom feed");
            }

            var (links, next) = ListingReader.Read(text, page, source);
            found.AddRange(links);
            page = next;
        }

        return [.. found
            .Where(c => IsAllowed(start, c.Url) && MatchesKeywords(source, c))
            .DistinctBy(c => c.Url, StringComparer.Ordinal)];
    }

    public Task<FetchedDocument> FetchAsync(SourceDefinition source, Candidate candidate, StoredDocument? previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return fetcher.GetAsync(new Uri(candidate.Url), previous?.ETag, previous?.LastModified, cancellationToken);
    }

    private static bool IsAllowed(Uri start, string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var target)
        && target.Scheme is "http" or "https"
        && string.Equals(target.Host, start.Host, StringComparison.OrdinalIgnoreCase)
        && target.Port == start.Port;

    private static bool MatchesKeywords(SourceDefinition source, Candidate candidate) =>
        source.Keywords.Count == 0
        || source.Keywords.Exists(k =>
            (candidate.Title ?? "").Contains(k, StringComparison.OrdinalIgnoreCase)
            || candidate.Url.Contains(k, StringComparison.OrdinalIgnoreCase));

}
