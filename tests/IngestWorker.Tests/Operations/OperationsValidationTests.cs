using System.Text.Json.Nodes;
using IngestWorker.Commands;
using IngestWorker.Hosting;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.Hosting;

namespace IngestWorker.Tests.Operations;

/// <summary>Bad Health and Notifications settings stop the service at start, each named with its file.</summary>
public sealed class OperationsValidationTests : IDisposable
{
    private readonly TempFolder _root = new();

    [Fact]
    public async Task Start_BadOperationsSettings_ReportsEveryOneNamingTheFile()
    {
        ContentRootBuilder.Write(_root.Path, [], new JsonObject
        {
            ["Health"] = new JsonObject { ["HttpPort"] = 70000, ["UnhealthyAfter"] = "00:00:00" },
            ["Notifications"] = new JsonObject
            {
                ["RetryDelay"] = "-00:00:01",
                ["Webhooks"] = new JsonArray(new JsonObject { ["Url"] = "ftp://127.0.0.1/", ["Format"] = "xml" }),
            },
            ["Metrics"] = new JsonObject { ["OtlpEndpoint"] = "collector:4318", ["OtlpProtocol"] = "udp" },
        });

        var message = await StartFailure.MessageAsync(_root.Path);

        foreach (var expected in new[]
        {
            "Health:HttpPort (config/appsettings.json): 70000 is not a port",
            "Health:UnhealthyAfter (config/appsettings.json): 00:00:00 must be positive",
            "Notifications:RetryDelay (config/appsettings.json): -00:00:01 must be positive",
            "Notifications:Webhooks:0:Url (config/appsettings.json): 'ftp://127.0.0.1/' is not an absolute http or https URL",
            "Notifications:Webhooks:0:Format (config/appsettings.json): 'xml' is not a format",
            "Metrics:OtlpEndpoint (config/appsettings.json): 'collector:4318' is not an absolute http or https URL",
            "Metrics:OtlpProtocol (config/appsettings.json): 'udp' is not a protocol",
        })
        {
            Assert.Contains(expected, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Start_HealthPortTaken_RefusesNamingTheSetting()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        ContentRootBuilder.Write(_root.Path, [], new JsonObject { ["Health"] = new JsonObject { ["HttpPort"] = port } });

        var message = await StartFailure.MessageAsync(_root.Path);

        Assert.Contains($"Health:HttpPort (config/appsettings.json): cannot listen on 127.0.0.1:{port}", message, StringComparison.Ordinal);
    }

    public void Dispose() => _root.Dispose();
}
