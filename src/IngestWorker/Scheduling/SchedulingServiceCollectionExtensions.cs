using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace IngestWorker.Scheduling;

internal static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Quartz in the host, waiting for running jobs at shutdown, the per-source schedule, and the
    /// memory of each burst of runs given back once the scheduler is idle.
    /// </summary>
    public static IServiceCollection AddSourceScheduling(this IServiceCollection services)
    {
        services.AddSingleton<IdleMemoryTrimmer>();
        services.AddSingleton<RunsInProgress>();
        services.AddQuartz(quartz =>
        {
            quartz.UseDefaultThreadPool(4);
            quartz.AddJobListener(sp => sp.GetRequiredService<IdleMemoryTrimmer>());
        });
        services.AddHostedService<SourceScheduler>();
        services.AddQuartzHostedService(options =>
        {
            options.WaitForJobsToComplete = true;
            options.AwaitApplicationStarted = true;
        });
        return services;
    }
}
