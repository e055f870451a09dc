using System.Text.Json.Nodes;
using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.Scheduling;

/// <summary>SIGTERM during a run: the run's token is cancelled, and the log says the run was cut short.</summary>
public sealed class ShutdownTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempFolder _root = new();
    private TestSite _site = null!;

    public async Task InitializeAsync() => _site = await TestSite.StartAsync(ContentRootBuilder.Corpus);

    [Fact]
    public async Task Sigterm_DuringASlowFetch_CancelsTheFetchAndSaysTheRunWasCutShort()
    {
        var slow = _site.Hang("/slow.html");
        // Timeouts far beyond the test's patience: only the shutdown can end this fetch.
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.Source("slow", "http", ("Url", _site.Url("slow.html").AbsoluteUri), ("Shape", "page"))],
            new JsonObject { ["Fetching"] = new JsonObject { ["Timeout"] = "00:10:00", ["TotalTimeout"] = "00:30:00", ["HostInterval"] = "00:00:00" } });
        using var service = CliSession.Start(_root.Path, "run");
        await slow.Arrived.Task.WaitAsync(Patience);

        await service.InterruptAsync();

        // The server saw its client give up: the fetch was cancelled, not left to time out.
        await slow.Abandoned.Task.WaitAsync(Patience);
        Assert.Contains(service.Lines, l => l.Contains("Source slow run cut short by shutdown after 1 documents", StringComparison.Ordinal));
        var last = service.Lines.Last(l => l.Contains("IngestWorker stopped", StringComparison.Ordinal));
        Assert.Contains("IngestWorker stopped; the runs of slow were cut short and are redone on their next run", last, StringComparison.Ordinal);
        Assert.DoesNotContain(service.Lines, l => l.Contains("Source slow run:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sigterm_WhileIdle_SaysNoRunWasCutShort()
    {
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.Source("feed", "http", ("Url", _site.Url("site/feed.xml").AbsoluteUri))]);
        using var service = CliSession.Start(_root.Path, "run");
        await service.WaitForLineAsync(l => l.Contains("Source feed run:", StringComparison.Ordinal));

        await service.InterruptAsync();

        Assert.Contains(service.Lines, l => l.Contains("IngestWorker stopped; no run was cut short", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        _root.Dispose();
    }
}
