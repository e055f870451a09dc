using System.Text;
using IngestWorker.Core.Sources;
using IngestWorker.Core.Storage;
using IngestWorker.Core.Tests.Attachments;
using IngestWorker.Core.Tests.Fetching;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace IngestWorker.Core.Tests.Sources;

/// <summary>
/// The real publishers as shipped in config/sources.json, each read from a Kestrel server on
/// 127.0.0.1 that serves made-up pages in that site's markup (tests/fixtures/sites): the site's
/// host is mapped to the test server by rewriting its origin in the entry and in the pages served.
/// </summary>
public sealed class RealSourceTests : IAsyncLifetime
{
    private const string Html = "text/html; charset=UTF-8";
    private ScriptedSite _site = null!;

    public async Task InitializeAsync() => _site = await ScriptedSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private string Origin => _site.BaseUrl.AbsoluteUri.TrimEnd('/');

    /// <summary>The shipped entry, with <paramref name="realOrigin"/> (e.g. https://www.motir.go.kr) pointing at the test server.</summary>
    private SourceDefinition Shipped(string id, string realOrigin)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "config", "sources.json")).Build();
        var source = configuration.GetSection("Sources").Get<List<SourceDefinition>>()!.Single(s => s.Id == id);
        string Map(string text) => text.Replace(realOrigin, Origin, StringComparison.Ordinal);
        source.Url = Map(source.Url!);
        source.PageUrlTemplate = source.PageUrlTemplate is null ? null : Map(source.PageUrlTemplate);
        source.AllowedPrefixes = [.. source.AllowedPrefixes.Select(Map)];
        if (source.LinkRecipe is { } recipe)
        {
            recipe.UrlTemplate = Map(recipe.UrlTemplate);
        }

        return source;
    }

    /// <summary>Serves a fixture file at <paramref name="pathAndQuery"/> with the real origin rewritten; only to <paramref name="method"/>, else 405.</summary>
    private void Serve(string pathAndQuery, string site, string file, string realOrigin, string contentType = Html, string method = "GET")
    {
        var body = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "sites", site, file)).Replace(realOrigin, Origin, StringComparison.Ordinal);
        _site.Map(pathAndQuery, (context, _) => context.Request.Method == method
            ? ScriptedSite.Write(context, contentType, Encoding.UTF8.GetBytes(body))
            : ScriptedSite.Write(context, "text/plain", "Method Not Allowed"u8.ToArray(), StatusCodes.Status405MethodNotAllowed));
    }

    private void ServeBytes(string pathAndQuery, string contentType, byte[] body) =>
        _site.Map(pathAndQuery, (context, _) => ScriptedSite.Write(context, contentType, body));

    private static List<string> Rows(FigureStore store, string source) =>
        [.. store.Current(FigureFilter.All).Where(v => v.SourceId == source).Select(v => $"{v.Flow} {v.Product} {v.Partner} {v.Period} {v.Measure} {v.Value}")];

    [Fact]
    public async Task MotirKo_PostOnlyFeed_ReadsTheMonthlyReleaseAndItsAttachments()
    {
        const string real = "https://www.motir.go.kr";
        Serve("/kor/article/ATCL3f49a5a8c/rss", "motir-ko", "rss.xml", real, "application/rss+xml; charset=UTF-8", method: "POST");
        Serve("/kor/article/ATCL3f49a5a8c/171318/view", "motir-ko", "view-171318.html", real);
        const string down = "/attach/down/4be1c0a7d2e94f3a8c6b5d0e7f1a2b3c/9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a/";
        ServeBytes(down + "0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f", "application/octet-stream", ReleaseFiles.Hwpx());
        ServeBytes(down + "5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c", "application/pdf", ReleaseFiles.Pdf());
        using var harness = new FetchHarness();

        var summary = await harness.Pipeline.RunAsync(Shipped("motir-ko", real), CancellationToken.None);

        Assert.Equal((false, 3), (summary.Failed, summary.NewDocuments));
        // Only the headline release: not the ICT monthly, not the meeting notice; never the viewer links.
        Assert.Equal((1, 1), (_site.Count("/kor/article/ATCL3f49a5a8c/rss"), _site.Count("/kor/article/ATCL3f49a5a8c/171318/view")));
        Assert.Equal((0, 0), (_site.Count("/kor/article/ATCL3f49a5a8c/171309/view"), _site.Count("/kor/article/ATCL3f49a5a8c/171317/view")));
        Assert.DoesNotContain(_site.Seen, s => s.Path.StartsWith("/attach/viewer/", StringComparison.Ordinal));
        Assert.Equal(2, harness.Store.AllDocuments().Count(d => d.ReleaseUrl == Origin + "/kor/article/ATCL3f49a5a8c/171318/view"));
        var rows = Rows(harness.Store, "motir-ko");
        Assert.Contains("exports total world 2025-11 value 61040000000", rows);
        Assert.Contains("exports total world 2025-11 yoy_pct 8.4", rows);
        Assert.Contains("exports semiconductors world 2025-11 value 17260000000", rows);
    }

    [Fact]
    public async Task MotirEn_ScriptLinkBoard_BuildsThePageAddressesAndReadsTheRelease()
    {
        const string real = "https://english.motir.go.kr";
        Serve("/eng/article/EATCLdfa319ada?pageIndex=1&bbsCdN=2", "motir-en", "list-1.html", real);
        Serve("/eng/article/EATCLdfa319ada?pageIndex=2&bbsCdN=2", "motir-en", "list-2.html", real);
        Serve("/eng/article/EATCLdfa319ada/2446/view", "motir-en", "view-2446.html", real);
        using var harness = new FetchHarness();
        var source = Shipped("motir-en", real);

        var found = await harness.Source.DiscoverAsync(source, CancellationToken.None);

        // Trade releases from both pages; not the delegation meeting, the supply-chain talks, the
        // hydrogen call, nor the ICT monthly.
        Assert.Equal(["2427", "2432", "2446"], found.Select(c => c.Url.Split('/')[^2]).Order(StringComparer.Ordinal));
        Assert.All(found, c => Assert.EndsWith("/view", c.Url, StringComparison.Ordinal));
        Assert.Equal(new DateOnly(2025, 12, 1), found[0].Published);
        var release = found.Single(c => c.Url.Contains("/2446/", StringComparison.Ordinal));
        var fetched = await harness.Source.FetchAsync(source, release, null, CancellationToken.None);
        var summary = harness.Pipeline.IngestFile(source, release.Url, fetched.Content, fetched.ContentType, published: null, language: null);

        Assert.Equal(1, summary.NewDocuments);
        var rows = Rows(harness.Store, "motir-en");
        Assert.Contains("exports total world 2025-11 value 61040000000", rows);
        Assert.Contains("balance total world 2025-11 value 9730000000", rows);
    }

    [Fact]
    public async Task CustomsKo_DataAttributeBoard_BuildsTheInfoAddressAndReadsTheRelease()
    {
        const string real = "https://www.customs.go.kr";
        Serve("/kcs/na/ntt/selectNttList.do?mi=2891&bbsId=1362", "customs-ko", "list-1.html", real);
        Serve("/kcs/na/ntt/selectNttInfo.do?mi=2891&bbsId=1362&nttSn=10168512&nttSnUrl=3fa1c9e07b2d48a6e5c1f09d8b7a6c54", "customs-ko", "view-10168512.html", real);
        using var harness = new FetchHarness(new Dictionary<string, string?> { ["Fetching:MaxAttachmentsPerPage"] = "0" });
        var source = Shipped("customs-ko", real);

        var found = await harness.Source.DiscoverAsync(source, CancellationToken.None);

        // The monthly and the 1st-20th releases; not the traveller inspections nor the origin-labelling case.
        Assert.Equal(
            [Origin + "/kcs/na/ntt/selectNttInfo.do?mi=2891&bbsId=1362&nttSn=10168433&nttSnUrl=d4b7e2a9c1f05e8b3a6d9c2f7e1b4a08",
             Origin + "/kcs/na/ntt/selectNttInfo.do?mi=2891&bbsId=1362&nttSn=10168512&nttSnUrl=3fa1c9e07b2d48a6e5c1f09d8b7a6c54"],
            found.Select(c => c.Url).Order(StringComparer.Ordinal));
        var monthly = found.Single(c => c.Url.Contains("10168512", StringComparison.Ordinal));
        // The board's date cells date the rows, so the newest is fetched first.
        Assert.Equal([new DateOnly(2025, 12, 1), new DateOnly(2025, 11, 21)], found.Select(c => c.Published!.Value));
        var fetched = await harness.Source.FetchAsync(source, monthly, null, CancellationToken.None);
        harness.Pipeline.IngestFile(source, monthly.Url, fetched.Content, fetched.ContentType, published: null, language: null);

        var rows = Rows(harness.Store, "customs-ko");
        Assert.Contains("exports total world 2025-11 value 61040000000", rows);
        Assert.Equal("2025-12-01", Assert.Single(harness.Store.AllDocuments()).Published);
    }

    [Theory]
    [InlineData("yonhap-en", "https://en.yna.co.kr", "/RSS/news.xml", "AEN20251201001351320", "AEN20251121000900320", "AEN20251201001200320")]
    [InlineData("yonhap-ko", "https://www.yna.co.kr", "/rss/economy.xml", "AKR20251201031500003", "AKR20251121021100003", "AKR20251201027800002")]
    public async Task Yonhap_Feed_SelectsTheTradeReportsAndReadsTheArticle(string id, string real, string feed, string article, string otherTrade, string unrelated)
    {
        Serve(feed, id, "rss.xml", real, "application/rss+xml; charset=UTF-8");
        Serve($"/view/{article}", id, $"view-{article}.html", real);
        using var harness = new FetchHarness();
        var source = Shipped(id, real);

        var found = await harness.Source.DiscoverAsync(source, CancellationToken.None);

        Assert.Equal([article, otherTrade], found.Select(c => new Uri(c.Url).AbsolutePath.Split('/')[^1]));
        Assert.DoesNotContain(found, c => c.Url.Contains(unrelated, StringComparison.Ordinal));
        Assert.Equal(new DateOnly(2025, 12, 1), found[0].Published);
        var fetched = await harness.Source.FetchAsync(source, found[0], null, CancellationToken.None);
        harness.Pipeline.IngestFile(source, found[0].Url, fetched.Content, fetched.ContentType, published: null, language: null);

        var rows = Rows(harness.Store, id);
        Assert.Contains("exports total world 2025-11 value 61040000000", rows);
        Assert.Contains("exports semiconductors world 2025-11 value 17260000000", rows);
    }
}
