using IngestWorker.Extraction;
using LiteDB;

namespace IngestWorker.Core.Storage;

/// <summary>
/// The LiteDB file: archived documents, figure versions and source state. One instance per
/// process, opened in Direct mode and shared across threads (LiteDB's recommended use); writes
/// are serialised and each document's write is one short synchronous transaction.
/// </summary>
public sealed partial class FigureStore : IDisposable
{
    private const int SchemaVersion = 3;
    // Parameterised expressions: LiteDB caches their parse, a new literal each call would recompile.
    private const string ByUrl = "Url = @0";
    private const string IsOpen = "SupersededAt = null";
    // .NET reports a lock held by another process (flock's EWOULDBLOCK) as an IOException carrying that errno.
    private const int WouldBlock = 11;


    private readonly LiteDatabase _db;
    private readonly TimeProvider _time;
    private readonly Lock _writeLock = new();
    private readonly ILiteCollection<StoredDocument> _documents;
    private readonly ILiteCollection<FigureVersion> _figures;
    private readonly ILiteCollection<SourceState> _sources;
    private readonly ILiteCollection<ListingState> _listings;
    private readonly ILiteCollection<Confirmation> _confirmations;
    private readonly ILiteCollection<ChangeCursor> _cursors;

    private readonly FileStream _lock;

    private FigureStore(LiteDatabase db, TimeProvider time, FileStream ownership)
    {
        _db = db;
        _lock = ownership;
        _time = time;
        _documents = db.GetCollection<StoredDocument>("documents");
        _figures = db.GetCollection<FigureVersion>("figures");
        _sources = db.GetCollection<SourceState>("sources");
        _listings = db.GetCollection<ListingState>("listings");
        _confirmations = db.GetCollection<Confirmation>("confirmations");
        _cursors = db.GetCollection<ChangeCursor>("cursors");
    }

    public string Path { get; private init; } = "";

    /// <summary>Opens (or creates) the database file, refusing a file it cannot read safely.</summary>
    /// <exception cref="StoreException">The file is in use, damaged, encrypted with another password, or from a newer schema.</exception>
    public static FigureStore Open(string path, TimeProvider time, string? password = null)
    {
        var full = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(full)!;
        for (var above = folder; above is not null && !Directory.Exists(above); above = System.IO.Path.GetDirectoryName(above))
        {
            if (File.Exists(above))
            {
                throw new StoreException($"cannot create the database folder '{folder}': '{above}' is a file, not a folder");
            }
        }

        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot create the database folder '{folder}': {e.Message}", e);
        }

        var holder = AcquireLock(full);
        try
        {
            VerifyDataFile(full);
        }
        catch
        {
            holder.Dispose();
            throw;
        }

        var connection = Connection(full, password);
        LiteDatabase? db = null;
        try
        {
            db = new LiteDatabase(connection, Mapper()) { UtcDate = true };
            var store = new FigureStore(db, time, holder) { Path = full };
            store.EnsureSchema();
            return store;
        }
        catch (Exception e)
        {
            DisposeQuietly(db);
            holder.Dispose();
            if (e is StoreException)
            {
                throw;
            }

            throw new StoreException($"the database '{full}' cannot be read ({e.Message}); the file was left untouched", e);
        }
    }

    /// <summary>
    /// LiteDB's Direct mode does not stop a second process from opening the same file (on Linux its
    /// file share flags become shared locks), and two writers corrupt it. An exclusive lock on a
    /// sibling file makes the store's ownership explicit.
    /// </summary>
    private static FileStream AcquireLock(string databasePath)
    {
        if (Directory.Exists(databasePath))
        {
            throw new StoreException($"the database path '{databasePath}' is a folder; Storage:DatabasePath names the database file (for example data/ingestworker.db)");
        }

        try
        {
            return new FileStream(databasePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(LockFailure(databasePath, e), e);
        }
    }

    /// <summary>
    /// Whether a process (the service) holds the database's lock right now. Probes without creating
    /// anything; a lock file that cannot be probed counts as free, and opening the store then names the cause.
    /// </summary>
    public static bool IsHeldElsewhere(string path)
    {
        var lockPath = System.IO.Path.GetFullPath(path) + ".lock";
        if (!File.Exists(lockPath))
        {
            return false;
        }

        try
        {
            using var probe = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            return false;
        }
        catch (IOException e) when (e.HResult == WouldBlock)
        {
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// What stopped the lock file from being taken, truthfully: only a lock held by another process is
    /// "in use"; a read-only or foreign folder (EROFS, EACCES) is named as such.
    /// </summary>
    internal static string LockFailure(string databasePath, Exception e)
    {
        var folder = System.IO.Path.GetDirectoryName(databasePath);
        return e switch
        {
            IOException when e.HResult == WouldBlock =>
                $"the database '{databasePath}' is in use by another IngestWorker (is the service already running with this file?)",
            UnauthorizedAccessException => $"cannot write in the database folder '{folder}': permission denied ({e.Message})",
            _ => $"cannot write in the database folder '{folder}': {e.Message}",
        };
    }

    /// <summary>
    /// LiteDB opens a truncated file without complaint and fails later, mid-query. Its header page
    /// names the last page the file holds, so a file shorter than that is refused here, untouched.
    /// (Encrypted files keep their header encrypted and are left to LiteDB.)
    /// </summary>
    private static void VerifyDataFile(string path)
    {
        const int pageSize = 8192;
        const string signature = "** This is a LiteDB file **";
        var file = new FileInfo(path);
        if (!file.Exists || file.Length == 0)
        {
            return;
        }

        var header = new byte[pageSize];
        int read;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            read = stream.ReadAtLeast(header, pageSize, throwOnEndOfStream: false);
        }

        var encrypted = read > 0 && header[0] == 1;
        if (read < pageSize)
        {
            throw new StoreException($"the database '{path}' is truncated ({file.Length} bytes, less than one page); the file was left untouched");
        }

        if (encrypted)
        {
            return;
        }

        if (System.Text.Encoding.ASCII.GetString(header, 32, signature.Length) != signature)
        {
            throw new StoreException($"'{path}' is not a LiteDB database; the file was left untouched");
        }

        var lastPage = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(64));
        if (file.Length < (lastPage + 1L) * pageSize)
        {
            throw new StoreException($"the database '{path}' is truncated: its header names {lastPage + 1} pages, the file holds {file.Length / pageSize}; the file was left untouched (restore it from a backup)");
        }
    }

    private static void DisposeQuietly(LiteDatabase? db)
    {
        try
        {
            db?.Dispose();
        }
#pragma warning disable CA1031 // The open already failed; that failure is the one to report.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static BsonMapper Mapper()
    {
        var mapper = new BsonMapper();
        mapper.Entity<StoredDocument>().Id(d => d.Id, autoId: true);
        mapper.Entity<FigureVersion>().Id(f => f.Id, autoId: true);
        FigureRows.Register(mapper);
        mapper.Entity<SourceState>().Id(s => s.Id, autoId: false);
        mapper.Entity<ListingState>().Id(s => s.Id, autoId: false);
        mapper.Entity<Confirmation>().Id(c => c.Id, autoId: true);
        mapper.Entity<ChangeCursor>().Id(c => c.Id, autoId: false);
        return mapper;
    }

    private void EnsureSchema()
    {
        var meta = _db.GetCollection("meta");
        BsonDocument? schema;
        try
        {
            schema = meta.FindById("schema");
        }
        catch (LiteException e)
        {
            throw new StoreException($"the database '{Path}' cannot be read ({e.Message}); the file was left untouched", e);
        }

        if (schema is not null && schema["version"].AsInt32 > SchemaVersion)
        {
            throw new StoreException($"the database '{Path}' has schema version {schema["version"].AsInt32}, newer than this build understands ({SchemaVersion}); use a newer IngestWorker");
        }

        if (schema is null)
        {
            meta.Insert(new BsonDocument { ["_id"] = "schema", ["version"] = SchemaVersion });
        }
        else
        {
            // Each step is one transaction that ends by writing its own version: a crash between
            // steps leaves a file that the next open carries on from.
            var version = schema["version"].AsInt32;
            if (version < 2)
            {
                MigrateFromVersion1(meta);
            }

            if (version < 3)
            {
                MigrateToVintages(meta);
            }
        }

        _documents.EnsureIndex(d => d.Url);
        _figures.EnsureIndex(f => f.Key);
    }

    /// <summary>
    /// Schema 1 indexed figures on three strings (key, period, recorded instant) and stored three
    /// derived strings per row. Schema 2 has one numeric key: every row is rewritten once, in one
    /// transaction, so a crash during the upgrade leaves the file as schema 1.
    /// </summary>
    private void MigrateFromVersion1(ILiteCollection<BsonDocument> meta)
    {
        _db.BeginTrans();
        try
        {
            foreach (var index in (ReadOnlySpan<string>)["LookupKey", "Period", "RecordedAt"])
            {
                _figures.DropIndex(index);
            }

            foreach (var batch in _figures.FindAll().Chunk(5000))
            {
                foreach (var version in batch)
                {
                    version.Key = FigureKey.Of(version.Reporter, version.Flow, version.Product, version.Partner, version.Period);
                }

                _figures.Update(batch);
            }

            meta.Update(new BsonDocument { ["_id"] = "schema", ["version"] = 2 });
            _db.Commit();
        }
        catch
        {
            _db.Rollback();
            throw;
        }
    }

    /// <summary>
    /// The last stored content of a bulletin of one source. A document belongs to its source: the
    /// same URL (or, for folder sources, the same relative path) in two sources is two documents,
    /// so neither shadows nor flip-flops with the other. The URL index finds the few rows of a URL.
    /// </summary>
    public StoredDocument? LatestDocument(string sourceId, string url) =>
        _documents.Find(BsonExpression.Create(ByUrl, url)).Where(d => d.SourceId == sourceId).MaxBy(d => d.Id);

    public IReadOnlyList<StoredDocument> AllDocuments() => [.. _documents.FindAll()];

    public SourceState SourceState(string sourceId) => _sources.FindById(sourceId) ?? new SourceState { Id = sourceId };

    public IReadOnlyList<SourceState> SourceStates() => [.. _sources.FindAll()];

    public void SaveSourceState(SourceState state)
    {
        lock (_writeLock)
        {
            _sources.Upsert(state);
        }
    }

    public ListingState? Listing(string url) => _listings.FindById(url);

    public void SaveListing(ListingState state)
    {
        lock (_writeLock)
        {
            _listings.Upsert(state);
        }
    }

    public (int Documents, int Figures, int Current) Counts() =>
        (_documents.Count(), _figures.Count(), _figures.Count(IsOpen));

    /// <summary>Moves committed pages from the log file into the data file; LiteDB may skip this in a long-running process.</summary>
    public void Checkpoint()
    {
        lock (_writeLock)
        {
            _db.Checkpoint();
        }
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            _db.Dispose();
            _lock.Dispose();
        }
    }
}
