using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Quartz;

namespace IngestWorker.Scheduling;

/// <summary>
/// The service works in bursts (a source run every few minutes or hours) and idles in between. A
/// burst leaves the process holding memory it no longer uses: garbage-collected heap space the
/// runtime keeps committed for the next allocations, and native allocator pages. Once no job has
/// run for <see cref="QuietPeriod"/>, this gives that memory back to the system with one compacting
/// collection and a trim of the native heap; the next burst costs a few page faults more.
/// </summary>
internal sealed partial class IdleMemoryTrimmer(TimeProvider time, ILogger<IdleMemoryTrimmer> logger) : IJobListener, IDisposable
{
    /// <summary>How long the scheduler must have been idle after a run before memory is given back.</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private int _running;
    private ITimer? _pending;
    private int _trims;

    public string Name => nameof(IdleMemoryTrimmer);

    /// <summary>How many times memory was given back (for tests and diagnostics).</summary>
    public int Trims => Volatile.Read(ref _trims);

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _running++;
            _pending?.Dispose();
            _pending = null;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        ValueTask.CompletedTask;

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (--_running == 0)
            {
                _pending?.Dispose();
                _pending = time.CreateTimer(_ => TrimIfStillIdle(), null, QuietPeriod, Timeout.InfiniteTimeSpan);
            }
        }

        return ValueTask.CompletedTask;
    }

    private void TrimIfStillIdle()
    {
        lock (_lock)
        {
            if (_running > 0 || _pending is null)
            {
                return; // a job started meanwhile: its end schedules the next attempt
            }

            _pending.Dispose();
            _pending = null;
        }

        var before = Environment.WorkingSet;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        TrimNativeHeap();
        Interlocked.Increment(ref _trims);
        LogTrimmed(logger, before / 1024 / 1024, Environment.WorkingSet / 1024 / 1024, GC.GetTotalMemory(forceFullCollection: false) / 1024);
    }

    /// <summary>glibc keeps freed native memory in its arenas; <c>malloc_trim</c> returns it. Elsewhere there is nothing to do.</summary>
    private static void TrimNativeHeap()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = NativeMethods.MallocTrim(0);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // Not glibc (musl, for one): its allocator returns memory by itself.
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _pending?.Dispose();
            _pending = null;
        }
    }

    [LoggerMessage(4020, LogLevel.Debug, "Scheduler idle: memory given back, working set {BeforeMB} MB -> {AfterMB} MB ({HeapKB} KB managed heap)", EventName = "IdleMemoryTrimmed")]
    private static partial void LogTrimmed(ILogger logger, long beforeMB, long afterMB, long heapKB);

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "malloc_trim")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int MallocTrim(nuint pad);
    }
}
