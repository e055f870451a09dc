using System.Net;
using System.Net.Sockets;
using IngestWorker.Core.Sources;
using IngestWorker.Core.Tests.Fetching;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Core.Tests.Sources;

/// <summary>A source whose server is gone: one warning per run with reason, count and next attempt; its state recorded.</summary>
public sealed class SourceFailureTests
{
    [Fact]
    public async Task Run_ServerGone_OneWarningPerRunNamingReasonCountAndNextAttempt()
    {
        using var harness = new FetchHarness();
        var source = new SourceDefinition { Id = "gone", Kind = "http", Url = $"http://127.0.0.1:{ClosedPort()}/board", Shape = "listing" };
        var next = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

        await harness.Pipeline.RunAsync(source, next, CancellationToken.None);
        var second = await harness.Pipeline.RunAsync(source, next, CancellationToken.None);

        var warnings = harness.Log.Lines.Where(l => l.Level >= LogLevel.Warning).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Equal(1004, w.Event.Id));
        Assert.Contains("Source gone failed (2 in a row): GET http://127.0.0.1:", warnings[1].Message, StringComparison.Ordinal);
        Assert.EndsWith("; next attempt 2026-12-01 00:00 UTC", warnings[1].Message, StringComparison.Ordinal);
        var state = harness.Store.SourceState("gone");
        Assert.Equal((2, second.Error), (state.ConsecutiveFailures, state.LastError));
        Assert.Null(state.LastSuccessAt);
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
