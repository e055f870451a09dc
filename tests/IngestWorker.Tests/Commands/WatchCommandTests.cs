using System.Globalization;
using System.Text.Json.Nodes;
using IngestWorker.Core.Ingestion;
using IngestWorker.Core.Sources;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IngestWorker.Tests.Commands;

/// <summary><c>watch</c> in another process follows what the running service records, until Ctrl+C.</summary>
public sealed class WatchCommandTests : IDisposable
{
    private static readonly string Correction = Path.Combine(ContentRootBuilder.Corpus, "revisions", "01-kr-2019-09-ministry-correction");
    private const string Url = "https://www.motie.example/en/bbsView.do?bbs_seq_n=739";
    private readonly TempFolder _root = new();

    [Fact]
    public async Task Watch_WhileServiceRecordsAndRevises_PrintsOneLinePerMatchingChangeUntilInterrupted()
    {
        Directory.CreateDirectory(_root.File("inbox"));
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.Source("ministry", "folder", ("Folder", _root.File("inbox")), ("Language", "en"), ("Reporter", "KR"))]);
        await using var host = await ServiceRuns.StartServiceAsync(_root.Path);
        await ServiceRuns.WaitForRunAsync(host, "ministry");
        var pipeline = host.Services.GetRequiredService<IngestionPipeline>();
        var source = host.Services.GetRequiredService<IOptions<SourcesOptions>>().Value.Find("ministry")!;
        var since = TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(-1).ToString("O", CultureInfo.InvariantCulture);

        using var watch = CliSession.Start(_root.Path, "watch", "--since", since, "--flow", "exports", "--interval", "0.2");
        pipeline.IngestFile(source, Url, File.ReadAllBytes(Path.Combine(Correction, "v1.html")), "text/html", new DateOnly(2019, 10, 1), "en");
        await watch.WaitForLineAsync(l => l.Contains("KR exports petrochemicals/world 2019-09 value 4.3 bn USD from ministry " + Url, StringComparison.Ordinal));

        // Recorded after watch has shown the first version: followed, not read at start.
        pipeline.IngestFile(source, Url, File.ReadAllBytes(Path.Combine(Correction, "v2.html")), "text/html", new DateOnly(2019, 10, 2), "en");
        var revised = await watch.WaitForLineAsync(l => l.Contains("revised", StringComparison.Ordinal));

        Assert.Contains("KR exports petrochemicals/world 2019-09 value 3.4 bn USD (was 4.3 bn USD, version 2) from ministry", revised, StringComparison.Ordinal);
        Assert.Contains(watch.Lines, l => l.Contains(" new ", StringComparison.Ordinal) && l.Contains("KR exports total/world 2019-09 value", StringComparison.Ordinal));
        Assert.DoesNotContain(watch.Lines, l => l.Contains("imports", StringComparison.Ordinal) || l.Contains("balance", StringComparison.Ordinal));
        Assert.Single(watch.Lines, l => l.Contains("petrochemicals/world 2019-09 value", StringComparison.Ordinal) && l.Contains(" new ", StringComparison.Ordinal));

        await watch.InterruptAsync();
        Assert.True(watch.HasExited);
        var after = await CliProcess.RunAsync(_root.Path, "status");
        Assert.True(after.ExitCode == 0, after.Error);
    }

    [Fact]
    public async Task Watch_NoService_ExitsOneSayingSo()
    {
        ContentRootBuilder.Write(_root.Path, []);
        Core.Storage.FigureStore.Open(_root.File("data/ingestworker.db"), TimeProvider.System).Dispose();

        var watch = await CliProcess.RunAsync(_root.Path, "watch");

        Assert.Equal(1, watch.ExitCode);
        Assert.Contains("No service is running", watch.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _root.Dispose();
}
