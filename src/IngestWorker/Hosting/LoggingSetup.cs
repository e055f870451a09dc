using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace IngestWorker.Hosting;

/// <summary>Serilog: the console for people, a rolling file with retention, optional compact JSON lines for shippers.</summary>
internal static class LoggingSetup
{
    private const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";
    private const string FileTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {EventId.Name} {Message:lj} {Properties:j}{NewLine}{Exception}";

    public static void AddLogging(this HostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog((services, configuration) =>
        {
            var options = services.GetRequiredService<IOptions<LogOptions>>().Value;
            var root = services.GetRequiredService<IHostEnvironment>().ContentRootPath;
            configuration
                .MinimumLevel.Is(options.MinimumLevel)
                .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
                .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
                .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
                .Enrich.FromLogContext()
                // The host logs a failed start with its stack trace; a failure the user can fix is
                // told once, in one line, by the command that met it.
                .Filter.ByExcluding(e => e.Exception is { } failure && Commands.HostRunner.Describe(failure) is not null);
            if (JournalConsoleFormatter.UnderSystemd)
            {
                configuration.WriteTo.Console(new JournalConsoleFormatter());
            }
            else
            {
                configuration.WriteTo.Console(outputTemplate: ConsoleTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }

            if (string.IsNullOrWhiteSpace(options.Folder))
            {
                return;
            }

            var folder = Path.GetFullPath(options.Folder, root);
            configuration.WriteTo.File(
                Path.Combine(folder, "ingestworker-.log"),
                outputTemplate: FileTemplate,
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: options.RetainedFiles,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            if (options.JsonLines)
            {
                configuration.WriteTo.File(
                    new CompactJsonFormatter(),
                    Path.Combine(folder, "ingestworker-.jsonl"),
                    rollingInterval: RollingInterval.Day,
                    retainedFileCountLimit: options.RetainedFiles);
            }
        });
    }
}
