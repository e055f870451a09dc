using IngestWorker.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace IngestWorker.Tests.Scheduling;

/// <summary>
/// The trimmer as the service registers it, on a real, running Quartz scheduler whose jobs are
/// held and released by the test; only the quiet period's clock is fake.
/// </summary>
public sealed class IdleMemoryTrimmerTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly Captured _log = new();
    private ServiceProvider _services = null!;
    private IScheduler _scheduler = null!;
    private IdleMemoryTrimmer _trimmer = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(_log));
        services.AddSingleton(_log);
        // The fake clock for the trimmer only: Quartz takes a TimeProvider from the container, and it must fire on real time.
        services.AddSingleton(sp => new IdleMemoryTrimmer(_time, sp.GetRequiredService<ILogger<IdleMemoryTrimmer>>()));
        services.AddQuartz(quartz =>
        {
            quartz.AddJobListener(sp => sp.GetRequiredService<IdleMemoryTrimmer>());
            quartz.AddJobListener(sp => sp.GetRequiredService<Captured>()); // after the trimmer: "executed" means the trimmer saw it
        });
        _services = services.BuildServiceProvider();
        _trimmer = _services.GetRequiredService<IdleMemoryTrimmer>();
        _scheduler = await _services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await _scheduler.Start();
    }

    [Fact]
    public async Task AfterARun_MemoryIsGivenBackOnceTheQuietPeriodHasPassed_AndLoggedAtDebug()
    {
        var run = await RunAsync("a");
        run.Release();
        await _log.ExecutedAsync(1);

        _time.Advance(IdleMemoryTrimmer.QuietPeriod - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, _trimmer.Trims);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, _trimmer.Trims);
        Assert.Contains(_log.Entries, e => e is { EventId.Name: "IdleMemoryTrimmed", Level: LogLevel.Debug });

        _time.Advance(IdleMemoryTrimmer.QuietPeriod * 10);
        Assert.Equal(1, _trimmer.Trims); // once per burst, not periodically
    }

    [Fact]
    public async Task ARunStartingWithinTheQuietPeriod_PostponesTheTrimUntilItHasEnded()
    {
        var first = await RunAsync("a");
        first.Release();
        await _log.ExecutedAsync(1);
        _time.Advance(IdleMemoryTrimmer.QuietPeriod / 2);

        var second = await RunAsync("b");
        _time.Advance(IdleMemoryTrimmer.QuietPeriod * 2);
        Assert.Equal(0, _trimmer.Trims);

        second.Release();
        await _log.ExecutedAsync(1);
        Assert.Equal(0, _trimmer.Trims);
        _time.Advance(IdleMemoryTrimmer.QuietPeriod);
        Assert.Equal(1, _trimmer.Trims);
    }

    /// <summary>Fires a held job now and returns once it is running.</summary>
    private async Task<HeldJob.Handle> RunAsync(string name)
    {
        var handle = new HeldJob.Handle();
        var job = JobBuilder.Create<HeldJob>().WithIdentity(name).UsingJobData(new JobDataMap { [HeldJob.HandleKey] = handle }).Build();
        await _scheduler.ScheduleJob(job, TriggerBuilder.Create().StartNow().Build());
        await handle.Started.Task.WaitAsync(Patience);
        return handle;
    }

    public async Task DisposeAsync()
    {
        await _scheduler.Shutdown(waitForJobsToComplete: false);
        await _services.DisposeAsync();
    }

    private sealed class HeldJob : IJob
    {
        public const string HandleKey = "handle";

        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            var handle = (Handle)context.MergedJobDataMap[HandleKey]!;
            handle.Started.TrySetResult();
            await handle.Released.Task.WaitAsync(Patience, cancellationToken);
        }

        public sealed class Handle
        {
            public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public void Release() => Released.TrySetResult();
        }
    }

    /// <summary>The log entries, and a job listener counting the runs the scheduler finished.</summary>
    private sealed class Captured : ILoggerProvider, ILogger, IJobListener
    {
        private readonly SemaphoreSlim _executed = new(0);

        public List<(EventId EventId, LogLevel Level)> Entries { get; } = [];

        public string Name => "captured";

        public async Task ExecutedAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                Assert.True(await _executed.WaitAsync(Patience), "the job did not finish");
            }
        }

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            _executed.Release();
            return ValueTask.CompletedTask;
        }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((eventId, logLevel));
            }
        }

        public void Dispose() => _executed.Dispose();
    }
}
