using System.Text;
using IngestWorker.Core.Archive;
using IngestWorker.Core.Fetching;
using IngestWorker.Core.Sources;
using IngestWorker.Core.Storage;
using IngestWorker.Core.Tests.Fetching;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace IngestWorker.Core.Tests.Sources;

/// <summary>
/// Feeds as real publishers serve them: every feed format, relative links, POST-only feeds, items
/// whose description is the bulletin, and dates read in the publisher's time zone. Unit checks of
/// <see cref="FeedReader"/> first, then whole runs against a scripted Kestrel site.
/// </summary>
public sealed class FeedSourceTests : IAsyncLifetime
{
    private const string Html = "text/html; charset=utf-8";
    private const string Rss = "application/rss+xml; charset=utf-8";
    private static readonly Uri FeedUrl = new("http://127.0.0.1:8080/feeds/rss.xml");
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
    private ScriptedSite _site = null!;

    public async Task InitializeAsync() => _site = await ScriptedSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public void Feed_Rss10Rdf_ReadsItemsWithDcDates()
    {
        const string rdf = """
            <?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="http://127.0.0.1:8080/"><title>t</title><link>http://127.0.0.1:8080/</link><description>d</description></channel>
              <item rdf:about="http://127.0.0.1:8080/news/1"><title>November exports</title><link>http://127.0.0.1:8080/news/1</link>
                <description>Exports rose.</description><dc:date>2025-12-01T08:40:00+09:00</dc:date></item>
            </rdf:RDF>
            """;

        var item = Assert.Single(FeedReader.TryRead(rdf, FeedUrl, Seoul)!);

        Assert.Equal(("http://127.0.0.1:8080/news/1", "November exports", (DateOnly?)new DateOnly(2025, 12, 1), "Exports rose."),
            (item.Url, item.Title, item.Published, item.Description));
        Assert.Equal(new DateTimeOffset(2025, 11, 30, 23, 40, 0, TimeSpan.Zero), item.PublishedAt);
    }

    [Fact]
    public void Feed_JsonFeed_ReadsItemsAndTheirHtml()
    {
        const string json = """
            {"version": "https://jsonfeed.org/version/1.1", "title": "Releases", "home_page_url": "http://127.0.0.1:8080/",
             "items": [
               {"id": "1", "url": "/news/1", "title": "Exports up", "content_html": "<p>Exports were $35.1 billion.</p>", "date_published": "2025-11-30T23:40:00Z"},
               {"id": "2", "url": "http://127.0.0.1:8080/news/2", "content_text": "Imports <fell> 3%"},
               {"id": "3", "title": "No link"}
             ]}
            """;

        var items = FeedReader.TryRead(json, FeedUrl, Seoul)!;

        Assert.Equal(["http://127.0.0.1:8080/news/1", "http://127.0.0.1:8080/news/2"], items.Select(i => i.Url));
        Assert.Equal(("Exports up", (DateOnly?)new DateOnly(2025, 12, 1), "<p>Exports were $35.1 billion.</p>"), (items[0].Title, items[0].Published, items[0].Description));
        Assert.Equal("<pre>Imports &lt;fell&gt; 3%</pre>", items[1].Description);
        Assert.Null(FeedReader.TryRead("""{"items": []}""", FeedUrl));
    }

    [Fact]
    public void Feed_AtomXmlBase_ResolvesEntryLinksAgainstFeedAndEntryBases()
    {
        const string atom = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://127.0.0.1:8080/press/"><title>t</title>
              <entry xml:base="2025/"><title>In a year folder</title><link rel="enclosure" href="release.pdf"/><link href="12/01.html"/>
                <updated>2025-12-01T11:00:00+09:00</updated></entry>
              <entry><title>At the feed's base</title><link rel="alternate" href="latest.html"/></entry>
            </feed>
            """;

        var items = FeedReader.TryRead(atom, FeedUrl)!;

        Assert.Equal(["http://127.0.0.1:8080/press/2025/12/01.html", "http://127.0.0.1:8080/press/latest.html"], items.Select(i => i.Url));
        // Only <updated>: it dates the entry.
        Assert.Equal(new DateTimeOffset(2025, 12, 1, 2, 0, 0, TimeSpan.Zero), items[0].PublishedAt);
    }

    [Fact]
    public void Feed_RssRelativeItemLinks_ResolveAgainstTheChannelLink()
    {
        const string rss = """
            <?xml version="1.0"?>
            <rss version="2.0"><channel><title>t</title><link>http://127.0.0.1:9090/board/</link>
              <item><title>Relative</title><link>view?id=7</link></item>
              <item><title>Absolute</title><link>http://127.0.0.1:8080/news/2</link></item>
            </channel></rss>
            """;

        var items = FeedReader.TryRead(rss, FeedUrl)!;

        Assert.Equal(["http://127.0.0.1:9090/board/view?id=7", "http://127.0.0.1:8080/news/2"], items.Select(i => i.Url));
    }

    [Fact]
    public void Feed_GmtInstant_IsDatedInThePublishersTimeZone()
    {
        const string rss = """
            <?xml version="1.0"?>
            <rss version="2.0"><channel><title>t</title>
              <item><title>수출입 동향</title><link>/news/1</link><pubDate>Sun, 30 Nov 2025 23:40:00 GMT</pubDate></item>
            </channel></rss>
            """;

        var seoul = Assert.Single(FeedReader.TryRead(rss, FeedUrl, Seoul)!);
        var utc = Assert.Single(FeedReader.TryRead(rss, FeedUrl)!);

        Assert.Equal((DateOnly?)new DateOnly(2025, 12, 1), seoul.Published);
        Assert.Equal((DateOnly?)new DateOnly(2025, 11, 30), utc.Published);
        Assert.Equal(new DateTimeOffset(2025, 11, 30, 23, 40, 0, TimeSpan.Zero), seoul.PublishedAt);
    }

    [Fact]
    public void Feed_LocalClockWithoutOffset_IsThePublishersWallClock()
    {
        // The customs board's RSS dates its items in Korean time with no offset and not in RFC 822.
        const string rss = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>t</title>
              <item><title>수출입 현황</title><link>/news/1</link><pubDate>2025-12-01 08:30:12.0</pubDate></item>
            </channel></rss>
            """;

        var item = Assert.Single(FeedReader.TryRead(rss, FeedUrl, Seoul)!);

        Assert.Equal((DateOnly?)new DateOnly(2025, 12, 1), item.Published);
        Assert.Equal(new DateTimeOffset(2025, 11, 30, 23, 30, 12, TimeSpan.Zero), item.PublishedAt);
    }

    [Fact]
    public async Task Discover_FeedAnsweringOnlyPost_IsReadWithMethodPostAndNames405WithoutIt()
    {
        _site.Map("/rss", (context, _) => context.Request.Method == "POST"
            ? ScriptedSite.Write(context, Rss, Encoding.UTF8.GetBytes(OneItemFeed("/news/1", "Exports up", "Mon, 01 Dec 2025 00:00:00 GMT")))
            : ScriptedSite.Write(context, "text/plain", "Method Not Allowed"u8.ToArray(), StatusCodes.Status405MethodNotAllowed));
        using var harness = new FetchHarness();
        SourceDefinition Source(string method) => new() { Id = "customs", Kind = "http", Url = _site.Url("rss").AbsoluteUri, Shape = "feed", Method = method };

        var refused = await Assert.ThrowsAsync<FetchException>(() => harness.Source.DiscoverAsync(Source("GET"), CancellationToken.None));
        var found = await harness.Source.DiscoverAsync(Source("POST"), CancellationToken.None);

        Assert.Equal($"GET {_site.Url("rss")} answered 405 Method Not Allowed", refused.Message);
        Assert.Equal(_site.Url("news/1").AbsoluteUri, Assert.Single(found).Url);
        Assert.Equal(2, _site.Count("/rss"));
        Assert.Equal("application/x-www-form-urlencoded", _site.Seen.Last(s => s.Path == "/rss").Headers["Content-Type"]);
    }

    [Fact]
    public async Task Fetch_PostAnsweredWith303_IsFollowedWithGet()
    {
        var methods = new List<string>();
        _site.Map("/rss", (context, _) =>
        {
            methods.Add(context.Request.Method);
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = "/rss-result";
            return Task.CompletedTask;
        });
        _site.Map("/rss-result", (context, _) =>
        {
            methods.Add(context.Request.Method);
            return context.Request.Method == "GET"
                ? ScriptedSite.Write(context, Rss, Encoding.UTF8.GetBytes(OneItemFeed("/news/1", "Exports", null)))
                : ScriptedSite.Write(context, "text/plain", [], StatusCodes.Status405MethodNotAllowed);
        });
        using var harness = new FetchHarness();

        var fetched = await harness.Fetcher.FetchAsync(HttpMethod.Post, _site.Url("rss"), Reach.Of(_site.Url("rss")), "\"e1\"", null, CancellationToken.None);

        Assert.Contains("/news/1", Encoding.UTF8.GetString(fetched.Content), StringComparison.Ordinal);
        Assert.Equal(["POST", "GET"], methods);
        // No validators on a POST: a server would answer 412 to a failed If-None-Match, never 304.
        Assert.False(_site.Seen.First(s => s.Path == "/rss").Headers.ContainsKey("If-None-Match"));
    }

    [Fact]
    public async Task Run_ItemTextDescription_StoresTheItemsFiguresWithoutAskingForThePage()
    {
        const string bulletin = "<p>Exports in the first 20 days of this month were $35.1 billion, up 5.2% from a year earlier.</p>";
        _site.Map("/rss", Rss, OneItemFeed("/news/1", "Exports in the first 20 days", "Fri, 21 Nov 2025 00:00:00 GMT", bulletin));
        using var harness = new FetchHarness();
        var source = new SourceDefinition
        {
            Id = "customs", Kind = "http", Url = _site.Url("rss").AbsoluteUri, Shape = "feed", ItemText = "description",
            TimeZone = "Asia/Seoul", Reporter = "KR", Language = "en",
        };

        var first = await harness.Pipeline.RunAsync(source, CancellationToken.None);
        var again = await harness.Pipeline.RunAsync(source, CancellationToken.None);

        Assert.Equal((1, 1, false), (first.Documents, first.NewDocuments, first.Failed));
        Assert.Contains(harness.Store.History(FigureFilter.All), v => v.Value == 35_100_000_000m && v.Flow == "exports");
        var stored = harness.Store.LatestDocument("customs", _site.Url("news/1").AbsoluteUri)!;
        Assert.Equal(("text/html; charset=utf-8", "Exports in the first 20 days"), (stored.ContentType, stored.Title));
        // The revisit reads the same description: unchanged, and still no page request.
        Assert.Equal((1, 0), (again.UnchangedDocuments, again.NewDocuments));
        Assert.Equal((0, 2), (_site.Count("/news/1"), _site.Count("/rss")));
    }

    [Fact]
    public async Task Run_ItemTextPage_EmptyLinkedPageFallsBackToTheDescription()
    {
        const string bulletin = "<p>Exports in the first 20 days of this month were $35.1 billion, up 5.2% from a year earlier.</p>";
        _site.Map("/rss", Rss, OneItemFeed("/news/1", "Exports", "Fri, 21 Nov 2025 00:00:00 GMT", bulletin)
            .Replace("</channel>", "<item><title>Imports</title><link>/news/2</link><description>Imports fell by 9%.</description></item></channel>", StringComparison.Ordinal));
        _site.Map("/news/1", Html, "<html><head><script>load()</script></head><body>\n  <div id='app'></div>\n</body></html>");
        _site.Map("/news/2", Html, "<html><body><p>Imports in the first 20 days of this month were $30.2 billion, down 1.1% from a year earlier.</p></body></html>");
        using var harness = new FetchHarness();
        var source = new SourceDefinition { Id = "news", Kind = "http", Url = _site.Url("rss").AbsoluteUri, Shape = "feed", Reporter = "KR", Language = "en" };

        var summary = await harness.Pipeline.RunAsync(source, CancellationToken.None);

        Assert.Equal((2, 0), (summary.NewDocuments, summary.FailedDocuments));
        Assert.Equal((1, 1), (_site.Count("/news/1"), _site.Count("/news/2")));
        var values = harness.Store.History(FigureFilter.All).Select(v => v.Value).ToList();
        Assert.Contains(35_100_000_000m, values);
        Assert.Contains(30_200_000_000m, values);
        Assert.Equal(bulletin, Encoding.UTF8.GetString(ContentHash.Decompress(harness.Store.LatestDocument("news", _site.Url("news/1").AbsoluteUri)!.Content)));
        Assert.Contains(harness.Log.Lines, l => l.Event.Id == 1160 && l.Message.Contains("/news/1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_KoreanReleaseDatedOnlyByTheFeed_FilesLastMonthUnderTheSeoulDate()
    {
        // 23:40 GMT on 30 November is 08:40 on 1 December in Seoul: "지난달" is November, not October.
        _site.Map("/rss", Rss, OneItemFeed("/news/ko/1", "11월 수출입 동향", "Sun, 30 Nov 2025 23:40:00 GMT"));
        _site.Map("/news/ko/1", Html, "<html><body><h1>수출입 동향</h1><p>지난달 수출은 610억 달러로 전년 동월 대비 8.4% 증가했다.</p></body></html>");
        using var harness = new FetchHarness(time: new FakeTimeProvider(new DateTimeOffset(2025, 12, 5, 0, 0, 0, TimeSpan.Zero)));

        var summary = await harness.Pipeline.RunAsync(KoreanFeed(), CancellationToken.None);

        Assert.Equal((1, 0), (summary.NewDocuments, summary.FailedDocuments));
        Assert.Equal((1, 1), (_site.Count("/rss"), _site.Count("/news/ko/1")));
        var exports = Assert.Single(harness.Store.History(FigureFilter.All), v => v.Value == 61_000_000_000m);
        Assert.Equal("2025-11", exports.Period);
        var document = harness.Store.LatestDocument("motir-ko", _site.Url("news/ko/1").AbsoluteUri)!;
        Assert.Equal(("2025-12-01", PublicationSource.Feed), (document.Published, document.PublishedFrom));
        Assert.Equal(new DateTime(2025, 11, 30, 23, 40, 0, DateTimeKind.Utc), document.PublishedAt.ToUniversalTime());
    }

    [Fact]
    public async Task Run_PageStatingItsOwnDate_WinsOverTheFeedDate()
    {
        _site.Map("/rss", Rss, OneItemFeed("/news/ko/2", "수출입 동향", "Sun, 30 Nov 2025 23:40:00 GMT"));
        _site.Map("/news/ko/2", Html, "<html><body><h1>수출입 동향</h1><p>입력 2026.01.01</p><p>지난달 수출은 610억 달러로 전년 동월 대비 8.4% 증가했다.</p></body></html>");
        using var harness = new FetchHarness(time: new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero)));

        await harness.Pipeline.RunAsync(KoreanFeed(), CancellationToken.None);

        Assert.Equal((1, 1), (_site.Count("/rss"), _site.Count("/news/ko/2")));
        Assert.Equal("2025-12", Assert.Single(harness.Store.History(FigureFilter.All), v => v.Value == 61_000_000_000m).Period);
        var document = harness.Store.LatestDocument("motir-ko", _site.Url("news/ko/2").AbsoluteUri)!;
        Assert.Equal(("2026-01-01", PublicationSource.Bulletin), (document.Published, document.PublishedFrom));
    }

    private SourceDefinition KoreanFeed() => new()
    {
        Id = "motir-ko", Kind = "http", Url = _site.Url("rss").AbsoluteUri, Shape = "feed", TimeZone = "Asia/Seoul", Reporter = "KR", Language = "ko",
    };

    private static string OneItemFeed(string link, string title, string? pubDate, string? description = null) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>t</title>"
        + $"<item><title>{title}</title><link>{link}</link>"
        + (pubDate is null ? "" : $"<pubDate>{pubDate}</pubDate>")
        + (description is null ? "" : $"<description><![CDATA[{description}]]></description>")
        + "</item></channel></rss>";
}
