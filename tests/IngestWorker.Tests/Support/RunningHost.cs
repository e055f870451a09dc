using Microsoft.Extensions.Hosting;

namespace IngestWorker.Tests.Support;

/// <summary>A started host that is stopped gracefully (jobs finish) and then disposed.</summary>
public sealed class RunningHost(IHost host) : IAsyncDisposable
{
    public IServiceProvider Services => host.Services;

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
