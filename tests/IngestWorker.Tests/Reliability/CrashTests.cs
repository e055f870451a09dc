using System.Diagnostics;
using System.Text.Json.Nodes;
using IngestWorker.Core.Storage;
using IngestWorker.Tests.Support;
using Xunit.Abstractions;

namespace IngestWorker.Tests.Reliability;

/// <summary>
/// The service killed with SIGKILL at random moments while it ingests a few hundred bulletins, and
/// restarted each time, ends with the same store as one uninterrupted run.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 20;
    private readonly TempFolder _root = new();

    [Fact]
    public async Task Once_KilledTwentyTimesThenRunCleanly_EqualsOneUninterruptedRun()
    {
        var bulletins = BulletinVariants.Write(ContentRootBuilder.Corpus, _root.File("bulletins"), variantsPerCase: 16);
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.Source("bulletins", "folder", ("Folder", "bulletins"), ("Reporter", "KR"))]);
        var crashed = _root.File("crashed.db");
        var reference = _root.File("reference.db");

        var random = new Random(20251201);
        var killedMidway = 0;
        for (var i = 0; i < Kills; i++)
        {
            killedMidway += await RunAndKillAsync(crashed, random.Next(1, 40), TimeSpan.FromMilliseconds(random.Next(0, 30))) ? 1 : 0;
        }

        Assert.Equal(0, (await CliProcess.RunAsync(_root.Path, "once", "--db", crashed)).ExitCode);
        Assert.Equal(0, (await CliProcess.RunAsync(_root.Path, "once", "--db", reference)).ExitCode);

        var expected = await ExportAsync(reference);
        var actual = await ExportAsync(crashed);
        Assert.Equal(expected, actual);
        var (documents, versions) = Verify(crashed);
        output.WriteLine($"{bulletins} bulletins, {Kills} kills ({killedMidway} while the process was still running), " +
            $"{documents} documents and {versions} figure versions in both stores, no duplicate, no orphan, no partial document");
        Assert.True(killedMidway >= Kills / 2, $"only {killedMidway} kills landed mid-run");
    }

    [Fact]
    public async Task Reprocess_KilledTwentyTimesThenRunCleanly_EqualsOneUninterruptedReprocess()
    {
        BulletinVariants.Write(ContentRootBuilder.Corpus, _root.File("bulletins"), variantsPerCase: 16);
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.Source("bulletins", "folder", ("Folder", "bulletins"), ("Reporter", "KR"))]);
        var crashed = _root.File("crashed.db");
        var reference = _root.File("reference.db");
        Assert.Equal(0, (await CliProcess.RunAsync(_root.Path, "once", "--db", crashed)).ExitCode);
        var misread = MisreadEveryDocument(crashed);
        File.Copy(crashed, reference);

        var random = new Random(20251202);
        var killedMidway = 0;
        for (var i = 0; i < Kills; i++)
        {
            killedMidway += await RunAndKillAsync(crashed, random.Next(1, 6), TimeSpan.FromMilliseconds(random.Next(0, 10)), "reprocess") ? 1 : 0;
        }

        Assert.Equal(0, (await CliProcess.RunAsync(_root.Path, "reprocess", "--db", crashed)).ExitCode);
        Assert.Equal(0, (await CliProcess.RunAsync(_root.Path, "reprocess", "--db", reference)).ExitCode);

        Assert.Equal(await ExportAsync(reference), await ExportAsync(crashed));
        var (documents, versions) = Verify(crashed);
        output.WriteLine($"reprocess of {documents} documents ({misread} figures misread beforehand), {Kills} kills ({killedMidway} mid-run), " +
            $"{versions} figure versions in both stores");
        Assert.True(killedMidway >= Kills / 4, $"only {killedMidway} kills landed mid-run");
    }

    /// <summary>
    /// Stands in for an older extractor: every document's figures are read anew at twice their value,
    /// so the current extractor's reprocess has a re-extracted version to write for each.
    /// </summary>
    private static int MisreadEveryDocument(string database)
    {
        using var store = FigureStore.Open(database, TimeProvider.System);
        var misread = 0;
        foreach (var document in store.LatestDocuments())
        {
            var records = store.History(FigureFilter.All)
                .Where(v => v.DocumentId == document.Id && v.SupersededAt is null)
                .Select(v => v.ToRecord() with { Value = v.Value * 2 })
                .ToList();
            misread += store.RecordDocument(document, records, RecordMode.ReExtracted).Revised.Count;
        }

        return misread;
    }

    /// <summary>
    /// Starts a command and kills it with SIGKILL once it has logged <paramref name="figureLines"/>
    /// figure events and a little more time has passed, so every kill lands while it is writing,
    /// however fast the machine; true when it was still running.
    /// </summary>
    private async Task<bool> RunAndKillAsync(string database, int figureLines, TimeSpan extra, string command = "once")
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _root.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { CliProcess.Executable, command, "--db", database })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var drainError = process.StandardError.ReadToEndAsync();
        var seen = 0;
        while (seen < figureLines && await process.StandardOutput.ReadLineAsync() is { } line)
        {
            seen += line.Contains(" figure ", StringComparison.Ordinal) ? 1 : 0;
        }

        await Task.Delay(extra);
        var running = !process.HasExited;
        if (running)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        await drainError;
        return running;
    }

    /// <summary>Every version as a line without its instants (they differ between runs by nature).</summary>
    private async Task<List<string>> ExportAsync(string database)
    {
        var export = await CliProcess.RunAsync(_root.Path, "export", "--format", "json", "--db", database);
        Assert.True(export.ExitCode == 0, export.Error);
        return [.. JsonNode.Parse(export.Output)!.AsArray()
            .Select(r => string.Join(' ', r!["document_url"], r["reporter"], r["flow"], r["product"], r["partner"], r["period"], r["measure"],
                r["basis"], r["value"], r["version"], r["reason"], r["superseded_at"] is null ? "open" : "closed"))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Opens the store without repair and checks every document is whole and every version has its document.</summary>
    private static (int Documents, int Versions) Verify(string database)
    {
        using var store = FigureStore.Open(database, TimeProvider.System);
        var documents = store.AllDocuments().ToDictionary(d => d.Id);
        var versions = store.Export().ToList();
        Assert.All(versions, v => Assert.True(documents.ContainsKey(v.DocumentId), $"version {v.Id} has no document"));
        Assert.Equal(versions.Count, versions.Select(v => (v.ChainId, v.Version)).Distinct().Count());
        Assert.All(versions.GroupBy(v => v.ChainId), chain => Assert.Single(chain, v => v.SupersededAt is null));
        foreach (var document in documents.Values)
        {
            var recorded = versions.Count(v => v.DocumentId == document.Id && v.Reason != VersionReason.ReExtracted) + store.ConfirmationsOf(document.Id);
            Assert.True(recorded == document.FigureCount, $"{document.Url}: {recorded} of {document.FigureCount} figures");
        }

        return (documents.Count, versions.Count);
    }

    public void Dispose() => _root.Dispose();
}
