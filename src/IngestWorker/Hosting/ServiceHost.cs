using IngestWorker.Core;
using IngestWorker.Core.Fetching;
using IngestWorker.Core.Sources;
using IngestWorker.Core.Storage;
using IngestWorker.Operations;
using IngestWorker.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serilog;

namespace IngestWorker.Hosting;

/// <summary>Composes the host: configuration from <c>config/</c>, validated options, logging, the pipeline.</summary>
internal static class ServiceHost
{
    /// <summary>The configuration alone, for commands that only need settings (the database path).</summary>
    /// <exception cref="ConfigurationException">A file is not valid JSON or a value does not fit its setting.</exception>
    public static IConfigurationRoot LoadConfiguration(string contentRoot, string? databaseOverride)
    {
        var configuration = new ConfigurationManager();
        AddConfiguration(configuration, contentRoot, Environments.Production, databaseOverride);
        return configuration;
    }

    public static HostApplicationBuilder CreateBuilder(string? databaseOverride, string? contentRoot = null)
    {
        contentRoot ??= ContentRoot.Locate();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = contentRoot,
            ApplicationName = "IngestWorker",
            DisableDefaults = true,
            EnvironmentName = Environment.GetEnvironmentVariable("INGESTWORKER_ENVIRONMENT") ?? Environments.Production,
        });
        AddConfiguration(builder.Configuration, contentRoot, builder.Environment.EnvironmentName, databaseOverride);

        builder.Services.AddSystemd();
        builder.Services.Configure<HostOptions>(o =>
        {
            o.ShutdownTimeout = TimeSpan.FromSeconds(30);
            // The store opens while the services after it start (see StoreOpening); what each
            // StartAsync does before its first await still runs in registration order, and the
            // services still stop one after another in reverse order.
            o.ServicesStartConcurrently = true;
        });
        builder.Services.AddIngestionCore(builder.Configuration);
        builder.Services.AddOptions<LogOptions>().Bind(builder.Configuration.GetSection(LogOptions.SectionName));
        AddValidation(builder.Services);
        builder.Services.AddOperations(builder.Configuration);
        builder.AddLogging();
        return builder;
    }

    /// <summary>
    /// The pipeline's services without a host, for a command that reads the web but not the store
    /// (<c>sources test</c>): the same configuration, validators and registrations as
    /// <see cref="CreateBuilder"/>, and warnings only, on standard error (no log file). Nothing is
    /// started; the store is opened only if something asks for it.
    /// </summary>
    /// <exception cref="ConfigurationException">A file is not valid JSON or a value does not fit its setting.</exception>
    public static ServiceProvider CreateServices(string? databaseOverride)
    {
        var contentRoot = ContentRoot.Locate();
        var environment = Environment.GetEnvironmentVariable("INGESTWORKER_ENVIRONMENT") ?? Environments.Production;
        var configuration = new ConfigurationManager();
        AddConfiguration(configuration, contentRoot, environment, databaseOverride);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment
        {
            ApplicationName = "IngestWorker", EnvironmentName = environment, ContentRootPath = contentRoot,
            ContentRootFileProvider = new Microsoft.Extensions.FileProviders.NullFileProvider(),
        });
        services.AddMetrics();
        services.AddLogging(logging => logging.AddSerilog(new Serilog.LoggerConfiguration()
            .MinimumLevel.Warning()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}", standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateLogger(), dispose: true));
        services.AddIngestionCore(configuration);
        AddValidation(services);
        return services.BuildServiceProvider();
    }

    private static void AddConfiguration(ConfigurationManager configuration, string contentRoot, string environment, string? databaseOverride)
    {
        var folder = Path.Combine(contentRoot, ContentRoot.ConfigFolder);
        ConfigurationCheck.AddJsonFile(configuration, Path.Combine(folder, ContentRoot.SettingsFile), optional: false);
        ConfigurationCheck.AddJsonFile(configuration, Path.Combine(folder, $"appsettings.{environment}.json"), optional: true);
        ConfigurationCheck.AddJsonFile(configuration, Path.Combine(folder, ContentRoot.SourcesFile), optional: true);
        configuration.AddEnvironmentVariables("INGESTWORKER_");
        if (databaseOverride is not null)
        {
            configuration.AddInMemoryCollection([new($"{StorageOptions.SectionName}:{nameof(StorageOptions.DatabasePath)}", Path.GetFullPath(databaseOverride))]);
        }

        ConfigurationCheck.ThrowIfUnbindable(configuration);
    }

    private static void AddValidation(IServiceCollection services)
    {
        services.AddSingleton<SettingsValidators>();
        services.AddSingleton<IValidateOptions<StorageOptions>>(sp => sp.GetRequiredService<SettingsValidators>());
        services.AddSingleton<IValidateOptions<FetchOptions>>(sp => sp.GetRequiredService<SettingsValidators>());
        services.AddSingleton<IValidateOptions<LogOptions>>(sp => sp.GetRequiredService<SettingsValidators>());
        services.AddSingleton<IValidateOptions<SourcesOptions>, SourcesOptionsValidator>();
        services.AddOptions<StorageOptions>().ValidateOnStart();
        services.AddOptions<FetchOptions>().ValidateOnStart();
        services.AddOptions<LogOptions>().ValidateOnStart();
        services.AddOptions<SourcesOptions>().ValidateOnStart();

        // Opening the store at start turns an unwritable folder or a damaged file into a start-up error.
        services.AddSingleton<StoreOpening>();
        services.AddHostedService(sp => sp.GetRequiredService<StoreOpening>());
    }

    /// <summary>The service: every enabled source on its schedule until stopped.</summary>
    public static HostApplicationBuilder ForService(this HostApplicationBuilder builder)
    {
        builder.Services.AddSourceScheduling();
        builder.Services.AddHostedService<Endpoint.QueryServer>();
        builder.Services.AddHealthEndpoint();
        return builder;
    }

}
