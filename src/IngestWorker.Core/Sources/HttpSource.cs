using System.Globalization;
using IngestWorker.Core.Archive;
using IngestWorker.Core.Fetching;
using IngestWorker.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IngestWorker.Core.Sources;

/// <summary>
/// Bulletins on the web: a listing page (followed for a few pages), a feed (RSS, Atom, JSON Feed), or one page.
/// The first listing page is asked for conditionally; when it has not changed, its links are
/// taken from the store. Either way, only bulletins never stored or stored within the source's
/// <see cref="SourceDefinition.Revisit"/> window are returned, so a correction published at a known
/// URL is still seen, and an old bulletin costs nothing. The store is opened only when discovery
/// first needs it: <see cref="ListAsync(SourceDefinition, IProgress{ValueTuple{Uri, int}}, CancellationToken)"/>
/// and the fetches never touch it.
/// </summary>
public sealed class HttpSource(HttpFetcher fetcher, Lazy<FigureStore> store, TimeProvider time, IOptions<FetchOptions> options, ILogger<HttpSource> logger) : IBulletinSource, IAttachmentSource
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

        // The stored links are only as good as the settings that selected them: after an edit of
        // the source's discovery settings the listing is read afresh.
        var settings = DiscoveryKey(source);
        // Items read as their own description need the feed's text every run: stored links carry none.
        var known = source.ItemText != "description" && store.Value.Listing(start.AbsoluteUri) is { } listing && listing.ContentHash?.EndsWith(settings, StringComparison.Ordinal) == true ? listing : null;
        var first = await fetcher.FetchAsync(MethodOf(source), start, Reach.Of(source), known?.ETag, known?.LastModified, cancellationToken);
        var hash = first.NotModified ? null : ContentHash.Of(first.Content) + settings;
        if (known is not null && (first.NotModified || hash == known.ContentHash))
        {
            var listed = known.Bulletins.Select(b => new Candidate(b.Url, b.Title, b.Published is null ? null : DateOnly.ParseExact(b.Published, "O", CultureInfo.InvariantCulture))).ToList();
            var revisits = WorthFetching(source, listed);
            FetchLog.ListingUnchanged(logger, source.Id, start.AbsoluteUri, revisits.Count, listed.Count);
            return revisits;
        }

        var found = (await ListAsync(source, start, first, reading: null, cancellationToken)).Selected;
        store.Value.SaveListing(new ListingState
        {
            Id = start.AbsoluteUri,
            ETag = first.ETag,
            LastModified = first.LastModified,
            ContentHash = hash,
            Bulletins = [.. found.Select(c => new ListedBulletin { Url = c.Url, Title = c.Title, Published = c.Published?.ToString("O", CultureInfo.InvariantCulture) })],
        });
        return WorthFetching(source, found);
    }

    /// <summary>
    /// Reads the listing or feed once, as discovery does (the same pages, refusals and selection), but
    /// unconditionally and without the store: nothing is read from it or written to it. A <c>page</c>
    /// source lists only itself, selected, without a request.
    /// </summary>
    /// <param name="reading">Told each listing or feed page and its number (from 1) just before it is asked for.</param>
    /// <returns>The address, the pages read and every distinct link with its verdict, in listing order.</returns>
    /// <exception cref="FetchException">
    /// A page could not be read, a <c>feed</c> source's address is not a feed, or no link was found at
    /// all (the message says which setting to check, as a failed run's does).
    /// </exception>
    public async Task<SourceListing> ListAsync(SourceDefinition source, IProgress<(Uri Page, int Number)>? reading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var start = new Uri(source.Url!);
        if (source.Shape == "page")
        {
            return new SourceListing(start, 0, [new ListedLink(new Candidate(start.AbsoluteUri), LinkVerdict.Selected)]);
        }

        reading?.Report((start, 1));
        var first = await fetcher.FetchAsync(MethodOf(source), start, Reach.Of(source), etag: null, lastModified: null, cancellationToken);
        return await ListAsync(source, start, first, reading, cancellationToken);
    }

    /// <summary>The listing from its first page on: every distinct link, refused, selected or not.</summary>
    private async Task<SourceListing> ListAsync(SourceDefinition source, Uri start, FetchedDocument first, IProgress<(Uri, int)>? reading, CancellationToken cancellationToken)
    {
        var (read, pages) = await ReadPagesAsync(source, start, first, reading, cancellationToken);
        if (read.Count == 0)
        {
            // Not "nothing new": a board always lists its last releases. The markup changed, or the
            // site answered 200 with something else; either way a person has to look.
            throw new FetchException(NothingListed(source, start, first));
        }

        var links = new List<ListedLink>();
        foreach (var candidate in read.DistinctBy(c => c.Url, StringComparer.Ordinal))
        {
            if (LinkPolicy.Refusal(source, start, candidate.Url) is { } refusal)
            {
                FetchLog.LinkRefused(logger, source.Id, candidate.Url, refusal);
                links.Add(new ListedLink(candidate, LinkVerdict.Refused, refusal));
            }
            else
            {
                var unselected = LinkPolicy.Unselected(source, candidate);
                links.Add(new ListedLink(candidate, unselected is null ? LinkVerdict.Selected : LinkVerdict.NotSelected, unselected));
            }
        }

        return new SourceListing(start, pages, links);
    }

    /// <summary>
    /// The bulletin a candidate points at. For a feed item with a description: that description (as
    /// UTF-8 HTML, stored under the item's link) when the source's <see cref="SourceDefinition.ItemText"/>
    /// is <c>description</c>, without asking for the page; with <c>page</c>, the page, unless it comes
    /// back with no text at all. Every other page is one conditional GET.
    /// </summary>
    /// <exception cref="FetchException">The page could not be read, or an item read as its description has none.</exception>
    public async Task<FetchedDocument> FetchAsync(SourceDefinition source, Candidate candidate, StoredDocument? previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(candidate);
        var description = candidate.Description is { Length: > 0 } html ? new FetchedDocument(System.Text.Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", null, null) : null;
        if (source.ItemText == "description")
        {
            return description ?? throw new FetchException($"feed item {candidate.Url} has no description to read (ItemText: description)");
        }

        var page = await fetcher.GetAsync(new Uri(candidate.Url), Reach.Of(source), previous?.ETag, previous?.LastModified, cancellationToken);
        if (description is not null && !page.NotModified && !HasText(page))
        {
            FetchLog.PageEmptyUsingDescription(logger, source.Id, candidate.Url);
            return description;
        }

        return page;
    }

    public Task<FetchedDocument> FetchAttachmentAsync(SourceDefinition source, Uri url, StoredDocument? previous, CancellationToken cancellationToken) =>
        fetcher.GetAttachmentAsync(url, Reach.Of(source), previous?.ETag, previous?.LastModified, cancellationToken);

    /// <summary>Whether a page shows any text (scripts, styles and markup aside).</summary>
    private static bool HasText(FetchedDocument page)
    {
        var document = new HtmlAgilityPack.HtmlDocument();
        document.LoadHtml(CharsetDecoder.Decode(page.Content, page.ContentType));
        foreach (var hidden in document.DocumentNode.SelectNodes("//script|//style|//noscript|//template|//head") ?? Enumerable.Empty<HtmlAgilityPack.HtmlNode>())
        {
            hidden.Remove();
        }

        return !string.IsNullOrWhiteSpace(HtmlAgilityPack.HtmlEntity.DeEntitize(document.DocumentNode.InnerText));
    }

    private static HttpMethod MethodOf(SourceDefinition source) => source.Method.Equals("POST", StringComparison.OrdinalIgnoreCase) ? HttpMethod.Post : HttpMethod.Get;

    /// <summary>Every link of the feed, or of the listing's pages up to <see cref="SourceDefinition.MaxPages"/>, and how many pages were read.</summary>
    private async Task<(List<Candidate> Links, int Pages)> ReadPagesAsync(SourceDefinition source, Uri start, FetchedDocument first, IProgress<(Uri, int)>? reading, CancellationToken cancellationToken)
    {
        var found = new List<Candidate>();
        var visited = new HashSet<string>(StringComparer.Ordinal) { start.AbsoluteUri };
        var (page, fetched) = (start, first);
        for (var number = 1; ; number++)
        {
            var text = CharsetDecoder.Decode(fetched.Content, fetched.ContentType);
            if (source.Shape != "listing" && FeedReader.TryRead(text, page, source.Zone) is { } items)
            {
                found.AddRange(items);
                return (found, number);
            }

            if (source.Shape == "feed")
            {
                throw new FetchException($"{page} is not an RSS, Atom or JSON feed");
            }

            var (links, next) = ListingReader.Read(text, page, source);
            var before = found.Count;
            found.AddRange(links.Where(l => !found.Exists(f => f.Url == l.Url)));
            if (source.PageUrlTemplate is { Length: > 0 } template)
            {
                // A board read past its last page shows nothing new (or the last page again): stop there.
                next = found.Count > before ? new Uri(template.Replace("{page}", (number + 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)) : null;
            }

            if (number >= source.MaxPages || next is null || !visited.Add(next.AbsoluteUri) || LinkPolicy.Refusal(source, start, next.AbsoluteUri) is not null)
            {
                return (found, number);
            }

            page = next;
            reading?.Report((page, number + 1));
            fetched = await fetcher.FetchAsync(MethodOf(source), page, Reach.Of(source), etag: null, lastModified: null, cancellationToken);
        }
    }

    /// <summary>Why a listing or feed gave no link, and what to check.</summary>
    private static string NothingListed(SourceDefinition source, Uri start, FetchedDocument first)
    {
        var text = CharsetDecoder.Decode(first.Content, first.ContentType);
        var document = new HtmlAgilityPack.HtmlDocument();
        document.LoadHtml(text);
        var matched = source.Shape == "feed" ? 0 : document.DocumentNode.SelectNodes(source.LinkXPath)?.Count ?? 0;
        var feed = FeedReader.TryRead(text, start);
        var what = feed is { Count: > 0 } && source.Shape == "listing"
            ? $"{start} is a feed, read as a listing: set its Shape to feed (or auto)"
            : source.Shape == "feed" || feed is not null
                ? $"{start} is a feed with no items"
                : matched == 0
                    ? $"{start} listed no bulletin link: LinkXPath '{source.LinkXPath}' matched no link; check it against the page"
                    : source.LinkRecipe is null
                        ? $"{start} listed no bulletin link: LinkXPath '{source.LinkXPath}' matched {matched} links, none with an http(s) address (script links need a LinkRecipe)"
                        : $"{start} listed no bulletin link: LinkXPath '{source.LinkXPath}' matched {matched} links, and LinkRecipe built no address from them (check its Attribute and Pattern)";
        return Ingestion.PageCheck.PhraseIn(document.DocumentNode.InnerText) is { } phrase
            ? $"{what}; the page looks like a maintenance or error page ('{phrase}')"
            : what;
    }

    /// <summary>A short fingerprint of every setting that decides which links a listing yields.</summary>
    private static string DiscoveryKey(SourceDefinition source)
    {
        var settings = string.Join('\n', source.Shape, source.Method, source.ItemText, source.LinkXPath, source.LinkRecipe, source.NextPageXPath, source.PageUrlTemplate, source.MaxPages,
            string.Join('\t', source.Keywords), source.LinkPattern, string.Join('\t', source.AllowedPrefixes));
        return ":" + ContentHash.Of(System.Text.Encoding.UTF8.GetBytes(settings))[..16];
    }

    /// <summary>
    /// Bulletins never stored (new, or failed before), and those stored within the revisit window, up
    /// to <see cref="FetchOptions.MaxDocumentsPerRun"/>: the never-stored first (else a backlog would
    /// never move past the revisits of the last run's bulletins), each group newest first (by the date
    /// the listing or feed gives; undated ones keep the listing's order, after the dated).
    /// </summary>
    private List<Candidate> WorthFetching(SourceDefinition source, IReadOnlyList<Candidate> listed)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var (fresh, revisits) = (new List<Candidate>(), new List<Candidate>());
        foreach (var candidate in listed)
        {
            if (store.Value.LatestDocument(source.Id, candidate.Url) is not { } stored)
            {
                fresh.Add(candidate);
            }
            else if (now - stored.FetchedAt.ToUniversalTime() < source.Revisit)
            {
                revisits.Add(candidate);
            }
        }

        var cap = options.Value.MaxDocumentsPerRun;
        var worth = fresh.Count + revisits.Count;
        if (worth > cap)
        {
            FetchLog.RunCapped(logger, source.Id, worth, cap);
        }

        return [.. NewestFirst(fresh).Concat(NewestFirst(revisits)).Take(cap)];
    }

    /// <summary>Newest first by the listed date; undated ones after, in the listing's order (OrderByDescending is stable).</summary>
    internal static IEnumerable<Candidate> NewestFirst(IEnumerable<Candidate> candidates) =>
        candidates.OrderByDescending(c => c.Published ?? DateOnly.MinValue);
}
