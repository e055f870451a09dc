using System.Net;
using System.Net.Sockets;
using IngestWorker.Core.Storage;
using IngestWorker.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace IngestWorker.Tests.Support;

/// <summary>The service started in the test process on a content root, and bounded waits on what it does.</summary>
public static class ServiceRuns
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public static async Task<RunningHost> StartServiceAsync(string root)
    {
        var host = ServiceHost.CreateBuilder(databaseOverride: null, contentRoot: root).ForService().Build();
        await host.StartAsync();
        return new RunningHost(host);
    }

    /// <summary>Waits until the source has finished its first run.</summary>
    public static async Task WaitForRunAsync(RunningHost host, string sourceId)
    {
        var store = host.Services.GetRequiredService<FigureStore>();
        using var deadline = new CancellationTokenSource(Patience);
        while (store.SourceState(sourceId).LastRunAt is null)
        {
            await Task.Delay(50, deadline.Token);
        }
    }

    /// <summary>A source whose streak of failures began two days ago, as the store of a service that has been failing would hold it.</summary>
    public static void SeedFailingSince(string root, string source, TimeSpan ago)
    {
        using var store = FigureStore.Open(Path.Combine(root, "data", "ingestworker.db"), TimeProvider.System);
        store.SaveSourceState(new SourceState { Id = source, ConsecutiveFailures = 5, FailingSince = TimeProvider.System.GetUtcNow().UtcDateTime - ago, LastError = "earlier" });
    }

    /// <summary>A port nothing listens on right now, on 127.0.0.1.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
