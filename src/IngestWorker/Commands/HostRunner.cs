using IngestWorker.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IngestWorker.Commands;

/// <summary>Builds and runs a host, turning start-up failures into one clear message and exit code 2.</summary>
internal static class HostRunner
{
    public const int ConfigurationError = 2;

    public static async Task<int> RunAsync(Func<HostApplicationBuilder> create, Func<IHost, int> exitCode)
    {
        try
        {
            using var host = create().Build();
            await host.StartAsync();
            await host.WaitForShutdownAsync();
            return exitCode(host);
        }
        catch (Exception e) when (Describe(e) is { } message)
        {
            await Console.Error.WriteLineAsync(message);
            return ConfigurationError;
        }
    }

    /// <summary>A message for the failures a user can fix, null for the ones that are bugs.</summary>
    public static string? Describe(Exception e) => e switch
    {
        OptionsValidationException v => "IngestWorker cannot start: the configuration is not valid.\n  " + string.Join("\n  ", v.Failures),
        StoreException s => "IngestWorker cannot start: " + s.Message,
        InvalidDataException d => "IngestWorker cannot start: a configuration file is not valid JSON: " + (d.InnerException?.Message ?? d.Message),
        FileNotFoundException f when f.FileName?.EndsWith(".json", StringComparison.Ordinal) == true =>
            $"IngestWorker cannot start: the configuration file '{f.FileName}' is missing (set INGESTWORKER_ROOT to the folder that holds config/)",
        AggregateException { InnerExceptions.Count: 1 } a => Describe(a.InnerException!),
        _ => null,
    };
}
