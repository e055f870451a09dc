using System.Text.Json.Nodes;
using IngestWorker.Commands;
using IngestWorker.Hosting;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.Hosting;

namespace IngestWorker.Tests.Hosting;

/// <summary>The fetching settings and the http source's discovery settings are refused at start when they cannot work.</summary>
public sealed class FetchingValidationTests : IDisposable
{
    private readonly TempFolder _root = new();

    public static TheoryData<string, string, string> BadFetching => new()
    {
        { "TotalTimeout", "00:00:10", "Fetching:TotalTimeout (config/appsettings.json): 00:00:10 is shorter than Fetching:Timeout" },
        { "MaxRetries", "11", "Fetching:MaxRetries (config/appsettings.json): 11 is out of range" },
        { "RetryDelay", "00:00:00", "Fetching:RetryDelay (config/appsettings.json): 00:00:00 must be positive" },
        { "HostInterval", "-00:00:01", "Fetching:HostInterval (config/appsettings.json): -00:00:01 must not be negative" },
        { "CircuitBreakDuration", "00:00:00.100", "Fetching:CircuitBreakDuration (config/appsettings.json): 00:00:00.1000000 must be at least" },
        { "CircuitMinimumThroughput", "1", "Fetching:CircuitMinimumThroughput (config/appsettings.json): 1 must be at least 2" },
        { "MaxDocumentsPerRun", "0", "Fetching:MaxDocumentsPerRun (config/appsettings.json): 0 is out of range (1 to 10000)" },
        { "MaxAttachmentsPerPage", "-1", "Fetching:MaxAttachmentsPerPage (config/appsettings.json): -1 is out of range (0 to 50" },
        { "MaxAttachmentPages", "0", "Fetching:MaxAttachmentPages (config/appsettings.json): 0 is out of range (1 to 10000)" },
        { "AttachmentTimeout", "00:00:00", "Fetching:AttachmentTimeout (config/appsettings.json): 00:00:00 must be positive" },
        { "MaxAttachmentUnzippedBytes", "0", "Fetching:MaxAttachmentUnzippedBytes (config/appsettings.json): 0 must be positive" },
        { "MaxAttachmentEntries", "0", "Fetching:MaxAttachmentEntries (config/appsettings.json): 0 is out of range (1 to 100000)" },
    };

    public static TheoryData<string, string, string> BadSources => new()
    {
        { """{"Id":"a","Kind":"http","Url":"http://127.0.0.1/","PageUrlTemplate":"http://127.0.0.1/?page=2"}""", "Sources:0:PageUrlTemplate", "with {page} where the page number goes" },
        { """{"Id":"a","Kind":"http","Url":"http://127.0.0.1/","LinkPattern":"export("}""", "Sources:0:LinkPattern", "not a valid regular expression" },
        { """{"Id":"a","Kind":"http","Url":"http://127.0.0.1/","AttachmentPattern":"down(load"}""", "Sources:0:AttachmentPattern", "not a valid regular expression" },
        { """{"Id":"a","Kind":"http","Url":"http://127.0.0.1/","AllowedPrefixes":["ftp://x/"]}""", "Sources:0:AllowedPrefixes:0", "not an absolute http or https URL prefix" },
        { """{"Id":"a","Kind":"http","Url":"http://127.0.0.1/","Revisit":"-1.00:00:00"}""", "Sources:0:Revisit", "must not be negative" },
    };

    [Theory]
    [MemberData(nameof(BadFetching))]
    public async Task Start_BadFetchingSetting_RefusesNamingIt(string setting, string value, string expected)
    {
        ContentRootBuilder.Write(_root.Path, [], new JsonObject { ["Fetching"] = new JsonObject { [setting] = value } });

        Assert.Contains(expected, await StartFailureAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadSources))]
    public async Task Start_BadDiscoverySetting_RefusesNamingIt(string source, string setting, string problem)
    {
        ContentRootBuilder.Write(_root.Path, [JsonNode.Parse(source)]);

        var message = await StartFailureAsync();

        Assert.Contains($"{setting} (config/sources.json): ", message, StringComparison.Ordinal);
        Assert.Contains(problem, message, StringComparison.Ordinal);
    }

    private Task<string> StartFailureAsync() => StartFailure.MessageAsync(_root.Path);

    public void Dispose() => _root.Dispose();
}
