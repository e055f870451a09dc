using System.Text.Json.Nodes;
using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.Commands;

/// <summary>The history commands as a user runs them: ingest a revision pair, then read it back every way.</summary>
public sealed class HistoryCommandsTests : IDisposable
{
    private const string Url = "https://news.example/2022/04/01/exports";
    private readonly TempFolder _root = new();

    public HistoryCommandsTests() => ContentRootBuilder.Write(_root.Path, [
        ContentRootBuilder.Source("news", "http", ("Url", "https://news.example/"), ("Reporter", "KR"), ("Priority", 10), ("Enabled", false)),
        ContentRootBuilder.Source("ministry", "http", ("Url", "https://ministry.example/"), ("Reporter", "KR"), ("Priority", 100), ("Enabled", false))]);

    private Task<CliProcess.Result> Run(params string[] arguments) => CliProcess.RunAsync(_root.Path, arguments);

    private static string Pair(string file) => Path.Combine(ContentRootBuilder.Corpus, "revisions", "03-kr-2022-03-news-update", file);

    [Fact]
    public async Task IngestTwoVersions_ThenHistoryChangesExportReprocessCompact_TellTheSameStory()
    {
        Assert.Equal(0, (await Run("ingest", Pair("v1.html"), "--url", Url, "--source", "news", "--published", "2022-04-01T09:00:00+09:00")).ExitCode);
        var between = TimeProvider.System.GetUtcNow().UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await Task.Delay(20);
        var second = await Run("ingest", Pair("v2.html"), "--url", Url, "--source", "news", "--published", "2022-04-01T11:53:00+09:00");
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Revised figure KR imports total/world 2022-03 value 63.62 bn USD (was 63.26 bn USD, version 2) from news", second.Output, StringComparison.Ordinal);

        var history = JsonNode.Parse((await Run("history", "--reporter", "KR", "--flow", "imports", "--product", "total", "--partner", "world", "--period", "2022-03", "--measure", "value", "--format", "json")).Output)!.AsArray();
        Assert.Equal([("1", "first-seen", false), ("2", "revised", true)],
            history.Select(v => (v!["version"]!.ToJsonString(), (string)v["reason"]!, v["superseded_at"] is null)));

        var changes = JsonNode.Parse((await Run("changes", "--since", between, "--format", "json")).Output)!.AsArray();
        Assert.Contains(changes, c => (string?)c!["reason"] == "revised" && (string?)c["flow"] == "imports");
        Assert.DoesNotContain(changes, c => (string?)c!["reason"] == "first-seen" && (int)c["version"]! == 1 && (string?)c["recorded_at"] is { } at && string.CompareOrdinal(at, between) < 0);

        string[] imports = ["figures", "--flow", "imports", "--period", "2022-03", "--measure", "value", "--product", "total", "--partner", "world", "--format", "json"];
        var asOfRecorded = JsonNode.Parse((await Run([.. imports, "--as-of-recorded", between])).Output)!.AsArray();
        Assert.Equal(63_260_000_000m, (decimal)Assert.Single(asOfRecorded)!["value"]!);
        var asOfPublished = JsonNode.Parse((await Run([.. imports, "--as-of", "2022-04-01T10:00:00+09:00"])).Output)!.AsArray();
        Assert.Equal((63_260_000_000m, "2022-04-01T00:00:00.000Z", "2022-04-01T02:53:00.000Z"),
            ((decimal)Assert.Single(asOfPublished)!["value"]!, (string?)asOfPublished[0]!["realtime_start"], (string?)asOfPublished[0]!["realtime_end"]));
        Assert.Empty(JsonNode.Parse((await Run([.. imports, "--as-of", "2022-03-31"])).Output)!.AsArray());

        var csv = (await Run("export", "--format", "csv")).Output.Split('\n');
        Assert.Equal("reporter,flow,product,partner,period,measure,basis,adjustment,value,unit,version,reason,recorded_at,superseded_at,realtime_start,realtime_end,published_from,source,document_url,release_url,evidence", csv[0]);

        var reprocess = await Run("reprocess");
        Assert.Equal(0, reprocess.ExitCode);
        Assert.Contains("Reprocessed 1 documents: 0 new, 0 changed", reprocess.Output, StringComparison.Ordinal);

        var compact = await Run("compact");
        Assert.Equal(0, compact.ExitCode);
        Assert.Equal(csv, (await Run("export", "--format", "csv")).Output.Split('\n'));
    }

    [Fact]
    public async Task TwoSourcesDisagree_ConflictsListsThemAndFiguresPrefersTheMinistry()
    {
        Assert.Equal(0, (await Run("ingest", Pair("v1.html"), "--url", Url, "--source", "news")).ExitCode);
        var ministry = await Run("ingest", Pair("v2.html"), "--url", "https://ministry.example/release", "--source", "ministry");
        Assert.Contains("Sources disagree on KR imports total/world 2022-03 value: 63.62 bn USD from ministry, 63.26 bn USD from news", ministry.Output, StringComparison.Ordinal);

        var conflicts = JsonNode.Parse((await Run("conflicts", "--format", "json")).Output)!.AsArray();
        Assert.Single(conflicts);

        var current = JsonNode.Parse((await Run("figures", "--flow", "imports", "--period", "2022-03", "--measure", "value", "--product", "total", "--partner", "world", "--format", "json")).Output)!.AsArray();
        Assert.Equal(("ministry", 63_620_000_000m), ((string)Assert.Single(current)!["source"]!, (decimal)current[0]!["value"]!));
    }

    [Fact]
    public async Task IngestManifest_EveryCase_RecordsThemAllWithProgressAndResumesAsUnchanged()
    {
        var cases = Directory.GetDirectories(Path.Combine(ContentRootBuilder.Corpus, "cases")).Order(StringComparer.Ordinal).ToList();
        var manifest = Path.Combine(_root.Path, "backfill.csv");
        File.WriteAllLines(manifest, ["file,url,published", .. cases.Select(c =>
            $"\"{Path.Combine(c, "bulletin.html")}\",https://news.example/{Path.GetFileName(c)},{JsonNode.Parse(File.ReadAllText(Path.Combine(c, "meta.json")))!["published"]}")]);

        var first = await Run("ingest", "--manifest", manifest, "--source", "news");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"ingest: {cases.Count}/{cases.Count} documents", first.Error, StringComparison.Ordinal);
        Assert.Contains($"Ingested {cases.Count} files: {cases.Count} new, 0 unchanged, 0 failed", first.Output, StringComparison.Ordinal);
        Assert.Contains("New figure KR exports total/world 2025-11 value 61.04 bn USD (+8.4 % y/y) from news", first.Output, StringComparison.Ordinal);
        var again = await Run("ingest", "--manifest", manifest, "--source", "news");
        Assert.Contains($"Ingested {cases.Count} files: 0 new, {cases.Count} unchanged", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestManifest_BadLines_ExitsTwoNamingEachAndRecordsNothing()
    {
        var manifest = Path.Combine(_root.Path, "backfill.csv");
        File.WriteAllLines(manifest, ["file,url,published,language", $"{Pair("v1.html")},{Url},2022-04-01,en", "missing.html,https://news.example/x,,", $"{Pair("v2.html")},ftp://x,2022-13-01,fr"]);

        var result = await Run("ingest", "--manifest", manifest, "--source", "news");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("backfill.csv:3: no such file 'missing.html'", result.Error, StringComparison.Ordinal);
        Assert.Contains("backfill.csv:4: url 'ftp://x' is not an absolute http(s) URL", result.Error, StringComparison.Ordinal);
        Assert.Contains("backfill.csv:4: published '2022-13-01' is not a date", result.Error, StringComparison.Ordinal);
        Assert.Contains("backfill.csv:4: language 'fr' is not en or ko", result.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was recorded.", result.Error, StringComparison.Ordinal);
        Assert.Contains("No database", (await Run("export", "--format", "json")).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_FileAndManifestTogether_IsAUsageError()
    {
        var result = await Run("ingest", Pair("v1.html"), "--url", Url, "--manifest", "x.csv", "--source", "news");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("give either a FILE (with --url) or --manifest, not both", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_UnknownSource_ExitsTwoNamingIt()
    {
        var result = await Run("ingest", Pair("v1.html"), "--url", Url, "--source", "nobody");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("No source 'nobody' is configured", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _root.Dispose();
}
