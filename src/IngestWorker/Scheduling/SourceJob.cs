using IngestWorker.Core.Ingestion;
using IngestWorker.Core.Sources;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace IngestWorker.Scheduling;

/// <summary>
/// The Quartz job of one source: a thin adapter around the pipeline. One JobDetail per source,
/// so a slow run of one source never overlaps itself and never holds up the others.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class SourceJob(
    IngestionPipeline pipeline,
    IOptions<SourcesOptions> sources,
    IHostApplicationLifetime lifetime,
    RunsInProgress runs,
    ILogger<SourceJob> logger) : IJob
{
    public const string SourceIdKey = "sourceId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = context.MergedJobDataMap.GetString(SourceIdKey) ?? "";
        var source = sources.Value.Find(id);
        if (source is null)
        {
            LogUnknownSource(logger, id);
            return;
        }

        // Quartz cancels a job's token only when the job is interrupted, not when the scheduler shuts
        // down: the host's stopping is what ends a run, so a slow fetch never outlives the stop timeout.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var cutShort = false;
        runs.Started(id);
        try
        {
            // The start-up trigger fires once; the next attempt a person can wait for is the schedules' soonest.
            DateTimeOffset? next = null;
            for (var i = 0; i <= source.ExtraSchedules.Count; i++)
            {
                var trigger = await context.Scheduler.GetTrigger(new TriggerKey(SourceScheduler.ScheduleTrigger(source.Id, i), SourceScheduler.Group), stopping.Token);
                next = trigger?.NextFireTimeUtc is { } at && (next is null || at < next) ? at : next;
            }

            await pipeline.RunAsync(source, next ?? context.NextFireTimeUtc, stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            cutShort = true;
        }
#pragma warning disable CA1031 // A job must never take the scheduler down; the pipeline already records its failures.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogCrashed(logger, e, id);
        }
        finally
        {
            runs.Ended(id, cutShort);
        }
    }

    [LoggerMessage(4101, LogLevel.Error, "Source {Source} is not configured; its job does nothing", EventName = "UnknownSource")]
    private static partial void LogUnknownSource(ILogger logger, string source);

    [LoggerMessage(4103, LogLevel.Error, "Run of source {Source} crashed", EventName = "RunCrashed")]
    private static partial void LogCrashed(ILogger logger, Exception exception, string source);
}
