using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.Commands;

/// <summary>
/// The executable with a source whose server is gone (a closed port on 127.0.0.1, the nearest
/// this machine has to the real publishers it cannot reach): one warning per run naming the
/// source, the reason and the count, a bounded run, and the other sources unaffected.
/// </summary>
public sealed class UnreachableSourceEndToEndTests : IDisposable
{
    private readonly TempFolder _root = new();

    [Fact]
    public async Task Once_TwiceWithADeadSource_OneWarningPerRunAndTheOtherSourceStillRuns()
    {
        var dead = $"http://127.0.0.1:{ClosedPort()}/board";
        Directory.CreateDirectory(_root.File("empty"));
        ContentRootBuilder.Write(_root.Path,
            [
                ContentRootBuilder.Source("dead", "http", ("Url", dead), ("Shape", "listing")),
                ContentRootBuilder.Source("local", "folder", ("Folder", "empty")),
            ],
            new JsonObject { ["Fetching"] = new JsonObject { ["RetryDelay"] = "00:00:00.010", ["MaxRetries"] = 2 } });

        var first = await RunAsync("once");
        var second = await RunAsync("once");

        Assert.Equal((1, 1), (first.ExitCode, second.ExitCode));
        var warning = Assert.Single(Warnings(first.Output));
        Assert.Contains($"Source dead failed (1 in a row): GET {dead} failed: Connection refused", warning, StringComparison.Ordinal);
        Assert.Contains("Source dead failed (2 in a row)", Assert.Single(Warnings(second.Output)), StringComparison.Ordinal);
        Assert.Contains("Source local run: 0 documents", first.Output, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Warnings(string output) =>
        output.Split('\n').Where(l => l.Contains(" WRN]", StringComparison.Ordinal) || l.Contains(" ERR]", StringComparison.Ordinal));

    /// <summary>A port nothing listens on: taken from the system, then released.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var result = await CliProcess.RunAsync(_root.Path, arguments);
        return (result.ExitCode, result.Output + result.Error);
    }

    public void Dispose() => _root.Dispose();
}
