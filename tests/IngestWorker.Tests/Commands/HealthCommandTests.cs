using System.Text.Json.Nodes;
using IngestWorker.Core.Storage;
using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.Commands;

/// <summary><c>health</c> as a supervisor runs it: exit code 0 when healthy, 1 when not.</summary>
public sealed class HealthCommandTests : IDisposable
{
    private readonly TempFolder _root = new();

    [Fact]
    public async Task Health_ServiceRunsAndSourcesSucceed_ExitsZero()
    {
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.CorpusCases()]);
        await using var host = await ServiceRuns.StartServiceAsync(_root.Path);
        await ServiceRuns.WaitForRunAsync(host, "corpus");

        var health = await CliProcess.RunAsync(_root.Path, "health", "--format", "json");

        Assert.True(health.ExitCode == 0, health.Output + health.Error);
        var report = JsonNode.Parse(health.Output)!;
        Assert.Equal("Healthy", (string?)report["status"]);
        Assert.Equal(["store", "sources"], report["checks"]!.AsArray().Select(c => (string)c!["name"]!));
        Assert.Contains("14 documents", (string?)report["checks"]![0]!["description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_SourceWithoutSuccessLongerThanAllowed_ExitsOneNamingIt()
    {
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.Source("broken", "folder", ("Folder", "missing"))]);
        ServiceRuns.SeedFailingSince(_root.Path, "broken", TimeSpan.FromDays(2));
        await using var host = await ServiceRuns.StartServiceAsync(_root.Path);
        await ServiceRuns.WaitForRunAsync(host, "broken");

        var health = await CliProcess.RunAsync(_root.Path, "health");

        Assert.Equal(1, health.ExitCode);
        Assert.StartsWith("Unhealthy", health.Output, StringComparison.Ordinal);
        Assert.Contains("source broken failed 6 runs in a row, no success for 2 days: the folder", health.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_SourceFailingForLessThanAllowed_IsDegradedAndExitsZero()
    {
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.Source("broken", "folder", ("Folder", "missing"))]);
        await using var host = await ServiceRuns.StartServiceAsync(_root.Path);
        await ServiceRuns.WaitForRunAsync(host, "broken");

        var health = await CliProcess.RunAsync(_root.Path, "health");

        Assert.True(health.ExitCode == 0, health.Output + health.Error);
        Assert.StartsWith("Degraded", health.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_NoServiceRunning_ExitsOne()
    {
        ContentRootBuilder.Write(_root.Path, []);
        FigureStore.Open(_root.File("data/ingestworker.db"), TimeProvider.System).Dispose();

        var health = await CliProcess.RunAsync(_root.Path, "health");

        Assert.Equal(1, health.ExitCode);
        Assert.Contains("no running service answers for this database", health.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_NoDatabase_ExitsOne()
    {
        ContentRootBuilder.Write(_root.Path, []);

        var health = await CliProcess.RunAsync(_root.Path, "health");

        Assert.Equal(1, health.ExitCode);
        Assert.Contains("No database", health.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _root.Dispose();
}
