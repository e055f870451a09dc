using IngestWorker.Core.Sources;
using IngestWorker.Core.Storage;
using IngestWorker.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace IngestWorker.Scheduling;

/// <summary>
/// Puts one job per enabled source on the scheduler, with its cron trigger in its time zone and a
/// start-up run unless disabled. Runs after options validation, so every schedule here is valid.
/// </summary>
/// <remarks>
/// The start-up runs are spread <see cref="StartupSpacing"/> apart in the order of sources.json
/// instead of all firing at once: the first source's figures come without waiting for every other
/// source's connections, and a start is not a burst against every host. The store's first
/// checkpoint is one interval after the start (there is nothing to fold into the file before).
/// </remarks>
internal sealed partial class SourceScheduler(
    ISchedulerFactory schedulers,
    IOptions<SourcesOptions> sources,
    IOptions<StorageOptions> storage,
    StoreOpening store,
    RunsInProgress runs,
    TimeProvider time,
    ILogger<SourceScheduler> logger) : IHostedService
{
    public const string Group = "sources";

    /// <summary>How far apart the start-up runs of the sources begin.</summary>
    public static readonly TimeSpan StartupSpacing = TimeSpan.FromSeconds(1);

    /// <summary>The name of the trigger of a source's <paramref name="index"/>th schedule (0: <see cref="SourceDefinition.Schedule"/>).</summary>
    public static string ScheduleTrigger(string sourceId, int index) => index == 0 ? sourceId + "-schedule" : $"{sourceId}-schedule-{index + 1}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var now = time.GetUtcNow();
        var startupRuns = 0;
        foreach (var source in sources.Value.Items.Where(s => s.Enabled))
        {
            var job = JobBuilder.Create<SourceJob>()
                .WithIdentity(source.Id, Group)
                .UsingJobData(SourceJob.SourceIdKey, source.Id)
                .StoreDurably()
                .Build();
            var zone = TimeZoneInfo.FindSystemTimeZoneById(source.TimeZone);
            var triggers = source.AllSchedules.Select((schedule, i) => TriggerBuilder.Create()
                .WithIdentity(ScheduleTrigger(source.Id, i), Group)
                .ForJob(job)
                .WithCronSchedule(schedule, cron => cron.InTimeZone(zone))
                .Build()).ToList();
            var next = triggers.Select(t => t.GetFireTimeAfter(null)).Min();
            if (source.RunAtStartup)
            {
                triggers.Add(TriggerBuilder.Create()
                    .WithIdentity(source.Id + "-startup", Group)
                    .ForJob(job)
                    .StartAt(now + (startupRuns++ * StartupSpacing))
                    .Build());
            }

            await scheduler.ScheduleJob(job, triggers, new ScheduleJobOptions { Replace = true }, cancellationToken);
            LogScheduled(logger, source.Id, source.Kind, string.Join("' and '", source.AllSchedules), source.TimeZone, next?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "never");
        }

        var checkpoint = JobBuilder.Create<CheckpointJob>().WithIdentity(CheckpointJob.Key).StoreDurably().Build();
        var every = TriggerBuilder.Create()
            .WithIdentity("checkpoint", "store")
            .ForJob(checkpoint)
            .StartAt(now + storage.Value.CheckpointInterval)
            .WithSimpleSchedule(s => s.WithInterval(storage.Value.CheckpointInterval).RepeatForever())
            .Build();
        await scheduler.ScheduleJob(checkpoint, [every], new ScheduleJobOptions { Replace = true }, cancellationToken);
        // Scheduled while the store opens; nothing fires before the host has started, so before it is open.
        if (await store.WaitAsync() is { } opened)
        {
            LogStarted(logger, opened.Path, sources.Value.Items.Count(s => s.Enabled));
        }
    }

    /// <summary>
    /// Runs after Quartz has stopped (hosted services stop in reverse order). The host's stopping has
    /// cancelled every run; a run still going (a write finishing) is waited for within the stop timeout,
    /// so nothing is recorded after the last line, which says how the runs ended.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await runs.WhenIdleAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (runs.Running is { Count: > 0 } running)
        {
            LogStoppedWhileRunning(logger, string.Join(", ", running));
        }
        else if (runs.CutShort is { Count: > 0 } cut)
        {
            LogStoppedCuttingShort(logger, string.Join(", ", cut.Distinct(StringComparer.Ordinal)));
        }
        else
        {
            LogStopped(logger);
        }
    }

    [LoggerMessage(4011, LogLevel.Information, "IngestWorker started: database {DatabasePath}, {SourceCount} enabled sources; Ctrl+C or SIGTERM stops it", EventName = "ServiceStarted")]
    private static partial void LogStarted(ILogger logger, string databasePath, int sourceCount);

    [LoggerMessage(4012, LogLevel.Information, "IngestWorker stopped; no run was cut short", EventName = "ServiceStopped")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(4013, LogLevel.Warning, "IngestWorker stopped; the runs of {Sources} were cut short and are redone on their next run", EventName = "ServiceStoppedRunsCutShort")]
    private static partial void LogStoppedCuttingShort(ILogger logger, string sources);

    [LoggerMessage(4014, LogLevel.Warning, "IngestWorker stopped while the runs of {Sources} were still going (the stop timeout ran out); they are redone on their next run", EventName = "ServiceStoppedRunsGoing")]
    private static partial void LogStoppedWhileRunning(ILogger logger, string sources);

    [LoggerMessage(4010, LogLevel.Information, "Source {Source} ({Kind}) scheduled '{Schedule}' in {TimeZone}; next run {NextRun}", EventName = "SourceScheduled")]
    private static partial void LogScheduled(ILogger logger, string source, string kind, string schedule, string timeZone, string nextRun);
}
