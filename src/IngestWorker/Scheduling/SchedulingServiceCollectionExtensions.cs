using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace IngestWorker.Scheduling;

internal static class SchedulingServiceCollectionExtensions
{
    /// <summary>Quartz in the host, waiting for running jobs at shutdown, and the per-source schedule.</summary>
    public static IServiceCollection AddSourceScheduling(this IServiceCollection services)
    {
        services.AddQuartz(quartz =>
        {
            quartz.UseDefaultThreadPool(4);
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
