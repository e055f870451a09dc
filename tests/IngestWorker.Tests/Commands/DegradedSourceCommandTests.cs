using System.Text.Json.Nodes;
using IngestWorker.Core.Storage;
using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.Commands;

/// <summary>A source that works but yields nothing (robots.txt disallows every link) shows why in <c>status</c> and <c>sources</c>.</summary>
public sealed class DegradedSourceCommandTests : IDisposable
{
    private const string Reason = "robots.txt disallows every bulletin link it lists (2, such as http://board.example/private/1)";
    private readonly TempFolder _root = new();

    [Fact]
    public async Task StatusAndSources_DegradedSource_ShowTheReason()
    {
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.Source("board", "folder", ("Folder", "inbox"))]);
        using (var store = FigureStore.Open(_root.File("data/ingestworker.db"), TimeProvider.System))
        {
            var state = store.SourceState("board");
            state.Degraded = Reason;
            store.SaveSourceState(state);
        }

        var status = await CliProcess.RunAsync(_root.Path, "status", "--format", "json");
        var sources = await CliProcess.RunAsync(_root.Path, "sources", "--format", "csv");

        Assert.True(status.ExitCode == 0, status.Error);
        Assert.Equal(Reason, (string?)JsonNode.Parse(status.Output)!["sources"]![0]!["degraded"]);
        Assert.EndsWith(",degraded", sources.Output.Split('\n')[0].TrimEnd('\r'), StringComparison.Ordinal);
        Assert.Contains(Reason, sources.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _root.Dispose();
}
