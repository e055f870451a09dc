using System.Text.Json.Nodes;
using IngestWorker.Core.Storage;
using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.Commands;

/// <summary><c>status</c> from another process, answered by the running service or read from the file.</summary>
public sealed class StatusCommandTests : IDisposable
{
    private readonly TempFolder _root = new();

    [Fact]
    public async Task Status_WhileServiceRuns_ShowsScheduleNextRunLastRunAndStoreCounts()
    {
        ContentRootBuilder.Write(_root.Path, [
            ContentRootBuilder.CorpusCases(),
            ContentRootBuilder.Source("idle", "folder", ("Folder", "nowhere"), ("Enabled", false))]);
        await using var host = await ServiceRuns.StartServiceAsync(_root.Path);
        await ServiceRuns.WaitForRunAsync(host, "corpus");

        var status = await CliProcess.RunAsync(_root.Path, "status", "--format", "json");

        Assert.True(status.ExitCode == 0, status.Error);
        var json = JsonNode.Parse(status.Output)!;
        var corpus = json["sources"]!.AsArray().Single(s => (string?)s!["id"] == "corpus")!;
        // 0 0 0 1 1 ? 2099 in Asia/Seoul: midnight on 1 January 2099 there, 15:00 the day before in UTC.
        Assert.Equal("2098-12-31T15:00:00.000Z", (string?)corpus["next_run"]);
        Assert.NotNull((string?)corpus["last_run"]);
        Assert.Equal((string?)corpus["last_run"], (string?)corpus["last_success"]);
        Assert.Equal(0, (int)corpus["failures"]!);
        var idle = json["sources"]!.AsArray().Single(s => (string?)s!["id"] == "idle")!;
        Assert.Equal(("no", null, null), ((string?)idle["enabled"], (string?)idle["next_run"], (string?)idle["last_run"]));
        Assert.Equal(14, (int)json["store"]!["documents"]!);
        Assert.True((int)json["store"]!["figure_versions"]! > 100);
        Assert.True((long)json["store"]!["database_bytes"]! > 0);
        Assert.True((bool)json["service_running"]!);
    }

    [Fact]
    public async Task Status_WithoutService_ReadsTheFileAndSaysSo()
    {
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.Source("broken", "folder", ("Folder", "missing"))]);
        using (var store = FigureStore.Open(_root.File("data/ingestworker.db"), TimeProvider.System))
        {
            var state = store.SourceState("broken");
            state.ConsecutiveFailures = 4;
            state.LastError = "the folder 'missing' does not exist";
            store.SaveSourceState(state);
        }

        var status = await CliProcess.RunAsync(_root.Path, "status");

        Assert.True(status.ExitCode == 0, status.Error);
        var row = status.Output.Split('\n').Single(l => l.StartsWith("broken", StringComparison.Ordinal));
        Assert.Contains("2098-12-31T15:00:00.000Z", row, StringComparison.Ordinal);
        Assert.Contains(" 4 ", row, StringComparison.Ordinal);
        Assert.Contains("the folder 'missing' does not exist", row, StringComparison.Ordinal);
        Assert.Contains("store     0 documents, 0 figure versions (0 current)", status.Output, StringComparison.Ordinal);
        Assert.Contains("service   not running", status.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _root.Dispose();
}
