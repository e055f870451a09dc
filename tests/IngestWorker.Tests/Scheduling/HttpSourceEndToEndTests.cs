using System.Text.Json.Nodes;
using IngestWorker.Core.Storage;
using IngestWorker.Hosting;
using IngestWorker.Scheduling;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace IngestWorker.Tests.Scheduling;

/// <summary>
/// The whole service against a real Kestrel site on 127.0.0.1: Quartz fires the source's job,
/// the pipeline discovers, fetches, extracts and records into a real LiteDB file.
/// </summary>
public sealed class HttpSourceEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly TempFolder _root = new();
    private TestSite _site = null!;

    public async Task InitializeAsync() => _site = await TestSite.StartAsync(ContentRootBuilder.Corpus);

    [Fact]
    public async Task Listing_TwoRuns_RecordsEveryBulletinOnceAndAddsNothingTheSecondTime()
    {
        var listing = ContentRootBuilder.Source("board", "http",
            ("Url", _site.Url("site/index.html").AbsoluteUri), ("Shape", "listing"), ("LinkXPath", "//td[@class='subject']/a"));
        ContentRootBuilder.Write(_root.Path, [listing]);

        int figures;
        await using (var host = await StartAsync())
        {
            await WaitForRunAsync(host, "board", previous: null);
            var store = host.Services.GetRequiredService<FigureStore>();
            Assert.Equal(14, store.Counts().Documents);
            Assert.Equal(1, _site.Requests["/site/index-2.html"]);
            Assert.Contains(store.Current(FigureFilter.All), f => (f.Reporter, f.Flow, f.Product, f.Partner, f.Period, f.Measure, f.Value)
                == ("KR", "exports", "total", "world", "2025-11", "value", 61_040_000_000m));
            figures = store.Counts().Figures;
            Assert.True(figures > 100, $"only {figures} figures from 14 bulletins");
        }

        await using (var again = await StartAsync())
        {
            await WaitForRunAsync(again, "board", previous: null);
            var store = again.Services.GetRequiredService<FigureStore>();
            Assert.Equal((14, figures), (store.Counts().Documents, store.Counts().Figures));
            Assert.Equal(0, store.SourceState("board").ConsecutiveFailures);
        }
    }

    [Fact]
    public async Task Feed_Run_RecordsEveryItem()
    {
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.Source("feed", "http", ("Url", _site.Url("site/feed.xml").AbsoluteUri))]);

        await using var host = await StartAsync();
        await WaitForRunAsync(host, "feed", previous: null);

        Assert.Equal(14, host.Services.GetRequiredService<FigureStore>().Counts().Documents);
    }

    [Theory]
    [InlineData("01-kr-2019-09-ministry-correction")]
    [InlineData("03-kr-2022-03-news-update")]
    public async Task Page_RepublishedWithCorrection_AddsExactlyTheChangedFiguresAsVersionTwo(string pair)
    {
        var folder = Path.Combine(ContentRootBuilder.Corpus, "revisions", pair);
        var meta = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "meta.json")))!;
        _site.Publish("/news/story.html", Path.Combine(folder, "v1.html"));
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.Source("news", "http", ("Url", _site.Url("news/story.html").AbsoluteUri), ("Shape", "page"))]);

        await using var host = await StartAsync();
        var first = await WaitForRunAsync(host, "news", previous: null);
        var store = host.Services.GetRequiredService<FigureStore>();
        var v1Count = store.Counts().Figures;

        _site.Publish("/news/story.html", Path.Combine(folder, "v2.html"));
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.TriggerJob(new JobKey("news", SourceScheduler.Group));
        await WaitForRunAsync(host, "news", previous: first);

        var versions = store.History(FigureFilter.All);
        var revised = versions.Where(v => v.Version == 2).ToList();
        var changed = meta["diff"]!["changed"]!.AsArray().Select(c => (string)c!["key"]!).Order().ToList();
        Assert.Equal(changed, revised.Select(Key).Order().ToList());
        Assert.All(revised, v => Assert.Equal(VersionReason.Revised, v.Reason));
        Assert.All(versions.Where(v => revised.Exists(r => r.ChainId == v.ChainId) && v.Version == 1), v => Assert.NotNull(v.SupersededAt));
        var added = meta["diff"]!["added_in_v2"]!.AsArray().Count;
        Assert.Equal(v1Count + changed.Count + added, versions.Count);
        Assert.Equal(2, store.Counts().Documents);
    }

    private static string Key(FigureVersion v) => $"{v.Reporter} {v.Flow} {v.Product} {v.Partner} {v.Period} {v.Measure} {v.Basis}";

    private async Task<RunningHost> StartAsync()
    {
        var host = ServiceHost.CreateBuilder(databaseOverride: null, contentRoot: _root.Path).ForService().Build();
        await host.StartAsync();
        return new RunningHost(host);
    }

    /// <summary>Waits (bounded) until the source has finished a run started after <paramref name="previous"/>.</summary>
    private static async Task<DateTime> WaitForRunAsync(RunningHost host, string sourceId, DateTime? previous)
    {
        var store = host.Services.GetRequiredService<FigureStore>();
        using var deadline = new CancellationTokenSource(Patience);
        while (true)
        {
            var state = store.SourceState(sourceId);
            if (state.LastRunAt is { } ran && ran != previous)
            {
                return ran;
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        _root.Dispose();
    }
}
