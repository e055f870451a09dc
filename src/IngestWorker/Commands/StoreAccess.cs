using IngestWorker.Core.Storage;
using IngestWorker.Hosting;
using Microsoft.Extensions.Configuration;

namespace IngestWorker.Commands;

/// <summary>Opens the configured (or <c>--db</c>) database for a command that reads it.</summary>
internal static class StoreAccess
{
    public static async Task<int> WithStoreAsync(string? db, Func<FigureStore, IConfiguration, Task<int>> action)
    {
        string path;
        string? password;
        IConfiguration configuration;
        try
        {
            var root = ContentRoot.Locate();
            configuration = ServiceHost.LoadConfiguration(root, db);
            var options = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
            path = Path.GetFullPath(options.DatabasePath, root);
            password = options.Password;
        }
        catch (Exception e) when (HostRunner.Describe(e) is { } message)
        {
            await Console.Error.WriteLineAsync(message);
            return HostRunner.ConfigurationError;
        }

        if (!File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"No database at {path} yet: run the service (or 'once') first, or pass --db PATH.");
            return 1;
        }

        try
        {
            using var store = FigureStore.Open(path, TimeProvider.System, password);
            return await action(store, configuration);
        }
        catch (StoreException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return HostRunner.ConfigurationError;
        }
    }
}
