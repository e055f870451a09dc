using System.Text.Json.Nodes;
using IngestWorker.Core.Storage;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IngestWorker.Tests.Commands;

/// <summary><c>backup</c> while the service owns the database: a copy that opens and holds everything recorded.</summary>
public sealed class BackupCommandTests : IDisposable
{
    private readonly TempFolder _root = new();

    [Fact]
    public async Task Backup_WhileServiceRuns_CopiesEveryRecordedFigureAndTheServiceGoesOn()
    {
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.CorpusCases()]);
        (int, int, int) counts;
        await using (var host = await ServiceRuns.StartServiceAsync(_root.Path))
        {
            await ServiceRuns.WaitForRunAsync(host, "corpus");
            counts = host.Services.GetRequiredService<FigureStore>().Counts();

            var backup = await CliProcess.RunAsync(_root.Path, "backup", "--out", "copies/first.db");

            Assert.True(backup.ExitCode == 0, backup.Error);
            Assert.Contains("copies/first.db", backup.Output, StringComparison.Ordinal);
            var again = await CliProcess.RunAsync(_root.Path, "backup", "--out", "copies/first.db");
            Assert.Equal(2, again.ExitCode);
            Assert.Equal(0, (await CliProcess.RunAsync(_root.Path, "status")).ExitCode);
        }

        using var copy = FigureStore.Open(_root.File("data/copies/first.db"), TimeProvider.System);
        Assert.Equal(counts, copy.Counts());
        Assert.Contains(copy.Current(FigureFilter.All), f => (f.Reporter, f.Period, f.Flow, f.Product, f.Partner, f.Measure, f.Value)
            == ("KR", "2025-11", "exports", "total", "world", "value", 61_040_000_000m));
    }

    public void Dispose() => _root.Dispose();
}
