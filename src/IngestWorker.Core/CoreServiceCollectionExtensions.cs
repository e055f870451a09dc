using IngestWorker.Core.Fetching;
using IngestWorker.Core.Ingestion;
using IngestWorker.Core.Sources;
using IngestWorker.Core.Storage;
using IngestWorker.Extraction;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

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
        services.AddSingleton<FigureExtractor>();
        services.AddHttpClient(HttpFetcher.ClientName, (sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<FetchOptions>>().Value;
                client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", options.UserAgent);
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                MaxAutomaticRedirections = sp.GetRequiredService<IOptions<FetchOptions>>().Value.MaxRedirects,
                UseCookies = false,
            });
        services.AddSingleton<HttpFetcher>();
        services.AddSingleton<IBulletinSource, FolderSource>();
        services.AddSingleton<IBulletinSource, HttpSource>();
        services.AddSingleton<OutcomeLogger>();
        services.AddSingleton<IngestionPipeline>();
        services.AddSingleton<Reprocessor>();
        return services;
    }
}
