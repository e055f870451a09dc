using LiteDB;

namespace IngestWorker.Core.Storage;

public sealed partial class FigureStore
{
    /// <summary>
    /// Rewrites the database into a fresh file (LiteDB files never shrink, and its Rebuild() is broken
    /// on 5.0.21 for large collections with a secondary index). The new file is written beside the old
    /// one and verified, collection by collection, before it takes the old one's place; the old file is
    /// kept as <c>*.before-compact</c> until the user deletes it.
    /// </summary>
    /// <exception cref="StoreException">The file is in use, unreadable, or the copy does not verify (the old file is untouched).</exception>
    public static CompactionResult Compact(string path, string? password, IProgress<string>? progress = null)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new StoreException($"no database at '{full}'");
        }

        var temporary = full + ".compacting";
        var backup = full + ".before-compact";
        var before = new FileInfo(full).Length;
        using (AcquireLock(full))
        {
            // An interrupted run (a kill, a crash, a full disk) leaves its copy and the copy's LiteDB
            // log; a fresh copy opened beside the stale log would replay it. Both go first.
            DeleteCopy(temporary);
            var copied = 0L;
            try
            {
                using (var source = new LiteDatabase(Connection(full, password)))
                using (var target = new LiteDatabase(Connection(temporary, password)))
                {
                    foreach (var name in source.GetCollectionNames().Order(StringComparer.Ordinal))
                    {
                        copied += CopyCollection(source, target, name, progress);
                    }

                    target.Checkpoint();
                }

                File.Replace(temporary, full, backup, ignoreMetadataErrors: true);
            }
            catch (Exception e) when (e is LiteException or IOException or InvalidOperationException)
            {
                DeleteCopy(temporary);
                throw new StoreException($"compaction of '{full}' failed ({e.Message}); the database was left as it was", e);
            }

            return new CompactionResult(copied, before, new FileInfo(full).Length, backup);
        }
    }

    /// <summary>The copy and every file LiteDB keeps beside it (<c>x.db-log.compacting</c>, <c>x.db-tmp.compacting</c>).</summary>
    private static void DeleteCopy(string temporary)
    {
        var folder = System.IO.Path.GetDirectoryName(temporary)!;
        var (name, extension) = (System.IO.Path.GetFileNameWithoutExtension(temporary), System.IO.Path.GetExtension(temporary));
        foreach (var file in new[] { temporary, System.IO.Path.Combine(folder, $"{name}-log{extension}"), System.IO.Path.Combine(folder, $"{name}-tmp{extension}") })
        {
            File.Delete(file);
        }
    }

    /// <summary>Leftovers of an interrupted compaction beside <paramref name="path"/>, for a test to look for.</summary>
    internal static IEnumerable<string> CompactionLeftovers(string path) =>
        Directory.EnumerateFiles(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!, "*.compacting");

    private static long CopyCollection(LiteDatabase source, LiteDatabase target, string name, IProgress<string>? progress)
    {
        var from = source.GetCollection(name, BsonAutoId.Int64);
        var to = target.GetCollection(name, BsonAutoId.Int64);
        var count = 0L;
        foreach (var batch in from.FindAll().Chunk(5000))
        {
            count += to.InsertBulk(batch, batch.Length);
            progress?.Report($"{name}: {count} rows");
        }

        foreach (var index in source.GetCollection("$indexes").Find(BsonExpression.Create("collection = @0", name)))
        {
            if (index["name"].AsString != "_id")
            {
                to.EnsureIndex(index["name"].AsString, BsonExpression.Create(index["expression"].AsString), index["unique"].AsBoolean);
            }
        }

        if (to.LongCount() != from.LongCount())
        {
            throw new InvalidOperationException($"collection {name} copied {to.LongCount()} of {from.LongCount()} rows");
        }

        return count;
    }

    private static ConnectionString Connection(string path, string? password) => new()
    {
        Filename = path,
        Connection = ConnectionType.Direct,
        Password = string.IsNullOrEmpty(password) ? null : password,
        Upgrade = false,
        AutoRebuild = false,
    };
}

/// <summary>What compaction did: rows copied, sizes before and after, where the old file was kept.</summary>
public sealed record CompactionResult(long Rows, long BytesBefore, long BytesAfter, string OldFile);
