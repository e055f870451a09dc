using IngestWorker.Extraction;
using LiteDB;

namespace IngestWorker.Core.Storage;

/// <summary>
/// The LiteDB file: archived documents, figure versions and source state. One instance per
/// process, opened in Direct mode and shared across threads (LiteDB's recommended use); writes
/// are serialised and each document's write is one short synchronous transaction.
/// </summary>
public sealed class FigureStore : IDisposable
{
    private const int SchemaVersion = 1;
    // Parameterised expressions: LiteDB caches their parse, a new literal each call would recompile.
    private const string ByUrl = "Url = @0";
    private const string ByChain = "ChainId = @0";
    private const string IsOpen = "SupersededAt = null";

    private readonly LiteDatabase _db;
    private readonly TimeProvider _time;
    private readonly Lock _writeLock = new();
    private readonly ILiteCollection<StoredDocument> _documents;
    private readonly ILiteCollection<FigureVersion> _figures;
    private readonly ILiteCollection<SourceState> _sources;
    private readonly ILiteCollection<ListingState> _listings;

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
    }

    public string Path { get; private init; } = "";

    /// <summary>Opens (or creates) the database file, refusing a file it cannot read safely.</summary>
    /// <exception cref="StoreException">The file is in use, damaged, encrypted with another password, or from a newer schema.</exception>
    public static FigureStore Open(string path, TimeProvider time, string? password = null)
    {
        var full = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(full)!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot create the database folder '{folder}': {e.Message}", e);
        }

        var holder = AcquireLock(full);
        var connection = new ConnectionString
        {
            Filename = full,
            Connection = ConnectionType.Direct,
            Password = string.IsNullOrEmpty(password) ? null : password,
            Upgrade = false,
            AutoRebuild = false,
        };
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
        try
        {
            return new FileStream(databasePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException e)
        {
            throw new StoreException($"the database '{databasePath}' is in use by another IngestWorker (is the service already running with this file?)", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new StoreException($"cannot write beside the database '{databasePath}': {e.Message}", e);
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
        mapper.Entity<SourceState>().Id(s => s.Id, autoId: false);
        mapper.Entity<ListingState>().Id(s => s.Id, autoId: false);
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

        _documents.EnsureIndex(d => d.Url);
        _figures.EnsureIndex(f => f.ChainId);
        _figures.EnsureIndex(f => f.RecordedAt);
    }

    public StoredDocument? LatestDocument(string url) =>
        _documents.Find(BsonExpression.Create(ByUrl, url)).MaxBy(d => d.Id);

    /// <summary>
    /// Stores a newly fetched document and its figures in one transaction: a figure never seen is
    /// version 1, the same value again adds nothing, a changed value closes the open version and
    /// adds the next one for <paramref name="changeReason"/>.
    /// </summary>
    public RecordOutcome RecordDocument(StoredDocument document, IReadOnlyList<FigureRecord> records, string changeReason = VersionReason.Revised)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(records);
        lock (_writeLock)
        {
            var now = _time.GetUtcNow().UtcDateTime;
            var outcome = new RecordOutcome();
            _db.BeginTrans();
            try
            {
                document.FigureCount = records.Count;
                if (document.Id == 0)
                {
                    _documents.Insert(document);
                }
                else
                {
                    _documents.Update(document);
                }

                foreach (var record in records)
                {
                    RecordFigure(document, record, changeReason, now, outcome);
                }

                _db.Commit();
                return outcome;
            }
            catch
            {
                _db.Rollback();
                throw;
            }
        }
    }

    private void RecordFigure(StoredDocument document, FigureRecord record, string changeReason, DateTime now, RecordOutcome outcome)
    {
        var chain = FigureVersion.ChainOf(record, document.SourceId);
        var versions = _figures.Find(BsonExpression.Create(ByChain, chain)).ToList();
        var open = versions.Find(v => v.SupersededAt is null);
        if (open is not null && open.Value == record.Value && open.Unit == record.Unit)
        {
            outcome.Unchanged++;
            return;
        }

        var version = new FigureVersion
        {
            ChainId = chain,
            Reporter = record.Reporter,
            Flow = record.Flow,
            Product = record.Product,
            Partner = record.Partner,
            Period = record.Period,
            Measure = record.Measure,
            Basis = record.Basis,
            Adjustment = record.Adjustment,
            Value = record.Value,
            Unit = record.Unit,
            SourceId = document.SourceId,
            Version = versions.Count == 0 ? 1 : versions.Max(v => v.Version) + 1,
            Reason = open is null ? VersionReason.FirstSeen : changeReason,
            RecordedAt = now,
            DocumentId = document.Id,
            DocumentUrl = document.Url,
            Evidence = record.Evidence,
            ExtractorVersion = document.ExtractorVersion,
        };
        if (open is not null)
        {
            open.SupersededAt = now;
            _figures.Update(open);
        }

        _figures.Insert(version);
        if (open is null)
        {
            outcome.New.Add(version);
        }
        else
        {
            outcome.Revised.Add(new Revision(open, version));
        }
    }

    /// <summary>The open version of every chain, ordered for reading.</summary>
    public IReadOnlyList<FigureVersion> CurrentFigures() =>
        [.. _figures.Find(IsOpen)
            .OrderBy(f => f.Reporter, StringComparer.Ordinal)
            .ThenBy(f => f.Period, StringComparer.Ordinal)
            .ThenBy(f => f.Flow, StringComparer.Ordinal)
            .ThenBy(f => f.Product, StringComparer.Ordinal)
            .ThenBy(f => f.Partner, StringComparer.Ordinal)
            .ThenBy(f => f.Measure, StringComparer.Ordinal)
            .ThenBy(f => f.SourceId, StringComparer.Ordinal)];

    public IReadOnlyList<FigureVersion> AllVersions() => [.. _figures.FindAll()];

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
