using System.CommandLine;
using System.Globalization;

namespace IngestWorker.Commands;

/// <summary>
/// <c>backup</c>: a consistent copy of the database, made by the running service (which owns the
/// file) or, when none runs, from the file directly.
/// </summary>
internal static class BackupCommand
{
    public static Command Create(Option<string?> db)
    {
        var output = new Option<string?>("--out") { Description = "The copy to write (must not exist); relative paths are taken from the database's folder. Default: backups/NAME-YYYYMMDD-HHMMSS.db there." };
        var command = new Command("backup", "Copy the database safely while the service runs: writes are held off, the log is folded in, the file is copied.") { output };
        command.SetAction((result, _) => StoreAccess.WithStoreAsync(result, db, async (store, _) =>
        {
            var folder = Path.GetDirectoryName(store.Path)!;
            var stamp = TimeProvider.System.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            var target = Path.GetFullPath(result.GetValue(output)
                ?? Path.Combine("backups", $"{Path.GetFileNameWithoutExtension(store.Path)}-{stamp}{Path.GetExtension(store.Path)}"), folder);
            if (File.Exists(target))
            {
                await result.InvocationConfiguration.Error.WriteLineAsync($"{target} exists already; choose another --out.");
                return HostRunner.ConfigurationError;
            }

            try
            {
                var bytes = store.Backup(target);
                await result.InvocationConfiguration.Output.WriteLineAsync($"Backed up {store.Path} to {target} ({bytes} bytes).");
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync($"Backup to {target} failed: {e.Message}");
                return 1;
            }
        }));
        return command;
    }
}
