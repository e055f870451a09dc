using IngestWorker.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IngestWorker.Hosting;

/// <summary>
/// Opens the store when the host starts, so that an unwritable folder or a damaged file is a
/// start-up error. The opening (LiteDB reads the file and builds its mappers: the slowest step of a
/// start) runs on a worker thread while the hosted services after this one start, the host
/// starting them side by side (<see cref="HostOptions.ServicesStartConcurrently"/>); the host's
/// start still ends only once the store is open, and fails with what opening it threw.
/// </summary>
internal sealed class StoreOpening(IServiceProvider services) : IHostedService
{
    private Task<FigureStore>? _opened;

    /// <summary>The open store; faulted with what opening threw. Only once the host is starting.</summary>
    public Task<FigureStore> Opened => _opened ?? throw new InvalidOperationException("The host has not started.");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _opened = Task.Run(services.GetRequiredService<FigureStore>, CancellationToken.None);
        return _opened;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Waits for the opening; null when it failed (the host's start reports that failure, once).</summary>
    public async Task<FigureStore?> WaitAsync()
    {
        var opened = Opened;
        await ((Task)opened).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return opened.IsCompletedSuccessfully ? opened.Result : null;
    }
}
