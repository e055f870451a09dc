using System.Text.Json.Nodes;
using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.Commands;

/// <summary>
/// Whatever the command, a configuration it cannot use is one line naming the file, the setting and
/// the expected form, exit code 2, and no stack trace.
/// </summary>
public sealed class ConfigurationErrorCommandTests : IDisposable
{
    private readonly TempFolder _root = new();

    public static TheoryData<string[]> Commands => new()
    {
        new[] { "run" },
        new[] { "once" },
        new[] { "ingest", "bulletin.html", "--url", "https://example.test/a", "--source", "a" },
        new[] { "reprocess" },
        new[] { "compact" },
        new[] { "figures" },
        new[] { "history", "--reporter", "KR", "--flow", "exports", "--product", "total", "--partner", "world", "--period", "2025-11" },
        new[] { "changes", "--since", "2025-12-01" },
        new[] { "conflicts" },
        new[] { "export" },
        new[] { "sources" },
        new[] { "status" },
        new[] { "health" },
        new[] { "chart", "--reporter", "KR", "--flow", "exports", "--product", "total", "--partner", "world" },
        new[] { "backup" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task AnyCommand_MalformedJson_OneLineNamingTheFileExit2(string[] command)
    {
        Write(new JsonObject());
        await File.WriteAllTextAsync(_root.File("config/sources.json"), "{ \"Sources\": [ { \"Id\": ");
        await File.WriteAllTextAsync(_root.File("bulletin.html"), "<p>Exports rose.</p>");

        var result = await CliProcess.RunAsync(_root.Path, command);

        AssertOneLine(result, "IngestWorker cannot start: config/sources.json: not valid JSON (");
    }

    [Theory]
    [InlineData("Fetching", "Timeout", "abc", "Fetching:Timeout (config/appsettings.json): 'abc' is not a duration such as 00:00:30")]
    [InlineData("Log", "MinimumLevel", "Loud", "Log:MinimumLevel (config/appsettings.json): 'Loud' is not one of Verbose, Debug, Information, Warning, Error, Fatal")]
    [InlineData("Health", "HttpPort", "eighty", "Health:HttpPort (config/appsettings.json): 'eighty' is not a whole number")]
    [InlineData("Metrics", "ExportInterval", "soon", "Metrics:ExportInterval (config/appsettings.json): 'soon' is not a duration")]
    public async Task WriteAndReadCommands_WrongTypedSetting_OneLineNamingSettingFileAndFormExit2(string section, string key, string value, string expected)
    {
        Write(new JsonObject { [section] = new JsonObject { [key] = value } });

        foreach (var command in new[] { new[] { "once" }, ["reprocess"], ["compact"], ["status"], ["run"] })
        {
            AssertOneLine(await CliProcess.RunAsync(_root.Path, command), "IngestWorker cannot start: " + expected);
        }
    }

    [Fact]
    public async Task Run_SourcesGivenAsAnObject_RefusedRatherThanStartingWithNone()
    {
        Write(new JsonObject());
        await File.WriteAllTextAsync(_root.File("config/sources.json"), """{ "Sources": { "Id": "a", "Kind": "folder", "Folder": "f" } }""");

        var result = await CliProcess.RunAsync(_root.Path, "once");

        AssertOneLine(result, "IngestWorker cannot start: Sources (config/sources.json): is an object; expected a JSON array of sources");
    }

    [Fact]
    public async Task Run_CronThatNeverFires_RefusedAtStartWithExit2()
    {
        Write(new JsonObject());
        await File.WriteAllTextAsync(_root.File("config/sources.json"),
            """{ "Sources": [ { "Id": "a", "Kind": "folder", "Folder": "f", "Schedule": "0 0 12 31 2 ?" } ] }""");

        var result = await CliProcess.RunAsync(_root.Path, "run");

        AssertOneLine(result, "IngestWorker cannot start: Sources:0:Schedule (config/sources.json): '0 0 12 31 2 ?' never fires");
    }

    [Theory]
    [InlineData("""{ "Id": "a", "Kind": "http", "Url": "https://board.example/list", "LinkRecipie": { "UrlTemplate": "/a/{@data-id}" } }""",
        "Sources:0:LinkRecipie (config/sources.json): is not a setting of a source; did you mean LinkRecipe?")]
    [InlineData("""{ "Id": "a", "Kind": "http", "Url": "https://board.example/list", "LinkRecipe": { "UrlTemplate": "/a/{@data-id}", "Atribute": "onclick" } }""",
        "Sources:0:LinkRecipe:Atribute (config/sources.json): is not a setting of LinkRecipe; did you mean Attribute?")]
    [InlineData("""{ "Id": "a", "Kind": "folder", "Folder": "f", "Shedule": "0 0 * * * ?" }""",
        "Sources:0:Shedule (config/sources.json): is not a setting of a source; did you mean Schedule?")]
    public async Task Run_MisspeltSourceSetting_RefusedNamingItAndTheNearestSetting(string source, string expected)
    {
        Write(new JsonObject());
        await File.WriteAllTextAsync(_root.File("config/sources.json"), $$"""{ "Sources": [ {{source}} ] }""");

        var result = await CliProcess.RunAsync(_root.Path, "once");

        AssertOneLine(result, "IngestWorker cannot start: " + expected);
    }

    private void Write(JsonObject settings) => ContentRootBuilder.Write(_root.Path, [], settings);

    private static void AssertOneLine(CliProcess.Result result, string start)
    {
        Assert.Equal(2, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, "more than one line: " + result.Error);
        Assert.StartsWith(start, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error + result.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _root.Dispose();
}
