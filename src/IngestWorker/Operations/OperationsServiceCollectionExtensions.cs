using System.Runtime.CompilerServices;
using IngestWorker.Core.Ingestion;
using IngestWorker.Core.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace IngestWorker.Operations;

internal static class OperationsServiceCollectionExtensions
{
    /// <summary>Metrics, notifications and health checks, bound to their sections and validated at start.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.TryAddSingleton<IngestionMetrics>();
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>>(sp => sp.GetRequiredService<OperationsValidators>());
        AddMetricsExport(services, configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new MetricsOptions());

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

    /// <summary>OpenTelemetry only when an endpoint is configured: otherwise none of it is loaded.</summary>
    private static void AddMetricsExport(IServiceCollection services, MetricsOptions options)
    {
        if (!Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var endpoint) || options.ExportInterval <= TimeSpan.Zero)
        {
            return; // none configured, or invalid: the validator names the setting at start
        }

        AddOtlpExport(services, options, endpoint);
    }

    /// <summary>A method of its own: compiling the one above must not load OpenTelemetry's assemblies.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddOtlpExport(IServiceCollection services, MetricsOptions options, Uri endpoint)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(IngestionMetrics.MeterName)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = endpoint;
                exporter.Protocol = options.OtlpProtocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.ExportInterval.TotalMilliseconds;
            }));
    }

    /// <summary>The service's optional <c>/health</c> endpoint on 127.0.0.1.</summary>
    public static IServiceCollection AddHealthEndpoint(this IServiceCollection services) =>
        services.AddHostedService<HealthEndpoint>();
}
