using IngestWorker.Core.Fetching;
using IngestWorker.Core.Ingestion;
using IngestWorker.Core.Sources;
using IngestWorker.Core.Storage;
using IngestWorker.Core.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Core.Tests.Fetching;

/// <summary>
/// The Core services as the host composes them (named client, resilience, robots, throttle, store
/// on a temp file), with settings that keep tests fast: tiny retry delays, no host interval.
/// </summary>
public sealed class FetchHarness : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ServiceProvider _services;

    public FetchHarness(IDictionary<string, string?>? settings = null, TimeProvider? time = null, GuardedConnector? connector = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Fetching:Timeout"] = "00:00:05",
            ["Fetching:TotalTimeout"] = "00:00:20",
            ["Fetching:MaxRetries"] = "2",
            ["Fetching:RetryDelay"] = "00:00:00.010",
            ["Fetching:MaxRetryDelay"] = "00:00:05",
            ["Fetching:HostInterval"] = "00:00:00",
            ["Storage:DatabasePath"] = _folder.File("test.db"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Log));
        collection.AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = _folder.Path, EnvironmentName = "Test" });
        collection.AddIngestionCore(configuration);
        if (time is not null)
        {
            collection.AddSingleton(time);
        }

        if (connector is not null)
        {
            collection.AddSingleton(connector);
        }

        _services = collection.BuildServiceProvider();
    }

    public LogCapture Log { get; } = new();

    public HttpFetcher Fetcher => _services.GetRequiredService<HttpFetcher>();

    public HttpSource Source => _services.GetServices<IBulletinSource>().OfType<HttpSource>().Single();

    public FigureStore Store => _services.GetRequiredService<FigureStore>();

    public IngestionPipeline Pipeline => _services.GetRequiredService<IngestionPipeline>();

    /// <summary>GETs <paramref name="url"/> as a source configured with that URL alone (or with <paramref name="reach"/>) would.</summary>
    public Task<FetchedDocument> GetAsync(Uri url, string? etag = null, Reach? reach = null) =>
        Fetcher.GetAsync(url, reach ?? Reach.Of(url), etag, lastModified: null, CancellationToken.None);

    public void Dispose()
    {
        _services.Dispose();
        _folder.Dispose();
    }
}
