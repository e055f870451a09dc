using System.CommandLine;
using IngestWorker.Core.Storage;
using IngestWorker.Endpoint;
using IngestWorker.Hosting;
using Microsoft.Extensions.Configuration;

namespace IngestWorker.Commands;

/// <summary>
/// Gives a read command the store: inside the running service its own store; outside, the
/// running service over its socket when there is one, else the database file opened directly.
/// </summary>
internal static class StoreAccess
{
    private static readonly AsyncLocal<(FigureStore Store, IConfiguration Configuration)?> ServiceStore = new();

    /// <summary>Commands run by <see cref="QueryServer"/> read the service's store for as long as the result lives.</summary>
    public static IDisposable UseServiceStore(FigureStore store, IConfiguration configuration)
    {
        ServiceStore.Value = (store, configuration);
        return new Reset();
    }

    /// <summary>Whether this command runs inside the service (answering another process), not on a file it opened.</summary>
    public static bool InService => ServiceStore.Value is not null;

    /// <param name="output">Where a forwarded command's output goes instead of the command's own output.</param>
    /// <param name="storeFailure">The exit code when the database file cannot be opened.</param>
    public static async Task<int> WithStoreAsync(ParseResult result, Option<string?> db, Func<FigureStore, IConfiguration, Task<int>> action, TextWriter? output = null, int storeFailure = HostRunner.ConfigurationError)
    {
        if (ServiceStore.Value is var (serviceStore, serviceConfiguration))
        {
            return await action(serviceStore, serviceConfiguration);
        }

        var error = result.InvocationConfiguration.Error;
        string path;
        string? password;
        IConfiguration configuration;
        try
        {
            var root = ContentRoot.Locate();
            configuration = ServiceHost.LoadConfiguration(root, result.GetValue(db));
            var options = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
            path = Path.GetFullPath(options.DatabasePath, root);
            password = options.Password;
        }
        catch (Exception e) when (HostRunner.Describe(e) is { } message)
        {
            await error.WriteLineAsync(message);
            return HostRunner.ConfigurationError;
        }

        var arguments = result.Tokens.Select(t => t.Value).ToList();
        if (await QueryClient.TryForwardAsync(path, arguments, output ?? result.InvocationConfiguration.Output, error) is { } forwarded)
        {
            return forwarded;
        }

        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"No database at {path} yet: run the service (or 'once') first, or pass --db PATH.");
            return 1;
        }

        try
        {
            using var store = FigureStore.Open(path, TimeProvider.System, password);
            return await action(store, configuration);
        }
        catch (StoreException e)
        {
            await error.WriteLineAsync(e.Message);
            return storeFailure;
        }
    }

    private sealed class Reset : IDisposable
    {
        public void Dispose() => ServiceStore.Value = null;
    }
}
