using System.Text;
using IngestWorker.Core.Sources;
using IngestWorker.Core.Tests.Fetching;

namespace IngestWorker.Core.Tests.Ingestion;

/// <summary>Bulletin pages that answer 200 but are not what they seem: a maintenance notice, an empty shell, a page that re-renders on every request.</summary>
public sealed class PagesThatLieTests : IAsyncLifetime
{
    private const string Html = "text/html; charset=utf-8";
    private ScriptedSite _site = null!;

    public async Task InitializeAsync() => _site = await ScriptedSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private SourceDefinition Page(string path) => new() { Id = "ministry", Kind = "http", Url = _site.Url(path).AbsoluteUri, Shape = "page", Reporter = "KR", Language = "en" };

    private const string Release = "<p>Exports rose 8.4% from a year earlier to $61.04 billion in November, the ministry said.</p>";

    [Fact]
    public async Task Run_PageThatReRendersOnEveryRequest_IsStoredOnceAndThenUnchanged()
    {
        // A fresh form token and render stamp in every answer; the bulletin itself never changes.
        _site.Map("/release/1", (context, n) => ScriptedSite.Write(context, Html, Encoding.UTF8.GetBytes(
            $"<html><head><meta name='csrf-token' content='tok{n}x{Guid.NewGuid():N}'></head><body>"
            + $"<form><input type='hidden' name='_csrf' value='{Guid.NewGuid():N}'></form><article>{Release}</article>"
            + $"<script>var rendered = {n};</script></body></html>")));
        using var harness = new FetchHarness();
        var source = Page("release/1");

        var first = await harness.Pipeline.RunAsync(source, CancellationToken.None);
        var second = await harness.Pipeline.RunAsync(source, CancellationToken.None);
        var third = await harness.Pipeline.RunAsync(source, CancellationToken.None);

        Assert.Equal((1, 0), (first.NewDocuments, first.UnchangedDocuments));
        Assert.Equal((0, 1, 0), (second.NewDocuments, second.UnchangedDocuments, second.NewFigures + second.RevisedFigures));
        Assert.Equal((0, 1), (third.NewDocuments, third.UnchangedDocuments));
        Assert.Equal(3, _site.Count("/release/1"));
        Assert.Single(harness.Store.AllDocuments());
    }

    [Fact]
    public async Task Run_PageWithAViewCounterInItsText_IsStoredOnce()
    {
        // A board's post shows how often it was read, inside the post: the text changes, the bulletin does not.
        _site.Map("/release/1", (context, n) => ScriptedSite.Write(context, Html, Encoding.UTF8.GetBytes(
            $"<html><body><article><h1>Exports in November</h1><p>Views: {1000 + n} · rendered 09:0{n}:15</p>{Release}</article></body></html>")));
        using var harness = new FetchHarness();
        var source = Page("release/1");

        var first = await harness.Pipeline.RunAsync(source, CancellationToken.None);
        var second = await harness.Pipeline.RunAsync(source, CancellationToken.None);

        Assert.Equal((1, 0), (first.NewDocuments, first.UnchangedDocuments));
        Assert.Equal((0, 1), (second.NewDocuments, second.UnchangedDocuments));
        Assert.Single(harness.Store.AllDocuments());
    }

    [Fact]
    public async Task Run_PageWhoseBulletinChangesBesideTheNoise_IsStoredAgain()
    {
        var figure = "61.04";
        _site.Map("/release/1", (context, n) => ScriptedSite.Write(context, Html, Encoding.UTF8.GetBytes(
            $"<html><body><input type='hidden' value='{Guid.NewGuid():N}'><article><p>Exports rose 8.4% from a year earlier to ${figure} billion in November.</p></article></body></html>")));
        using var harness = new FetchHarness();
        var source = Page("release/1");

        await harness.Pipeline.RunAsync(source, CancellationToken.None);
        figure = "61.40";
        var corrected = await harness.Pipeline.RunAsync(source, CancellationToken.None);

        Assert.Equal((1, 1), (corrected.NewDocuments, corrected.RevisedFigures));
        Assert.Equal(2, harness.Store.AllDocuments().Count);
    }

    [Fact]
    public async Task Run_BulletinPageAnsweringAMaintenanceNotice_IsAFailedDocumentNotAStoredBulletin()
    {
        var maintenance = true;
        _site.Map("/release/1", (context, _) => ScriptedSite.Write(context, Html, Encoding.UTF8.GetBytes(maintenance
            ? "<html><head><title>Notice</title></head><body><h2>The site is under maintenance</h2><p>Please try again later.</p></body></html>"
            : $"<html><body><article>{Release}</article></body></html>")));
        using var harness = new FetchHarness();
        var source = Page("release/1");

        var during = await harness.Pipeline.RunAsync(source, CancellationToken.None);
        Assert.Equal((1, 0, true), (during.FailedDocuments, during.NewDocuments, during.Failed));
        Assert.Empty(harness.Store.AllDocuments());
        Assert.Contains(harness.Log.Lines, l => l.Event.Id == 1007 && l.Message.Contains("'under maintenance'", StringComparison.Ordinal));
        Assert.Equal(1, harness.Store.SourceState("ministry").ConsecutiveFailures);

        maintenance = false;
        var after = await harness.Pipeline.RunAsync(source, CancellationToken.None);
        Assert.Equal((1, 0), (after.NewDocuments, after.FailedDocuments));
        Assert.True(after.NewFigures > 0);
        Assert.Equal(0, harness.Store.SourceState("ministry").ConsecutiveFailures);
    }

    [Fact]
    public async Task Run_RevisitedPageShrunkToAFractionOfItself_IsAFailedDocumentAndTheBulletinStays()
    {
        // The site's frame around a one-line error, where the release was.
        var broken = false;
        var body = string.Concat(Enumerable.Range(1, 12).Select(i => $"<p>Shipments of item {i} were steady through the month, the ministry said in its monthly release.</p>"));
        _site.Map("/release/1", (context, _) => ScriptedSite.Write(context, Html, Encoding.UTF8.GetBytes(broken
            ? "<html><body><article><p>The requested article could not be displayed.</p></article></body></html>"
            : $"<html><body><article>{Release}{body}</article></body></html>")));
        using var harness = new FetchHarness();
        var source = Page("release/1");

        await harness.Pipeline.RunAsync(source, CancellationToken.None);
        broken = true;
        var during = await harness.Pipeline.RunAsync(source, CancellationToken.None);

        Assert.Equal((1, 0), (during.FailedDocuments, during.NewDocuments));
        Assert.Contains(harness.Log.Lines, l => l.Event.Id == 1007 && l.Message.Contains("much smaller than its last version", StringComparison.Ordinal));
        Assert.Single(harness.Store.AllDocuments());
        Assert.Contains(harness.Store.Current(Core.Storage.FigureFilter.All), v => v.Value == 61_040_000_000m);
    }

    [Fact]
    public async Task Run_PageWithNoMainText_IsAFailedDocument()
    {
        // A shell whose text a script would have filled in.
        _site.Map("/release/1", Html, "<html><body><div id='app'></div><script>load('/api/release/1')</script></body></html>");
        using var harness = new FetchHarness();

        var summary = await harness.Pipeline.RunAsync(Page("release/1"), CancellationToken.None);

        Assert.Equal((1, 0), (summary.FailedDocuments, summary.NewDocuments));
        Assert.Contains(harness.Log.Lines, l => l.Event.Id == 1007 && l.Message.Contains("no main text", StringComparison.Ordinal));
    }
}
