namespace IngestWorker.Core.Storage;

public sealed partial class FigureStore
{
    /// <summary>
    /// A consistent copy of the database while it is in use: with writes held off, the log is
    /// folded into the data file, which alone then holds every committed write, and is copied.
    /// </summary>
    /// <returns>The size of the copy in bytes.</returns>
    public long Backup(string destination)
    {
        var target = System.IO.Path.GetFullPath(destination);
        if (string.Equals(target, Path, StringComparison.Ordinal))
        {
            throw new IOException("the backup cannot be the database itself");
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        lock (_writeLock)
        {
            _db.Checkpoint();
            File.Copy(Path, target, overwrite: false);
        }

        return new FileInfo(target).Length;
    }
}
