using IngestWorker.Core.Storage;
using IngestWorker.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IngestWorker.Commands;

/// <summary>Builds and runs a host, turning start-up failures into one clear message and exit code 2.</summary>
internal static class HostRunner
{
    public const int ConfigurationError = 2;

    /// <summary>Runs a host until Ctrl+C or SIGTERM.</summary>
    public static Task<int> RunServiceAsync(string? db, Func<HostApplicationBuilder> create) =>
        RunGuardedAsync(async () =>
        {
            if (RefusedWhileServiceRuns(db, "run") is { } refused)
            {
                return refused;
            }

            using var host = create().Build();
            await host.RunAsync();
            return 0;
        });

    /// <summary>
    /// Starts a host (validating options and opening the store), runs one piece of work with a
    /// token that Ctrl+C or SIGTERM cancels, then stops the host cleanly.
    /// </summary>
    /// <param name="name">The command, for the message when the service holds the database.</param>
    public static Task<int> RunWorkAsync(string name, string? db, Func<HostApplicationBuilder> create, Func<IServiceProvider, CancellationToken, Task<int>> work) =>
        RunGuardedAsync(async () =>
        {
            if (RefusedWhileServiceRuns(db, name) is { } refused)
            {
                return refused;
            }

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

    /// <summary>
    /// Exit code 2 after one line when the running service holds the database: checked before any host
    /// is built, so nothing of the service (its log file included) is touched.
    /// </summary>
    public static int? RefusedWhileServiceRuns(string? db, string name)
    {
        var root = ContentRoot.Locate();
        var options = ServiceHost.LoadConfiguration(root, db).GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var path = Path.GetFullPath(options.DatabasePath, root);
        if (!FigureStore.IsHeldElsewhere(path))
        {
            return null;
        }

        Console.Error.WriteLine($"'{name}' writes to {path}, which the running service holds; stop the service first (the read commands work while it runs).");
        return ConfigurationError;
    }

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
