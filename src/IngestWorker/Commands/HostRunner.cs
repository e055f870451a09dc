using IngestWorker.Core.Storage;
using IngestWorker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IngestWorker.Commands;

/// <summary>Builds and runs a host, turning start-up failures into one clear message and exit code 2.</summary>
internal static class HostRunner
{
    public const int ConfigurationError = 2;

    /// <summary>Runs a host until Ctrl+C or SIGTERM.</summary>
    public static Task<int> RunServiceAsync(Func<HostApplicationBuilder> create) =>
        RunGuardedAsync(async () =>
        {
            using var host = create().Build();
            await host.RunAsync();
            return 0;
        });

    /// <summary>
    /// Starts a host (validating options and opening the store), runs one piece of work with a
    /// token that Ctrl+C or SIGTERM cancels, then stops the host cleanly.
    /// </summary>
    public static Task<int> RunWorkAsync(Func<HostApplicationBuilder> create, Func<IServiceProvider, CancellationToken, Task<int>> work) =>
        RunGuardedAsync(async () =>
        {
            using var host = create().Build();
            await host.StartAsync();
            var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            try
            {
                return await work(host.Services, lifetime.ApplicationStopping);
            }
            catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync("Stopped before the work was done; everything recorded so far is complete.");
                return 1;
            }
            finally
            {
                await host.StopAsync();
            }
        });

    private static async Task<int> RunGuardedAsync(Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (Describe(e) is { } message)
        {
            await Console.Error.WriteLineAsync(message);
            return ConfigurationError;
        }
    }

    /// <summary>A message for the failures a user can fix (one line per problem), null for the ones that are bugs.</summary>
    public static string? Describe(Exception e) => e switch
    {
        ConfigurationException c => Problems(c.Problems),
        OptionsValidationException v => Problems([.. v.Failures]),
        StoreException s => "IngestWorker cannot start: " + s.Message,
        FileNotFoundException f when f.FileName?.EndsWith(".json", StringComparison.Ordinal) == true =>
            $"IngestWorker cannot start: the configuration file '{f.FileName}' is missing (set INGESTWORKER_ROOT to the folder that holds config/)",
        // Several sections invalid at once: one message with every failure.
        AggregateException a when a.InnerExceptions.All(i => i is OptionsValidationException) =>
            Problems([.. a.InnerExceptions.Cast<OptionsValidationException>().SelectMany(v => v.Failures)]),
        AggregateException { InnerExceptions.Count: 1 } a => Describe(a.InnerException!),
        _ => null,
    };

    private static string Problems(IReadOnlyList<string> problems) => problems.Count == 1
        ? "IngestWorker cannot start: " + problems[0]
        : $"IngestWorker cannot start: {problems.Count} configuration problems:" + string.Concat(problems.Select(p => Environment.NewLine + "  " + p));
}
