using IngestWorker.Core.Attachments;
using IngestWorker.Core.Fetching;
using IngestWorker.Core.Ingestion;
using IngestWorker.Core.Sources;
using IngestWorker.Core.Storage;
using IngestWorker.Extraction;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly.Telemetry;

namespace IngestWorker.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Sources, fetching, the store and the pipeline, bound to their configuration sections.</summary>
    public static IServiceCollection AddIngestionCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName));
        services.AddOptions<FetchOptions>().Bind(configuration.GetSection(FetchOptions.SectionName));
        services.AddOptions<SourcesOptions>().Configure(o =>
            o.Items = configuration.GetSection(SourcesOptions.SectionName).Get<List<SourceDefinition>>() ?? []);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var root = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
            return FigureStore.Open(Path.GetFullPath(options.DatabasePath, root), sp.GetRequiredService<TimeProvider>(), options.Password);
        });
        // For what can work without the store (HttpSource's listing and fetches): opened on first use.
        services.AddSingleton(sp => new Lazy<FigureStore>(sp.GetRequiredService<FigureStore>));
        services.AddSingleton<FigureExtractor>();
        services.AddSingleton<RobotsCache>();
        services.AddSingleton<HostThrottle>();
        services.AddTransient<ThrottlingHandler>();
        services.AddSingleton<GuardedConnector>();
        // Polly reports every retry as a warning; the pipeline reports a failing source once per run
        // instead, and the fetcher logs each retry at Debug.
        services.Configure<TelemetryOptions>(o => o.SeverityProvider = _ => ResilienceEventSeverity.Debug);
        var bulletins = services.AddHttpClient(HttpFetcher.ClientName, (sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<FetchOptions>>().Value;
                client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", options.UserAgent);
                // Timeouts are the resilience pipeline's and the fetcher's, which say which one ran out.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                // The fetcher follows redirects itself, so each hop is checked, throttled and counted.
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectCallback = sp.GetRequiredService<GuardedConnector>().ConnectAsync,
            });
        bulletins.AddResilienceHandler("bulletins", FetchResilience.Configure).SelectPipelineByAuthority();
        // Added after the resilience handler, so it sits inside it: every attempt waits its turn.
        bulletins.AddHttpMessageHandler<ThrottlingHandler>();
        services.AddSingleton<HttpFetcher>();
        services.AddSingleton<IBulletinSource, FolderSource>();
        services.AddSingleton<IBulletinSource, HttpSource>();
        services.AddSingleton<AttachmentReader>();
        services.AddSingleton<OutcomeLogger>();
        services.AddSingleton<IngestionPipeline>();
        services.AddSingleton<Reprocessor>();
        return services;
    }
}
