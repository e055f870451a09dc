using System.Text.Json.Nodes;
using IngestWorker.Hosting;
using IngestWorker.Scheduling;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace IngestWorker.Tests.Scheduling;

/// <summary>
/// What the service puts on the scheduler at start: the real host's scheduler with a fake clock,
/// left in standby so nothing fires, and its triggers read back.
/// </summary>
public sealed class StartupScheduleTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _root = new();

    [Fact]
    public async Task StartupRuns_AreSpreadInTheOrderOfTheSources_AndTheFirstCheckpointWaitsOneInterval()
    {
        JsonArray sources =
        [
            ContentRootBuilder.Source("first", "folder", ("Folder", "a")),
            ContentRootBuilder.Source("quiet", "folder", ("Folder", "b"), ("RunAtStartup", false)),
            ContentRootBuilder.Source("second", "http", ("Url", "http://127.0.0.1:9/")),
            ContentRootBuilder.Source("off", "folder", ("Folder", "c"), ("Enabled", false)),
            ContentRootBuilder.Source("third", "folder", ("Folder", "d")),
        ];
        ContentRootBuilder.Write(_root.Path, sources, new JsonObject { ["Storage"] = new JsonObject { ["CheckpointInterval"] = "00:07:00" } });
        var builder = ServiceHost.CreateBuilder(databaseOverride: null, contentRoot: _root.Path).ForService();
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Start));
        using var host = builder.Build();
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        try
        {
            await host.Services.GetRequiredService<StoreOpening>().StartAsync(CancellationToken.None);
            await host.Services.GetServices<IHostedService>().OfType<SourceScheduler>().Single().StartAsync(CancellationToken.None);

            async Task<DateTimeOffset?> StartOf(string name, string group = SourceScheduler.Group) =>
                (await scheduler.GetTrigger(new TriggerKey(name, group)))?.StartTimeUtc;

            Assert.Equal(Start, await StartOf("first-startup"));
            Assert.Equal(Start + SourceScheduler.StartupSpacing, await StartOf("second-startup"));
            Assert.Equal(Start + (2 * SourceScheduler.StartupSpacing), await StartOf("third-startup"));
            Assert.Null(await StartOf("quiet-startup"));
            Assert.Null(await StartOf("off-startup"));
            Assert.Equal(Start + TimeSpan.FromMinutes(7), await StartOf("checkpoint", "store"));
        }
        finally
        {
            await scheduler.Shutdown();
        }
    }

    [Fact]
    public async Task ExtraSchedules_EachFireInTheSourcesTimeZone()
    {
        // Every 5 minutes 09-11 on the 1st, and a daily check at 14:10, both in Seoul time.
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.Source("ministry", "folder", ("Folder", "a"), ("Schedule", "0 0/5 9-11 1 * ?"),
            ("TimeZone", "Asia/Seoul"), ("ExtraSchedules", new JsonArray("0 10 14 * * ?")))]);
        var builder = ServiceHost.CreateBuilder(databaseOverride: null, contentRoot: _root.Path).ForService();
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Start));
        using var host = builder.Build();
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        try
        {
            await host.Services.GetRequiredService<StoreOpening>().StartAsync(CancellationToken.None);
            await host.Services.GetServices<IHostedService>().OfType<SourceScheduler>().Single().StartAsync(CancellationToken.None);
            var seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
            async Task<DateTime> NextInSeoul(string name) =>
                TimeZoneInfo.ConvertTime((await scheduler.GetTrigger(new TriggerKey(name, SourceScheduler.Group)))!.GetFireTimeAfter(null)!.Value, seoul).DateTime;

            // Quartz keeps its own clock: the triggers are read as local times in Seoul.
            var window = await NextInSeoul("ministry-schedule");
            var daily = await NextInSeoul("ministry-schedule-2");
            Assert.Equal((1, 9, 0), (window.Day, window.Hour, window.Minute));
            Assert.Equal((14, 10), (daily.Hour, daily.Minute));
            // 2026-03-02 08:00 UTC is 17:00 in Seoul: the soonest run is the daily check tomorrow at 14:10 KST.
            Assert.Equal(new DateTimeOffset(2026, 3, 3, 5, 10, 0, TimeSpan.Zero), IngestWorker.Commands.StatusCommand.NextRun(
                host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Core.Sources.SourcesOptions>>().Value.Find("ministry")!, Start));
        }
        finally
        {
            await scheduler.Shutdown();
        }
    }

    public void Dispose() => _root.Dispose();
}
