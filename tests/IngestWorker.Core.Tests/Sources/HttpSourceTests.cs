using System.Text;
using IngestWorker.Core.Fetching;
using IngestWorker.Core.Sources;
using IngestWorker.Core.Storage;
using IngestWorker.Core.Tests.Fetching;
using IngestWorker.Core.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace IngestWorker.Core.Tests.Sources;

/// <summary>Discovery against a scripted Kestrel site: what is followed, and what each run costs in requests.</summary>
public sealed class HttpSourceTests : IAsyncLifetime
{
    private const string Html = "text/html; charset=utf-8";
    private ScriptedSite _site = null!;

    public async Task InitializeAsync() => _site = await ScriptedSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private static string Board(string next, params string[] links) =>
        "<html><body><table>" + string.Concat(links.Select(l => $"<tr><td class='subject'><a href='{l}'>Exports {l}</a></td></tr>"))
        + "</table>" + (next.Length > 0 ? $"<a rel='next' href='{next}'>next</a>" : "") + "</body></html>";

    private SourceDefinition Listing(string path, Action<SourceDefinition>? configure = null)
    {
        var source = new SourceDefinition { Id = "board", Kind = "http", Url = _site.Url(path).AbsoluteUri, Shape = "listing", LinkXPath = "//td[@class='subject']/a" };
        configure?.Invoke(source);
        return source;
    }

    [Fact]
    public async Task Discover_ListingWithNextLinks_ReadsUpToMaxPages()
    {
        _site.Map("/board", Html, Board("/board-2", "/news/1", "/news/2"));
        _site.Map("/board-2", Html, Board("/board-3", "/news/3"));
        _site.Map("/board-3", Html, Board("", "/news/4"));
        using var harness = new FetchHarness();

        var found = await harness.Source.DiscoverAsync(Listing("board", s => s.MaxPages = 2), CancellationToken.None);

        Assert.Equal(["/news/1", "/news/2", "/news/3"], found.Select(c => new Uri(c.Url).AbsolutePath));
        Assert.Equal((1, 1, 0), (_site.Count("/board"), _site.Count("/board-2"), _site.Count("/board-3")));
    }

    [Fact]
    public async Task Discover_PageUrlTemplate_ReadsNumberedPagesUntilNothingNew()
    {
        // The ministry's board: ?pageIndex=N, and a page past the end shows the last page again.
        _site.Map("/eng/article/B", Html, Board("", "/eng/article/B/1", "/eng/article/B/2"));
        _site.Map("/eng/article/B?pageIndex=2", Html, Board("", "/eng/article/B/3"));
        _site.Map("/eng/article/B?pageIndex=3", Html, Board("", "/eng/article/B/3"));
        var source = Listing("eng/article/B", s =>
        {
            s.PageUrlTemplate = _site.Url("eng/article/B").AbsoluteUri + "?pageIndex={page}";
            s.MaxPages = 10;
        });
        using var harness = new FetchHarness();

        var found = await harness.Source.DiscoverAsync(source, CancellationToken.None);

        Assert.Equal(3, found.Count);
        Assert.Equal((1, 1, 1, 0), (_site.Count("/eng/article/B"), _site.Count("/eng/article/B?pageIndex=2"),
            _site.Count("/eng/article/B?pageIndex=3"), _site.Count("/eng/article/B?pageIndex=4")));
    }

    [Fact]
    public async Task Discover_RssFeed_ReadsItemsInOneRequest()
    {
        _site.Map("/rss", "application/rss+xml", """
            <?xml version="1.0"?>
            <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
            <rss version="2.0"><channel><title>t</title>
              <item><title>November exports up 8.4%</title><link>/news/1</link><pubDate>Mon, 01 Dec 2025 09:00:00 +0900</pubDate></item>
              <item><title>Weather</title><link>/news/2</link></item>
            </channel></rss>
            """);
        using var harness = new FetchHarness();
        var source = new SourceDefinition { Id = "rss", Kind = "http", Url = _site.Url("rss").AbsoluteUri, LinkPattern = @"\bexports?\b|수출" };

        var found = await harness.Source.DiscoverAsync(source, CancellationToken.None);

        var item = Assert.Single(found);
        Assert.Equal((_site.Url("news/1").AbsoluteUri, (DateOnly?)new DateOnly(2025, 12, 1)), (item.Url, item.Published));
        Assert.Equal(1, _site.Count("/rss"));
    }

    [Fact]
    public async Task Discover_AtomFeed_ReadsEntries()
    {
        _site.Map("/atom", "application/atom+xml", """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
              <entry><title>3월 수출 동향</title><link rel="alternate" href="/news/ko/1"/><updated>2018-04-01T11:02:00+09:00</updated></entry>
              <entry><title>Other</title><link rel="alternate" href="/news/ko/2"/></entry>
            </feed>
            """);
        using var harness = new FetchHarness();
        var source = new SourceDefinition { Id = "atom", Kind = "http", Url = _site.Url("atom").AbsoluteUri, Shape = "feed", Keywords = ["수출"] };

        var found = await harness.Source.DiscoverAsync(source, CancellationToken.None);

        Assert.Equal(_site.Url("news/ko/1").AbsoluteUri, Assert.Single(found).Url);
        Assert.Equal(1, _site.Count("/atom"));
    }

    [Fact]
    public async Task Discover_FeedWithExternalEntity_NeverResolvesIt()
    {
        _site.Map("/secret", "text/plain", "top secret");
        _site.Map("/evil", "application/rss+xml", $"""
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY web SYSTEM "{_site.Url("secret")}"><!ENTITY file SYSTEM "file:///etc/passwd">]>
            <rss version="2.0"><channel><title>t</title>
              <item><title>&web;&file;</title><link>/news/1</link></item>
            </channel></rss>
            """);
        using var harness = new FetchHarness();
        var source = new SourceDefinition { Id = "evil", Kind = "http", Url = _site.Url("evil").AbsoluteUri, Shape = "feed" };

        await Assert.ThrowsAsync<FetchException>(() => harness.Source.DiscoverAsync(source, CancellationToken.None));

        Assert.Equal(0, _site.Count("/secret"));
        Assert.Equal(1, _site.Count("/evil"));
    }

    [Fact]
    public async Task Discover_LinksToAnotherHost_AreNotFollowedUnlessAllowed()
    {
        await using var elsewhere = await ScriptedSite.StartAsync();
        _site.Map("/board", Html, Board(elsewhere.Url("board-2").AbsoluteUri,
            "/news/1", elsewhere.Url("news/2").AbsoluteUri, elsewhere.Url("partner/3").AbsoluteUri, "file:///etc/passwd", "/files/release.pdf"));
        using var harness = new FetchHarness();
        using var widening = new FetchHarness();

        var own = await harness.Source.DiscoverAsync(Listing("board"), CancellationToken.None);
        var widened = await widening.Source.DiscoverAsync(
            Listing("board", s => s.AllowedPrefixes = [elsewhere.Url("partner/").AbsoluteUri]), CancellationToken.None);

        Assert.Equal([_site.Url("news/1").AbsoluteUri], own.Select(c => c.Url));
        Assert.Equal([_site.Url("news/1").AbsoluteUri, elsewhere.Url("partner/3").AbsoluteUri], widened.Select(c => c.Url));
        // Not even the other host's next page or robots.txt was asked for.
        Assert.Equal(0, elsewhere.Total);
    }

    [Fact]
    public void LinkPolicy_WebSourceLinkingToAPrivateAddress_IsRefusedUnlessItsConfigurationNamesIt()
    {
        var web = new Uri("https://english.motir.go.kr/eng/article/EATCL0512e0b48");
        var source = new SourceDefinition { Url = web.AbsoluteUri, AllowedPrefixes = ["http://10.0.0.5/board/"] };

        Assert.Equal("a private address its configuration does not name", LinkPolicy.Refusal(source, web, "http://127.0.0.1/admin"));
        Assert.Equal("a private address its configuration does not name", LinkPolicy.Refusal(source, web, "http://192.168.1.1/"));
        Assert.Null(LinkPolicy.Refusal(source, web, "http://10.0.0.5/board/1"));
        Assert.Equal("not an http or https URL", LinkPolicy.Refusal(source, web, "file:///etc/passwd"));
        Assert.Null(LinkPolicy.Refusal(source, web, "http://english.motir.go.kr/eng/article/1"));
    }

    [Fact]
    public async Task Discover_UnchangedListing_CostsOneRequestAndReChecksOnlyRecentBulletins()
    {
        var listing = "/board";
        var body = Board("", "/news/old", "/news/recent", "/news/failed");
        _site.Map(listing, (context, _) =>
        {
            if (context.Request.Headers.IfNoneMatch == "\"L1\"")
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }

            context.Response.Headers.ETag = "\"L1\"";
            return ScriptedSite.Write(context, Html, Encoding.UTF8.GetBytes(body));
        });
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        using var harness = new FetchHarness(time: time);
        var source = Listing("board", s => s.Revisit = TimeSpan.FromDays(14));

        var first = await harness.Source.DiscoverAsync(source, CancellationToken.None);
        Store(harness.Store, _site.Url("news/old"), time.GetUtcNow().AddDays(-30));
        Store(harness.Store, _site.Url("news/recent"), time.GetUtcNow().AddDays(-2));
        var second = await harness.Source.DiscoverAsync(source, CancellationToken.None);

        Assert.Equal(3, first.Count);
        // Old and settled: not asked again. Recent: asked again (a correction may come). Failed before: asked again, first (never stored).
        Assert.Equal([_site.Url("news/failed").AbsoluteUri, _site.Url("news/recent").AbsoluteUri], second.Select(c => c.Url));
        Assert.Equal(2, _site.Count(listing));
        Assert.Equal("\"L1\"", _site.Seen.Last(s => s.Path == listing).Headers["If-None-Match"]);
        Assert.Equal(1, _site.Total - _site.Count(listing)); // robots.txt, once
    }

    [Fact]
    public async Task Discover_SameListingWithoutValidators_IsRecognisedByItsHash()
    {
        _site.Map("/board", Html, Board("/board-2", "/news/1"));
        _site.Map("/board-2", Html, Board("", "/news/2"));
        using var harness = new FetchHarness();

        var first = await harness.Source.DiscoverAsync(Listing("board"), CancellationToken.None);
        var second = await harness.Source.DiscoverAsync(Listing("board"), CancellationToken.None);

        Assert.Equal(first.Select(c => c.Url), second.Select(c => c.Url));
        // The second run read page 1, saw the same bytes, and did not page on.
        Assert.Equal((2, 1), (_site.Count("/board"), _site.Count("/board-2")));
    }

    [Fact]
    public async Task Discover_SettingsEditedSinceLastRun_ReadsTheListingAfresh()
    {
        _site.Map("/board", (context, _) =>
        {
            context.Response.Headers.ETag = "\"L1\"";
            if (context.Request.Headers.IfNoneMatch == "\"L1\"")
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }

            return ScriptedSite.Write(context, Html, Encoding.UTF8.GetBytes(Board("", "/news/exports", "/news/weather")));
        });
        using var harness = new FetchHarness();

        var exports = await harness.Source.DiscoverAsync(Listing("board", s => s.LinkPattern = "exports$"), CancellationToken.None);
        var weather = await harness.Source.DiscoverAsync(Listing("board", s => s.LinkPattern = "weather$"), CancellationToken.None);

        Assert.Equal(["/news/exports"], exports.Select(c => new Uri(c.Url).AbsolutePath));
        Assert.Equal(["/news/weather"], weather.Select(c => new Uri(c.Url).AbsolutePath));
        Assert.False(_site.Seen.Last(s => s.Path == "/board").Headers.ContainsKey("If-None-Match"));
    }

    [Fact]
    public async Task Run_ListingUnchangedButABulletinCorrected_TheCorrectionIsFetched()
    {
        var version = 1;
        _site.Map("/board", (context, _) => Conditional(context, "\"L1\"", Board("", "/news/1")));
        _site.Map("/news/1", (context, _) => Conditional(context, $"\"v{version}\"", $"<p>exports v{version}</p>"));
        using var harness = new FetchHarness();
        var source = Listing("board");

        var candidate = Assert.Single(await harness.Source.DiscoverAsync(source, CancellationToken.None));
        var v1 = await harness.Source.FetchAsync(source, candidate, null, CancellationToken.None);
        var stored = new StoredDocument { SourceId = "board", Url = candidate.Url, ContentHash = "v1", ETag = v1.ETag, FetchedAt = TimeProvider.System.GetUtcNow().UtcDateTime, Published = "2026-01-01" };
        harness.Store.RecordDocument(stored, []);
        version = 2;
        var again = Assert.Single(await harness.Source.DiscoverAsync(source, CancellationToken.None));
        var v2 = await harness.Source.FetchAsync(source, again, harness.Store.LatestDocument(source.Id, again.Url), CancellationToken.None);

        Assert.Equal("<p>exports v2</p>", Encoding.UTF8.GetString(v2.Content));
        // Listing: 200 then 304. Bulletin: 200, then a conditional request answered with the correction.
        Assert.Equal((2, 2), (_site.Count("/board"), _site.Count("/news/1")));
        Assert.Equal("\"v1\"", _site.Seen.Last(s => s.Path == "/news/1").Headers["If-None-Match"]);
    }

    private static Task Conditional(HttpContext context, string etag, string body)
    {
        if (context.Request.Headers.IfNoneMatch == etag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        context.Response.Headers.ETag = etag;
        return ScriptedSite.Write(context, Html, Encoding.UTF8.GetBytes(body));
    }

    [Fact]
    public async Task Fetch_RecentBulletinRevisedAtTheSameUrl_ComesBackChanged()
    {
        var version = 1;
        _site.Map("/news/1", (context, _) => Conditional(context, $"\"v{version}\"", $"<p>exports v{version}</p>"));
        using var harness = new FetchHarness();
        var source = Listing("board");
        var candidate = new Candidate(_site.Url("news/1").AbsoluteUri);

        var v1 = await harness.Source.FetchAsync(source, candidate, null, CancellationToken.None);
        var unchanged = await harness.Source.FetchAsync(source, candidate, new StoredDocument { ETag = v1.ETag }, CancellationToken.None);
        version = 2;
        var v2 = await harness.Source.FetchAsync(source, candidate, new StoredDocument { ETag = v1.ETag }, CancellationToken.None);

        Assert.True(unchanged.NotModified);
        Assert.Equal("<p>exports v2</p>", Encoding.UTF8.GetString(v2.Content));
        Assert.Equal(3, _site.Count("/news/1"));
    }

    [Fact]
    public async Task Run_MoreBulletinsThanThePerRunCap_FetchesTheNewestFirstAndTheRestOnLaterRuns()
    {
        // Seven items listed out of date order; three documents a run.
        int[] days = [3, 7, 1, 5, 2, 6, 4];
        _site.Map("/rss", "application/rss+xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>"
            + string.Concat(days.Select(d => $"<item><title>Exports {d}</title><link>/news/{d}</link><pubDate>0{d} Dec 2025 09:00:00 +0900</pubDate></item>"))
            + "</channel></rss>");
        foreach (var d in days)
        {
            _site.Map($"/news/{d}", Html, $"<html><body><p>Bulletin {d}</p></body></html>");
        }

        using var harness = new FetchHarness(new Dictionary<string, string?> { ["Fetching:MaxDocumentsPerRun"] = "3" });
        var source = new SourceDefinition { Id = "feed", Kind = "http", Url = _site.Url("rss").AbsoluteUri, Shape = "feed" };
        int[] Fetched() => [.. days.Where(d => _site.Count($"/news/{d}") > 0).Order()];

        var first = await harness.Pipeline.RunAsync(source, CancellationToken.None);
        Assert.Equal([5, 6, 7], Fetched());
        Assert.Equal(3, first.Documents);
        Assert.Contains(harness.Log.Lines, l => l.Event.Id == 1106 && l.Message.Contains("feed lists 7 bulletins to fetch; fetching 3 this run", StringComparison.Ordinal));

        await harness.Pipeline.RunAsync(source, CancellationToken.None);
        Assert.Equal([2, 3, 4, 5, 6, 7], Fetched());

        // The last new one, then the newest revisits fill the run.
        var third = await harness.Pipeline.RunAsync(source, CancellationToken.None);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], Fetched());
        Assert.Equal(3, third.Documents);
        Assert.Equal((2, 2, 1), (_site.Count("/news/7"), _site.Count("/news/6"), _site.Count("/news/5")));
    }

    [Fact]
    public async Task Run_BulletinDisallowedByRobots_IsSkippedNotCountedAsAFailure()
    {
        _site.Map("/robots.txt", "text/plain", "User-agent: *\nDisallow: /private/\n");
        _site.Map("/board", Html, Board("", "/news/1", "/private/2"));
        _site.Map("/news/1", Html, "<html><body><p>Bulletin 1</p></body></html>");
        using var harness = new FetchHarness();

        var summary = await harness.Pipeline.RunAsync(Listing("board"), CancellationToken.None);

        Assert.Equal((2, 0, false), (summary.Documents, summary.FailedDocuments, summary.Failed));
        Assert.Equal(0, harness.Store.SourceState("board").ConsecutiveFailures);
        Assert.Equal(0, _site.Count("/private/2"));
        Assert.Contains(harness.Log.Lines, l => l.Event.Id == 1006 && l.Message.Contains("robots.txt of", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_EveryBulletinDisallowedByRobots_IsSaidOncePerLinkAndLeavesTheSourceDegraded()
    {
        _site.Map("/robots.txt", "text/plain", "User-agent: *\nDisallow: /private/\n");
        _site.Map("/board", Html, Board("", "/private/1", "/private/2"));
        using var harness = new FetchHarness();
        var source = Listing("board");

        var first = await harness.Pipeline.RunAsync(source, CancellationToken.None);
        var second = await harness.Pipeline.RunAsync(source, CancellationToken.None);

        Assert.Equal((2, 2, false, false), (first.RefusedDocuments, second.RefusedDocuments, first.Failed, second.Failed));
        Assert.Equal(2, harness.Log.Lines.Count(l => l.Event.Id == 1006));
        Assert.Equal(0, _site.Count("/private/1") + _site.Count("/private/2"));
        var state = harness.Store.SourceState("board");
        Assert.Equal(0, state.ConsecutiveFailures);
        Assert.StartsWith("robots.txt disallows every bulletin link it lists (2, such as ", state.Degraded, StringComparison.Ordinal);

        // One allowed bulletin: the source yields again.
        _site.Map("/board", Html, Board("", "/private/1", "/news/3"));
        _site.Map("/news/3", Html, "<html><body><p>Bulletin 3</p></body></html>");
        await harness.Pipeline.RunAsync(source, CancellationToken.None);
        Assert.Null(harness.Store.SourceState("board").Degraded);
    }

    [Fact]
    public async Task Run_PagesThatLieAboutTheirCharset_StoreTheFiguresARightReadingGives()
    {
        // No charset anywhere, windows-1252 bytes; and UTF-8 declared in the header with one stray byte.
        _site.Map("/en", (context, _) => ScriptedSite.Write(context, "text/html", LyingPages.UndeclaredWindows1252Bulletin()));
        _site.Map("/ko", (context, _) => ScriptedSite.Write(context, Html, LyingPages.KoreanUtf8WithStrayByte()));
        using var harness = new FetchHarness();
        SourceDefinition Page(string path) => new() { Id = path, Kind = "http", Url = _site.Url(path).AbsoluteUri, Shape = "page", Reporter = "KR" };

        var english = await harness.Pipeline.RunAsync(Page("en"), CancellationToken.None);
        var korean = await harness.Pipeline.RunAsync(Page("ko"), CancellationToken.None);

        Assert.Equal((false, false), (english.Failed, korean.Failed));
        var rows = harness.Store.Current(FigureFilter.All).Select(v => $"{v.SourceId} {v.Flow} {v.Product} {v.Period} {v.Measure} {v.Value}").ToList();
        Assert.Contains("en exports total 2025-01/2025-11 value 640200000000", rows);
        Assert.Contains("ko exports total 2025-11 value 51700000000", rows);
    }

    [Fact]
    public async Task Run_PdfPage_IsSkippedNotCountedAsAFailure()
    {
        _site.Map("/release", (context, _) => ScriptedSite.Write(context, "application/pdf", "%PDF-1.7"u8.ToArray()));
        using var harness = new FetchHarness();
        var source = new SourceDefinition { Id = "pdf", Kind = "http", Url = _site.Url("release").AbsoluteUri, Shape = "page" };

        var summary = await harness.Pipeline.RunAsync(source, CancellationToken.None);

        Assert.Equal((1, 0, false), (summary.Documents, summary.FailedDocuments, summary.Failed));
        Assert.Equal(0, harness.Store.SourceState("pdf").ConsecutiveFailures);
    }

    private static void Store(FigureStore store, Uri url, DateTimeOffset fetchedAt) =>
        store.RecordDocument(new StoredDocument { SourceId = "board", Url = url.AbsoluteUri, ContentHash = url.AbsolutePath, FetchedAt = fetchedAt.UtcDateTime, Published = "2026-01-01" }, []);
}
