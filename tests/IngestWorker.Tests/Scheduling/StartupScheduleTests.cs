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

    public void Dispose() => _root.Dispose();
}
