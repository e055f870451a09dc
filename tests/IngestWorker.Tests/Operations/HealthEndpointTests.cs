using System.Net;
using System.Text.Json.Nodes;
using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.Operations;

/// <summary>The optional <c>/health</c> endpoint of a real service, on 127.0.0.1.</summary>
public sealed class HealthEndpointTests : IDisposable
{
    private readonly TempFolder _root = new();

    [Fact]
    public async Task Get_HealthyService_Answers200WithTheReport()
    {
        var port = ServiceRuns.FreePort();
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.Source("empty", "folder", ("Folder", _root.Path), ("Patterns", new JsonArray("*.none")))],
            new JsonObject { ["Health"] = new JsonObject { ["HttpPort"] = port } });
        await using var host = await ServiceRuns.StartServiceAsync(_root.Path);
        await ServiceRuns.WaitForRunAsync(host, "empty");
        using var client = new HttpClient();

        using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var report = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Healthy", (string?)report["status"]);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"http://127.0.0.1:{port}/other"))).StatusCode);
    }

    [Fact]
    public async Task Get_SourceFailing_Answers503NamingIt()
    {
        var port = ServiceRuns.FreePort();
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.Source("broken", "folder", ("Folder", "missing"))],
            new JsonObject { ["Health"] = new JsonObject { ["HttpPort"] = port } });
        ServiceRuns.SeedFailingSince(_root.Path, "broken", TimeSpan.FromDays(2));
        await using var host = await ServiceRuns.StartServiceAsync(_root.Path);
        await ServiceRuns.WaitForRunAsync(host, "broken");
        using var client = new HttpClient();

        using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var report = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Unhealthy", (string?)report["status"]);
        Assert.Contains("source broken failed 6 runs in a row, no success for 2 days", report.ToJsonString(), StringComparison.Ordinal);
    }

    public void Dispose() => _root.Dispose();
}
