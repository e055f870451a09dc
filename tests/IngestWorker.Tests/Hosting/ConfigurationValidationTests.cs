using System.Text.Json.Nodes;
using IngestWorker.Commands;
using IngestWorker.Hosting;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.Hosting;

namespace IngestWorker.Tests.Hosting;

/// <summary>Bad configuration stops the service at start with a message naming the setting and its file.</summary>
public sealed class ConfigurationValidationTests : IDisposable
{
    private readonly TempFolder _root = new();

    public static TheoryData<string, string, string> BadSources => new()
    {
        { """{"Id":"a","Kind":"folder","Folder":"f","Schedule":"0 0/10 * *"}""", "Sources:0:Schedule", "not a valid Quartz cron" },
        { """{"Id":"a","Kind":"folder","Folder":"f","TimeZone":"Mars/Olympus"}""", "Sources:0:TimeZone", "not a known time zone" },
        { """{"Id":"a","Kind":"ftp"}""", "Sources:0:Kind", "not a source kind" },
        { """{"Id":"a","Kind":"folder"}""", "Sources:0:Folder", "needs the folder" },
        { """{"Id":"a","Kind":"http"}""", "Sources:0:Url", "not an absolute http" },
        { """{"Id":"a","Kind":"http","Url":"file:///etc/passwd"}""", "Sources:0:Url", "not an absolute http" },
        { """{"Id":"a b","Kind":"folder","Folder":"f"}""", "Sources:0:Id", "not a source id" },
        { """{"Id":"a","Kind":"folder","Folder":"f","Language":"fr"}""", "Sources:0:Language", "not a supported language" },
        { """{"Id":"a","Kind":"http","Url":"http://127.0.0.1/","MaxPages":-1}""", "Sources:0:MaxPages", "out of range" },
        { """{"Id":"a","Kind":"http","Url":"http://127.0.0.1/","LinkXPath":"//a[@"}""", "Sources:0:LinkXPath", "not a valid XPath" },
        { """{"Id":"a","Kind":"http","Url":"http://127.0.0.1/","Method":"PUT"}""", "Sources:0:Method", "'PUT' is not a request method for the listing or feed (one of: GET, POST)" },
        { """{"Id":"a","Kind":"http","Url":"http://127.0.0.1/","ItemText":"summary"}""", "Sources:0:ItemText", "'summary' is not what a feed item's bulletin is (one of: page, description)" },
        { """{"Id":"a","Kind":"folder","Folder":"f","Schedule":"99 * * * * ?"}""", "Sources:0:Schedule", "99 is out of range for the second field's value (0 to 59)" },
        { """{"Id":"a","Kind":"folder","Folder":"f","Schedule":"0 0 25 * * ?"}""", "Sources:0:Schedule", "not a valid Quartz cron expression" },
        { """{"Id":"a","Kind":"folder","Folder":"f","Schedule":"0 0/90 * * * ?"}""", "Sources:0:Schedule", "not a valid Quartz cron expression" },
        { """{"Id":"a","Kind":"folder","Folder":"f","Schedule":"0 0 12 31 2 ?"}""", "Sources:0:Schedule", "'0 0 12 31 2 ?' never fires" },
        { """{"Id":"a","Kind":"folder","Folder":"f","ExtraSchedules":["0 0 10 * * ?","0 0 10 * *"]}""", "Sources:0:ExtraSchedules:1", "not a valid Quartz cron" },
        { """{"Id":"a","Kind":"http","Url":"https://board.example/list","LinkRecipe":{"Pattern":"view-(?<id>[0-9]+)","UrlTemplate":"/a/{nttSn}/view"}}""", "Sources:0:LinkRecipe", "UrlTemplate names {nttSn}, which is not a named group of Pattern" },
    };

    [Theory]
    [InlineData("0 0/10 * * * ?")]
    [InlineData("0 30 9 1-3 * ?")]
    [InlineData("0 0 10 ? * MON-FRI")]
    [InlineData("0 0 10 ? * 2#1")]
    [InlineData("0 0 12 L * ?")]
    [InlineData("0 0 0 29 2 ? *")]
    public void CronCheck_UsualSchedules_Pass(string schedule) =>
        Assert.Null(CronCheck.Problem(schedule, TimeZoneInfo.Utc, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));

    [Theory]
    [MemberData(nameof(BadSources))]
    public async Task Start_BadSource_RefusesNamingSettingAndFile(string source, string setting, string problem)
    {
        ContentRootBuilder.Write(_root.Path, [JsonNode.Parse(source)]);

        var message = await StartFailureAsync();

        Assert.Contains($"{setting} (config/sources.json): ", message, StringComparison.Ordinal);
        Assert.Contains(problem, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DuplicateSourceIds_RefusesNamingTheSecond()
    {
        ContentRootBuilder.Write(_root.Path, [
            JsonNode.Parse("""{"Id":"same","Kind":"folder","Folder":"f"}"""),
            JsonNode.Parse("""{"Id":"SAME","Kind":"folder","Folder":"g"}""")]);

        Assert.Contains("Sources:1:Id (config/sources.json): 'SAME' is used by another source", await StartFailureAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NegativeLimit_RefusesNamingAppSettings()
    {
        ContentRootBuilder.Write(_root.Path, [], new JsonObject { ["Fetching"] = new JsonObject { ["MaxDocumentBytes"] = -1 } });

        Assert.Contains("Fetching:MaxDocumentBytes (config/appsettings.json): -1 must be positive", await StartFailureAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SeveralProblems_ReportsEveryOne()
    {
        ContentRootBuilder.Write(_root.Path, [JsonNode.Parse("""{"Id":"a","Kind":"http","Schedule":"nonsense","TimeZone":"Nowhere"}""")]);

        var message = await StartFailureAsync();

        Assert.Contains("Sources:0:Schedule", message, StringComparison.Ordinal);
        Assert.Contains("Sources:0:TimeZone", message, StringComparison.Ordinal);
        Assert.Contains("Sources:0:Url", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DatabaseFolderCannotBeCreated_RefusesNamingThePath()
    {
        await File.WriteAllTextAsync(_root.File("occupied"), "a file where the folder should be");
        ContentRootBuilder.Write(_root.Path, [], new JsonObject { ["Storage"] = new JsonObject { ["DatabasePath"] = "occupied/figures.db" } });

        Assert.Contains("cannot create the database folder", await StartFailureAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_InvalidJson_SaysSo()
    {
        ContentRootBuilder.Write(_root.Path, []);
        File.WriteAllText(_root.File("config/sources.json"), "{ \"Sources\": [ { \"Id\": ");

        var error = Assert.ThrowsAny<Exception>(() => ServiceHost.CreateBuilder(null, _root.Path));

        Assert.StartsWith("IngestWorker cannot start: config/sources.json: not valid JSON (", HostRunner.Describe(error), StringComparison.Ordinal);
    }

    private Task<string> StartFailureAsync() => StartFailure.MessageAsync(_root.Path);

    public void Dispose() => _root.Dispose();
}
