using System.Text.Json.Nodes;
using IngestWorker.Core.Storage;
using IngestWorker.Hosting;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IngestWorker.Tests.Endpoint;

/// <summary>Read commands in another process while the service owns the database and ingests.</summary>
public sealed class QueryEndpointTests : IDisposable
{
    private readonly TempFolder _root = new();

    [Fact]
    public async Task ReadCommands_WhileServiceIngests_AllSucceedAndSeeWholeDocuments()
    {
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.CorpusCases()]);
        var host = ServiceHost.CreateBuilder(null, _root.Path).ForService().Build();
        await host.StartAsync();
        await using var running = new RunningHost(host);
        var store = host.Services.GetRequiredService<FigureStore>();

        var reads = 0;
        var ingested = false;
        while (!ingested || reads < 3)
        {
            ingested = store.SourceState("corpus").LastRunAt is not null;
            var export = await CliProcess.RunAsync(_root.Path, "export", "--format", "json");
            Assert.True(export.ExitCode == 0, export.Error);
            var rows = JsonNode.Parse(export.Output)!.AsArray();

            // A document's figures are written in one transaction: every document seen is complete.
            foreach (var document in rows.GroupBy(r => (string)r!["document_url"]!))
            {
                var stored = store.LatestDocument("corpus", document.Key)!;
                Assert.True(document.Count() <= stored.FigureCount, $"{document.Key}: {document.Count()} rows of {stored.FigureCount}");
            }

            var history = await CliProcess.RunAsync(_root.Path, "history", "--reporter", "KR", "--flow", "exports", "--product", "total", "--partner", "world", "--period", "2025-11");
            Assert.True(history.ExitCode == 0, history.Error);
            reads++;
        }

        var figures = await CliProcess.RunAsync(_root.Path, "figures", "--format", "json", "--reporter", "KR", "--period", "2025-11");
        Assert.Equal(0, figures.ExitCode);
        Assert.Contains(JsonNode.Parse(figures.Output)!.AsArray(), r => (decimal)r!["value"]! == 61_040_000_000m);
    }

    [Fact]
    public async Task ReadCommand_WithoutService_OpensTheFileItself()
    {
        ContentRootBuilder.Write(_root.Path, []);
        FigureStore.Open(Path.Combine(_root.Path, "data", "ingestworker.db"), TimeProvider.System).Dispose();

        var figures = await CliProcess.RunAsync(_root.Path, "figures", "--format", "json");

        Assert.Equal(0, figures.ExitCode);
        Assert.Empty(JsonNode.Parse(figures.Output)!.AsArray());
        Assert.False(File.Exists(Path.Combine(_root.Path, "data", "ingestworker.db.sock")));
    }

    public void Dispose() => _root.Dispose();
}
