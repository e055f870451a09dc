using IngestWorker.Core.Ingestion;
using IngestWorker.Core.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IngestWorker.Operations;

internal static class OperationsServiceCollectionExtensions
{
    /// <summary>Metrics, notifications and health checks, bound to their sections and validated at start.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.TryAddSingleton<IngestionMetrics>();

        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.SectionName)).ValidateOnStart();
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<OperationsValidators>();
        services.AddSingleton<IValidateOptions<HealthOptions>>(sp => sp.GetRequiredService<OperationsValidators>());
        services.AddSingleton<IValidateOptions<NotificationOptions>>(sp => sp.GetRequiredService<OperationsValidators>());

        services.AddSingleton<NotificationInbox>();
        services.AddSingleton<IFigureObserver>(sp => sp.GetRequiredService<NotificationInbox>());
        services.AddHttpClient(NotificationDispatcher.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });
        services.AddHostedService<NotificationDispatcher>();

        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>(StoreHealthCheck.Name)
            .AddCheck<SourcesHealthCheck>(SourcesHealthCheck.Name);
        return services;
    }

    /// <summary>The service's optional <c>/health</c> endpoint on 127.0.0.1.</summary>
    public static IServiceCollection AddHealthEndpoint(this IServiceCollection services) =>
        services.AddHostedService<HealthEndpoint>();
}
