using System.Collections.Concurrent;

namespace IngestWorker.Scheduling;

/// <summary>
/// The source runs going on now and those a shutdown cut short, so the service's last line can say
/// truthfully how it stopped, and wait for the runs before saying it.
/// </summary>
internal sealed class RunsInProgress
{
    private readonly ConcurrentDictionary<string, byte> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _cutShort = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _idle = NewIdle(completed: true);

    public IReadOnlyCollection<string> Running => [.. _running.Keys];

    public IReadOnlyCollection<string> CutShort => [.. _cutShort];

    public void Started(string source)
    {
        lock (_gate)
        {
            if (_running.IsEmpty)
            {
                _idle = NewIdle(completed: false);
            }

            _running[source] = 0;
        }
    }

    public void Ended(string source, bool cutShort)
    {
        if (cutShort)
        {
            _cutShort.Enqueue(source);
        }

        lock (_gate)
        {
            _running.TryRemove(source, out _);
            if (_running.IsEmpty)
            {
                _idle.TrySetResult();
            }
        }
    }

    /// <summary>Completes when no run is going on; <paramref name="cancellationToken"/> bounds the wait (the host's stop timeout).</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            idle.SetResult();
        }

        return idle;
    }
}
