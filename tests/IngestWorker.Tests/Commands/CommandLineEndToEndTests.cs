using System.Text.Json.Nodes;
using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.Commands;

/// <summary>The executable as a user runs it: a child process in a folder holding the shipped config/.</summary>
public sealed class CommandLineEndToEndTests : IDisposable
{
    private readonly TempFolder _root = new();

    // The shipped config also lists the real publishers; tests talk to 127.0.0.1 only, so they run the samples alone.
    public CommandLineEndToEndTests()
    {
        CopyFolder(ContentRootBuilder.ShippedConfig, _root.File("config"));
    }

    [Fact]
    public async Task Once_TwiceOnTheShippedSamples_LogsNewFiguresThenOnlyUnchanged()
    {
        var first = await RunAsync("once", "--source", "samples");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("New figure KR exports total/world 2025-11 value 61.04 bn USD (+8.4 % y/y) from samples: \"Korea's export figures hit record high", first.Output, StringComparison.Ordinal);
        Assert.Contains("Source samples run: 14 documents, 14 new, 0 unchanged, 0 failed", first.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(_root.File("data/ingestworker.db")));
        Assert.NotEmpty(Directory.GetFiles(_root.File("logs"), "ingestworker-*.log"));

        var second = await RunAsync("once", "--source", "samples");

        Assert.Equal(0, second.ExitCode);
        Assert.DoesNotContain("New figure", second.Output, StringComparison.Ordinal);
        Assert.Contains("Source samples run: 14 documents, 0 new, 14 unchanged, 0 failed; figures 0 new, 0 revised", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Figures_AfterOnce_PrintsCurrentFiguresAsJson()
    {
        var db = _root.File("elsewhere/figures.db");
        Assert.Equal(0, (await RunAsync("once", "--source", "samples", "--db", db)).ExitCode);

        var figures = await RunAsync("figures", "--format", "json", "--db", db);

        Assert.Equal(0, figures.ExitCode);
        var rows = JsonNode.Parse(figures.Output)!.AsArray();
        var chips = Assert.Single(rows, r => (string?)r!["period"] == "2025-11" && (string?)r["product"] == "semiconductors"
            && (string?)r["partner"] == "world" && (string?)r["measure"] == "value" && (string?)r["basis"] == "actual")!;
        Assert.Equal((17_260_000_000m, 1, "first-seen", "samples"), ((decimal)chips["value"]!, (int)chips["version"]!, (string)chips["reason"]!, (string)chips["source"]!));
    }

    [Fact]
    public async Task Extract_SeedAsJson_PrintsTheContractsRecords()
    {
        var result = await RunAsync("extract", Path.Combine(ContentRootBuilder.Corpus, "cases", "001-kr-2025-11-joongang", "bulletin.html"), "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var exports = JsonNode.Parse(result.Output)!.AsArray().Single(r => (string?)r!["period"] == "2025-11" && (string?)r["flow"] == "exports"
            && (string?)r["product"] == "total" && (string?)r["partner"] == "world" && (string?)r["measure"] == "value" && (string?)r["basis"] == "actual")!;
        Assert.Equal("61040000000", exports["value"]!.ToJsonString());
        Assert.Equal(["reporter", "flow", "product", "partner", "period", "measure", "basis", "adjustment", "value", "unit", "evidence"],
            exports.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Extract_BadDate_ExitsTwoWithMessage()
    {
        var result = await RunAsync("extract", Path.Combine(ContentRootBuilder.Corpus, "cases", "001-kr-2025-11-joongang", "bulletin.html"), "--published", "01/12/2025");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--published '01/12/2025' is not a date in the form YYYY-MM-DD", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_UnknownSource_ExitsTwo()
    {
        var result = await RunAsync("once", "--source", "nope");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("No source 'nope' is configured", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Figures_WithoutDatabase_SaysRunFirst()
    {
        var result = await RunAsync("figures");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No database at", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("once")]
    [InlineData("extract")]
    [InlineData("figures")]
    [InlineData("sources")]
    public async Task Help_EveryCommand_Describes(string command)
    {
        var result = await RunAsync(command, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
        Assert.Contains("--db", result.Output, StringComparison.Ordinal);
    }

    private Task<CliProcess.Result> RunAsync(params string[] arguments) => CliProcess.RunAsync(_root.Path, arguments);

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => _root.Dispose();
}
