using IngestWorker.Core.Sources;
using IngestWorker.Core.Tests.Fetching;

namespace IngestWorker.Core.Tests.Sources;

/// <summary>Boards whose rows are script links, and listings with a base address: what discovery builds and requests.</summary>
public sealed class LinkRecipeTests : IAsyncLifetime
{
    private const string Html = "text/html; charset=utf-8";
    private ScriptedSite _site = null!;

    public async Task InitializeAsync() => _site = await ScriptedSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private SourceDefinition Board(string path, string xpath, LinkRecipe? recipe) => new()
    {
        Id = "board", Kind = "http", Url = _site.Url(path).AbsoluteUri, Shape = "listing", LinkXPath = xpath, LinkRecipe = recipe, MaxPages = 1,
    };

    [Fact]
    public async Task Discover_ScriptLinksWithAnIdArgument_BuildsEachBulletinAddressFromTheTemplate()
    {
        // Rows call a script with the article's id (and, on some boards, a second argument).
        _site.Map("/bbs/press", Html, """
            <html><body><ul class="rows">
              <li><a href="javascript:board.open('5521', '3');">Trade results for October</a></li>
              <li><a href="javascript:board.open('5530', '3');">Exports in November</a></li>
              <li><a href="javascript:void(0);">Print this page</a></li>
            </ul></body></html>
            """);
        var recipe = new LinkRecipe { Pattern = @"board\.open\('(?<id>\d+)'", UrlTemplate = "/bbs/press/{id}/read" };
        using var harness = new FetchHarness();

        var found = await harness.Source.DiscoverAsync(Board("bbs/press", "//ul[@class='rows']//a", recipe), CancellationToken.None);

        Assert.Equal(["/bbs/press/5521/read", "/bbs/press/5530/read"], found.Select(c => new Uri(c.Url).AbsolutePath).Order());
        Assert.Contains(found, c => c.Title == "Exports in November");
        Assert.Equal((1, 0), (_site.Count("/bbs/press"), _site.Count("/bbs/press/5521/read")));
    }

    [Fact]
    public async Task Discover_IdsInDataAttributes_FillTheTemplateEscaped()
    {
        _site.Map("/kcs/list.do?bbs=7", Html, """
            <html><body><table class="list"><tbody>
              <tr><td class="subject"><a href="javascript:" class="infoBtn" data-id="9001" data-url="ab12cd">Exports of the first 20 days</a></td></tr>
              <tr><td class="subject"><a href="javascript:" class="infoBtn" data-id="9002" data-url="a b&amp;c">Tariff notice</a></td></tr>
              <tr><td class="subject"><a href="javascript:" class="infoBtn" data-url="noid">Broken row</a></td></tr>
            </tbody></table></body></html>
            """);
        var recipe = new LinkRecipe { UrlTemplate = "info.do?bbs=7&sn={@data-id}&key={@data-url}" };
        using var harness = new FetchHarness();

        var found = await harness.Source.DiscoverAsync(Board("kcs/list.do?bbs=7", "//td[@class='subject']/a[contains(@class,'infoBtn')]", recipe), CancellationToken.None);

        Assert.Equal(
            [_site.Url("kcs/info.do?bbs=7&sn=9001&key=ab12cd").AbsoluteUri, _site.Url("kcs/info.do?bbs=7&sn=9002&key=a%20b%26c").AbsoluteUri],
            found.Select(c => c.Url).Order());
    }

    [Fact]
    public async Task Discover_ListingWithABaseHref_ResolvesRelativeLinksAgainstIt()
    {
        // Without <base href> these would resolve to /mirror/view/1, which does not exist.
        _site.Map("/mirror/list", Html, """
            <html><head><base href="/portal/news/"></head><body>
              <a class="item" href="view/1">Exports rose in May</a>
              <a class="item" href="../archive/2">Exports fell in April</a>
            </body></html>
            """);
        using var harness = new FetchHarness();

        var found = await harness.Source.DiscoverAsync(Board("mirror/list", "//a[@class='item']", recipe: null), CancellationToken.None);

        Assert.Equal(["/portal/archive/2", "/portal/news/view/1"], found.Select(c => new Uri(c.Url).AbsolutePath).Order());
    }

    [Fact]
    public async Task Run_ListingWhoseLinksNoLongerMatch_IsAFailureThatSaysWhatToCheck()
    {
        // The board was redesigned: the configured XPath matches nothing.
        _site.Map("/board", Html, "<html><body><div class='new-list'><a href='/news/1'>Exports rose</a></div></body></html>");
        using var harness = new FetchHarness();

        var summary = await harness.Pipeline.RunAsync(Board("board", "//td[@class='subject']/a", recipe: null), CancellationToken.None);

        Assert.True(summary.Failed);
        var state = harness.Store.SourceState("board");
        Assert.Equal(1, state.ConsecutiveFailures);
        Assert.Contains("LinkXPath '//td[@class='subject']/a' matched no link", state.LastError, StringComparison.Ordinal);
        Assert.Equal((1, 0), (_site.Count("/board"), _site.Count("/news/1")));
        Assert.Contains(harness.Log.Lines, l => l.Event.Id == 1003 && l.Message.Contains("check it against the page", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("listing", null, "matched 2 links, none with an http(s) address (script links need a LinkRecipe)")]
    [InlineData("listing", "view-(?<id>[0-9]+)", "matched 2 links, and LinkRecipe built no address from them (check its Attribute and Pattern)")]
    public async Task Run_ScriptLinksWithoutAWorkingRecipe_SayWhatMatchedAndWhatToFix(string shape, string? pattern, string expected)
    {
        _site.Map("/board", Html, "<html><body><ul><li><a href=\"javascript:article.view('7');\">Exports</a></li><li><a href=\"javascript:article.view('8');\">Imports</a></li></ul></body></html>");
        using var harness = new FetchHarness();
        var source = Board("board", "//ul/li/a", pattern is null ? null : new LinkRecipe { Pattern = pattern, UrlTemplate = "/a/{id}" });
        source.Shape = shape;

        await harness.Pipeline.RunAsync(source, CancellationToken.None);

        Assert.EndsWith(expected, harness.Store.SourceState("board").LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_FeedConfiguredAsAListing_SaysToSetTheShape()
    {
        _site.Map("/rss", "application/rss+xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><item><title>Exports</title><link>/news/1</link></item></channel></rss>");
        using var harness = new FetchHarness();

        await harness.Pipeline.RunAsync(Board("rss", "//a[@href]", recipe: null), CancellationToken.None);

        Assert.EndsWith("is a feed, read as a listing: set its Shape to feed (or auto)", harness.Store.SourceState("board").LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_FeedThatAllowsOnlyPost_SaysToSetTheMethod()
    {
        _site.Map("/rss", (context, _) =>
        {
            context.Response.Headers.Allow = "POST";
            return ScriptedSite.Write(context, "text/plain", "Method Not Allowed"u8.ToArray(), 405);
        });
        using var harness = new FetchHarness();

        await harness.Pipeline.RunAsync(Board("rss", "//a[@href]", recipe: null), CancellationToken.None);

        Assert.EndsWith("answered 405 Method Not Allowed (it allows POST: set the source's Method to POST)", harness.Store.SourceState("board").LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BoardAnsweringAMaintenancePage_IsAFailureNamingIt()
    {
        _site.Map("/board", Html, "<html><body><h1>서비스 안내</h1><p>시스템 점검 중입니다. 이용에 불편을 드려 죄송합니다.</p></body></html>");
        using var harness = new FetchHarness();

        var summary = await harness.Pipeline.RunAsync(Board("board", "//td[@class='subject']/a", recipe: null), CancellationToken.None);

        Assert.True(summary.Failed);
        Assert.Contains("maintenance or error page ('시스템 점검')", harness.Store.SourceState("board").LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RowsWithOneDate_AreDatedByIt_AndRowsWithSeveralOrNone_AreNot()
    {
        const string board = """
            <table>
              <tr><td><a href="/a/1">2025년 11월 수출입 동향</a></td><td>2025.12.01</td><td>1,204</td></tr>
              <tr><td><a href="/a/2">Exports 2025-11-01 to 2025-11-20</a></td><td>2025-11-21</td></tr>
              <tr><td><a href="/a/3">Notice</a></td><td>3</td></tr>
              <tr><td><a href="/a/4">Bad date</a></td><td>2025-13-45</td></tr>
            </table>
            """;

        var (links, _) = ListingReader.Read(board, new Uri("https://board.example/list"), new SourceDefinition { LinkXPath = "//a" });

        Assert.Equal([new DateOnly(2025, 12, 1), null, null, null], links.Select(l => l.Published));
    }

    [Fact]
    public void Problem_TemplateNamingAGroupThePatternLacks_IsReported()
    {
        Assert.Null(new LinkRecipe { Pattern = @"view\('(?<id>\d+)'", UrlTemplate = "/a/{id}/view" }.Problem());
        Assert.Null(new LinkRecipe { UrlTemplate = "/a?sn={@data-id}" }.Problem());
        Assert.Contains("{nttSn}", new LinkRecipe { Pattern = @"view\('(?<id>\d+)'", UrlTemplate = "/a/{nttSn}" }.Problem(), StringComparison.Ordinal);
        Assert.Contains("not a valid regular expression", new LinkRecipe { Pattern = "view(", UrlTemplate = "/a/{id}" }.Problem(), StringComparison.Ordinal);
        Assert.Contains("UrlTemplate is empty", new LinkRecipe { Pattern = "x" }.Problem(), StringComparison.Ordinal);
    }
}
