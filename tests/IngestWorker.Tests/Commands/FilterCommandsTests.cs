using System.Text.Json.Nodes;
using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.Commands;

/// <summary>Filters checked against the vocabulary: codes in any case, a bad value is exit 2 with the closest valid one.</summary>
public sealed class FilterCommandsTests : IDisposable
{
    private readonly TempFolder _root = new();

    public FilterCommandsTests() => ContentRootBuilder.Write(_root.Path, [
        ContentRootBuilder.Source("news", "http", ("Url", "https://news.example/"), ("Reporter", "KR"), ("Enabled", false))]);

    private Task<CliProcess.Result> Run(params string[] arguments) => CliProcess.RunAsync(_root.Path, arguments);

    [Fact]
    public async Task Filters_CheckedAgainstTheVocabulary_SuggestTheClosestAndExitTwo()
    {
        var seed = Path.Combine(ContentRootBuilder.Corpus, "cases", "001-kr-2025-11-joongang", "bulletin.html");
        Assert.Equal(0, (await Run("ingest", seed, "--url", "https://news.example/a", "--source", "news")).ExitCode);

        var lower = await Run("figures", "--reporter", "kr", "--flow", "Exports", "--product", "SEMICONDUCTORS", "--period", "2025-11", "--format", "json");
        Assert.Equal(0, lower.ExitCode);
        Assert.NotEmpty(JsonNode.Parse(lower.Output)!.AsArray());

        var chips = await Run("figures", "--product", "chips");
        Assert.Equal((2, "--product 'chips' is not in the vocabulary; did you mean 'semiconductors'? (see 'vocabulary')"), (chips.ExitCode, chips.Error.Trim()));

        var export = await Run("figures", "--flow", "export");
        Assert.Equal((2, "--flow 'export' is not in the vocabulary; did you mean 'exports'? (see 'vocabulary')"), (export.ExitCode, export.Error.Trim()));

        var month = await Run("history", "--reporter", "KR", "--flow", "exports", "--product", "total", "--partner", "world", "--period", "2025-13");
        Assert.Equal(2, month.ExitCode);
        Assert.StartsWith("--period '2025-13' is not a period", month.Error.Trim(), StringComparison.Ordinal);

        var vocabulary = JsonNode.Parse((await Run("vocabulary", "--format", "json")).Output)!.AsArray();
        Assert.Contains(vocabulary, v => (string?)v!["kind"] == "reporter" && (string?)v["value"] == "KR");
        Assert.Contains(vocabulary, v => (string?)v!["kind"] == "product" && (string?)v["value"] == "semiconductors" && ((string?)v["aliases"])!.Contains("chips", StringComparison.Ordinal));
    }

    public void Dispose() => _root.Dispose();
}
