using System.Text.Json.Nodes;
using IngestWorker.Core.Ingestion;
using IngestWorker.Core.Sources;
using IngestWorker.Hosting;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IngestWorker.Tests.Operations;

/// <summary>A failing source is degraded at once and unhealthy only after Health:UnhealthyAfter without a success, however many runs that is.</summary>
public sealed class SourceHealthTests : IDisposable
{
    private readonly TempFolder _root = new();

    [Fact]
    public async Task Health_SourceFailingManyRunsWithinADay_IsDegradedThenUnhealthyAfterADayThenHealthyAgain()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero));
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.Source("inbox", "folder", ("Folder", "inbox"))],
            new JsonObject { ["Health"] = new JsonObject { ["UnhealthyAfter"] = "1.00:00:00" } });
        var builder = ServiceHost.CreateBuilder(null, _root.Path);
        builder.Services.AddSingleton<TimeProvider>(time);
        using var host = builder.Build();
        await host.StartAsync();
        var pipeline = host.Services.GetRequiredService<IngestionPipeline>();
        var source = host.Services.GetRequiredService<IOptions<SourcesOptions>>().Value.Find("inbox")!;
        var health = host.Services.GetRequiredService<HealthCheckService>();
        async Task<HealthReportEntry> SourcesAsync() => (await health.CheckHealthAsync()).Entries["sources"];

        // Five failed runs (restarts, a bad hour) within 23 hours: degraded, not unhealthy.
        for (var run = 0; run < 5; run++)
        {
            Assert.True((await pipeline.RunAsync(source, CancellationToken.None)).Failed);
            time.Advance(TimeSpan.FromHours(23) / 5);
        }

        Assert.Equal(HealthStatus.Degraded, (await SourcesAsync()).Status);

        time.Advance(TimeSpan.FromHours(2));
        var unhealthy = await SourcesAsync();
        Assert.Equal(HealthStatus.Unhealthy, unhealthy.Status);
        Assert.StartsWith("source inbox failed 5 runs in a row, no success for 1 day: ", unhealthy.Description, StringComparison.Ordinal);

        Directory.CreateDirectory(_root.File("inbox"));
        Assert.False((await pipeline.RunAsync(source, CancellationToken.None)).Failed);
        Assert.Equal(HealthStatus.Healthy, (await SourcesAsync()).Status);
        await host.StopAsync();
    }

    [Fact]
    public async Task Health_SourceWhoseEveryLinkRobotsDisallows_IsDegradedWithThatReason()
    {
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.Source("inbox", "folder", ("Folder", "inbox"))]);
        using var host = ServiceHost.CreateBuilder(null, _root.Path).Build();
        await host.StartAsync();
        var store = host.Services.GetRequiredService<Core.Storage.FigureStore>();
        var health = host.Services.GetRequiredService<HealthCheckService>();
        var state = store.SourceState("inbox");
        state.Degraded = "robots.txt disallows every bulletin link it lists (3, such as http://board.example/private/1)";
        store.SaveSourceState(state);

        var entry = (await health.CheckHealthAsync()).Entries["sources"];

        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Equal("source inbox yields nothing: robots.txt disallows every bulletin link it lists (3, such as http://board.example/private/1)", entry.Description);
        await host.StopAsync();
    }

    public void Dispose() => _root.Dispose();
}
