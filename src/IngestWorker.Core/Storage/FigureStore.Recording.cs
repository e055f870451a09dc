using IngestWorker.Extraction;
using LiteDB;

namespace IngestWorker.Core.Storage;

public sealed partial class FigureStore
{
    /// <summary>
    /// The open (current) version of every chain, by series, in memory: the store is the file's only
    /// writer, so this is authoritative, and recording a figure costs one insert instead of queries.
    /// Loaded on the first write; changed only with the transaction that changes the file.
    /// </summary>
    private Dictionary<string, List<OpenVersion>>? _openBySeries;

    /// <summary>The newest recorded instant, so a clock set back never records a version "before" an earlier one.</summary>
    private DateTime? _lastRecordedAt;

    /// <summary>
    /// Stores a document and its figures in one transaction, so after any crash the store holds all
    /// of a document's figures or none. A figure never seen is version 1; the same value again adds
    /// nothing (a later document is remembered as confirming it); a changed value closes the open
    /// version and adds the next one. With <see cref="RecordMode.ReExtracted"/> an archived
    /// document is read anew: only chains whose current value came from that document can change.
    /// </summary>
    public RecordOutcome RecordDocument(StoredDocument document, IReadOnlyList<FigureRecord> records, RecordMode mode = RecordMode.Fetched) =>
        RecordDocuments([new DocumentFigures(document, records)], mode)[0];

    /// <summary>
    /// Stores several documents, in order, under the rules of <see cref="RecordDocument"/>, in one
    /// transaction: all of them or none. For bulk work (backfills, re-extraction), where LiteDB's
    /// cost per transaction would otherwise dominate.
    /// </summary>
    public IReadOnlyList<RecordOutcome> RecordDocuments(IReadOnlyList<DocumentFigures> documents, RecordMode mode = RecordMode.Fetched)
    {
        ArgumentNullException.ThrowIfNull(documents);
        lock (_writeLock)
        {
            var open = OpenVersions();
            var undo = new List<Action>();
            var now = RecordingInstant();
            var outcomes = new List<RecordOutcome>(documents.Count);
            _db.BeginTrans();
            try
            {
                foreach (var (document, records) in documents)
                {
                    outcomes.Add(Record(open, document, records, mode, now, undo));
                }

                _db.Commit();
                _lastRecordedAt = now;
                return outcomes;
            }
            catch
            {
                _db.Rollback();
                for (var i = undo.Count - 1; i >= 0; i--)
                {
                    undo[i]();
                }

                throw;
            }
        }
    }

    private RecordOutcome Record(Dictionary<string, List<OpenVersion>> open, StoredDocument document, IReadOnlyList<FigureRecord> records,
        RecordMode mode, DateTime now, List<Action> undo)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(records);
        var outcome = new RecordOutcome();
        document.FigureCount = records.Count;
        if (document.PublishedAt == default)
        {
            (document.PublishedAt, document.PublishedFrom) = PublicationOf(document, now);
        }

        if (document.Id == 0)
        {
            _documents.Insert(document);
            undo.Add(() => document.Id = 0); // rolled back: the id LiteDB gave it is no longer a row
        }
        else
        {
            _documents.Update(document);
        }

        var writes = new Writes(now);
        foreach (var record in records)
        {
            RecordFigure(open, document, record, mode, now, outcome, undo, writes);
        }

        writes.Apply(this, outcome);
        return outcome;
    }

    private static void RecordFigure(Dictionary<string, List<OpenVersion>> openBySeries, StoredDocument document, FigureRecord record,
        RecordMode mode, DateTime now, RecordOutcome outcome, List<Action> undo, Writes writes)
    {
        var series = FigureVersion.SeriesOf(record);
        if (!openBySeries.TryGetValue(series, out var chains))
        {
            chains = [];
            openBySeries[series] = chains;
            undo.Add(() => openBySeries.Remove(series));
        }

        var open = chains.Find(c => c.SourceId == document.SourceId);
        if (open is not null && writes.Pending.TryGetValue(open, out var pending))
        {
            // The document states the same figure twice: one version, the last value it gives.
            if (pending.Value == record.Value && pending.Unit == record.Unit)
            {
                outcome.Unchanged++;
                return;
            }

            (pending.Value, pending.Unit, pending.Evidence) = (record.Value, record.Unit, record.Evidence);
            (pending.StatedDecimals, pending.StatedExponent) = Stated(record);
            open.Become(pending);
            return;
        }

        if (open is not null && mode == RecordMode.ReExtracted && open.DocumentId != document.Id)
        {
            outcome.Unchanged++;
            return;
        }

        if (open is not null && open.Value == record.Value && open.Unit == record.Unit)
        {
            outcome.Unchanged++;
            if (open.DocumentId != document.Id)
            {
                writes.Confirmations.Add(new Confirmation { FigureId = open.Id, DocumentId = document.Id, ConfirmedAt = now });
            }

            return;
        }

        var version = NewVersion(document, record, now);
        if (open is not null && open.Unit == record.Unit && Agreement.Agree(open.Value, open.HalfUnit, version.Value, version.HalfUnit))
        {
            // The source states the figure again at another precision ("$61.0 billion" on the release
            // page, "$61.04 billion" in its PDF): the less precise covers the other, so nothing was
            // revised. It confirms the current version, which is kept, so the figure never flips back and forth.
            outcome.Unchanged++;
            if (open.DocumentId != document.Id)
            {
                writes.Confirmations.Add(new Confirmation { FigureId = open.Id, DocumentId = document.Id, ConfirmedAt = now });
            }

            return;
        }

        version.Version = (open?.Version ?? 0) + 1;
        version.Reason = mode == RecordMode.ReExtracted ? VersionReason.ReExtracted
            : open is null ? VersionReason.FirstSeen
            : VersionReason.Revised;
        if (open is null)
        {
            var added = new OpenVersion(version);
            chains.Add(added);
            undo.Add(() => chains.Remove(added));
            writes.Added.Add((version, added, chains));
            writes.Pending[added] = version;
        }
        else
        {
            var before = open.Snapshot();
            writes.Superseded.Add(open.Id);
            open.Become(version);
            undo.Add(() => open.Restore(before));
            writes.Replaced.Add((version, open, chains));
            writes.Pending[open] = version;
        }
    }

    /// <summary>
    /// A document's figure writes, made in a few bulk calls (LiteDB's per-call cost dwarfs its per-row
    /// cost); ids that inserts assign are then given to the open-version index.
    /// </summary>
    private sealed class Writes(DateTime now)
    {
        public Dictionary<OpenVersion, FigureVersion> Pending { get; } = [];
        public List<(FigureVersion Version, OpenVersion Open, List<OpenVersion> Chains)> Added { get; } = [];
        public List<(FigureVersion Version, OpenVersion Open, List<OpenVersion> Chains)> Replaced { get; } = [];
        public List<long> Superseded { get; } = [];
        public List<Confirmation> Confirmations { get; } = [];

        public void Apply(FigureStore store, RecordOutcome outcome)
        {
            var closed = new Dictionary<long, FigureVersion>();
            if (Superseded.Count > 0)
            {
                for (var i = 0; i < Superseded.Count; i++)
                {
                    var previous = store._figures.FindById(Superseded[i]);
                    previous.SupersededAt = now;
                    previous.RealtimeEnd = Replaced[i].Version.PublishedAt;
                    closed[Superseded[i]] = previous;
                }

                store._figures.Update(closed.Values);
            }

            var inserted = Added.Select(a => a.Version).Concat(Replaced.Select(r => r.Version)).ToList();
            if (inserted.Count > 0)
            {
                store._figures.InsertBulk(inserted, inserted.Count);
            }

            if (Confirmations.Count > 0)
            {
                store._confirmations.InsertBulk(Confirmations, Confirmations.Count);
            }

            foreach (var (version, open, chains) in Added)
            {
                open.Become(version);
                outcome.New.Add(version);
                AddConflicts(store, version, chains, outcome);
            }

            for (var i = 0; i < Replaced.Count; i++)
            {
                var (version, open, chains) = Replaced[i];
                outcome.Revised.Add(new Revision(closed[Superseded[i]], version));
                open.Become(version);
                AddConflicts(store, version, chains, outcome);
            }
        }

        private static void AddConflicts(FigureStore store, FigureVersion version, List<OpenVersion> chains, RecordOutcome outcome)
        {
            foreach (var other in chains)
            {
                if (other.SourceId != version.SourceId && other.Unit == version.Unit && !Agreement.Agree(other.Value, other.HalfUnit, version.Value, version.HalfUnit))
                {
                    outcome.Conflicts.Add(new Conflict(version, store._figures.FindById(other.Id)));
                }
            }
        }
    }

    private Dictionary<string, List<OpenVersion>> OpenVersions()
    {
        if (_openBySeries is not null)
        {
            return _openBySeries;
        }

        var index = new Dictionary<string, List<OpenVersion>>(StringComparer.Ordinal);
        var projection = BsonExpression.Create("{ _id, Reporter, Flow, Product, Partner, Measure, Basis, Adjustment, Period, SourceId, Value, Unit, StatedDecimals, StatedExponent, Version, DocumentId }");
        foreach (var row in _db.GetCollection("figures").Query().Where(IsOpen).Select(projection).ToEnumerable())
        {
            var series = FigureVersion.SeriesOf(row["Reporter"].AsString, row["Flow"].AsString, row["Product"].AsString, row["Partner"].AsString,
                row["Measure"].AsString, row["Basis"].AsString, row["Adjustment"].AsString, row["Period"].AsString);
            if (!index.TryGetValue(series, out var chains))
            {
                chains = [];
                index[series] = chains;
            }

            var stated = row["StatedDecimals"].IsInt32 && row["StatedExponent"].IsInt32 ? new StatedFigure(row["StatedDecimals"].AsInt32, row["StatedExponent"].AsInt32) : (StatedFigure?)null;
            chains.Add(new OpenVersion(row["SourceId"].AsString, row["_id"].AsInt64, row["Value"].AsDecimal, string.Intern(row["Unit"].AsString),
                row["Version"].AsInt32, row["DocumentId"].AsInt64, StatedFigure.HalfUnitOf(row["Value"].AsDecimal, stated)));
        }

        _openBySeries = index;
        return index;
    }

    /// <summary>Now, or the newest instant already recorded if the clock has been set back since.</summary>
    private DateTime RecordingInstant()
    {
        _lastRecordedAt ??= _figures.Query().OrderByDescending(v => v.Id).Limit(1).ToEnumerable().FirstOrDefault()?.RecordedAt ?? DateTime.MinValue;
        var now = _time.GetUtcNow().UtcDateTime;
        return now < _lastRecordedAt ? _lastRecordedAt.Value : now;
    }

    private static FigureVersion NewVersion(StoredDocument document, FigureRecord record, DateTime now)
    {
        var (decimals, exponent) = Stated(record);
        return new()
        {
            Key = FigureKey.Of(record.Reporter, record.Flow, record.Product, record.Partner, record.Period),
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
            StatedDecimals = decimals,
            StatedExponent = exponent,
            SourceId = document.SourceId,
            RecordedAt = now,
            PublishedAt = document.PublishedAt,
            PublishedFrom = document.PublishedFrom,
            DocumentId = document.Id,
            DocumentUrl = document.Url,
            ReleaseUrl = document.ReleaseUrl,
            Evidence = record.Evidence,
            ExtractorVersion = document.ExtractorVersion,
        };
    }

    private static (int? Decimals, int? Exponent) Stated(FigureRecord record) =>
        StatedFigure.Find(record.Value, record.Unit, record.Evidence) is { } stated ? (stated.Decimals, stated.Exponent) : (null, null);

    /// <summary>A document given without its publication instant: the start (UTC) of the date its periods were resolved against, else the recording instant.</summary>
    private static (DateTime, string) PublicationOf(StoredDocument document, DateTime now) =>
        DateOnly.TryParseExact(document.Published, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? (date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), PublicationSource.ResolvedDate)
            : (now, PublicationSource.Fetch);

    /// <summary>What recording needs to know of a chain's current version.</summary>
    private sealed class OpenVersion(string sourceId, long id, decimal value, string unit, int version, long documentId, decimal halfUnit)
    {
        public OpenVersion(FigureVersion v) : this(v.SourceId, v.Id, v.Value, string.Intern(v.Unit), v.Version, v.DocumentId, v.HalfUnit) { }

        public string SourceId { get; } = sourceId;
        public long Id { get; private set; } = id;
        public decimal Value { get; private set; } = value;
        public string Unit { get; private set; } = unit;
        public int Version { get; private set; } = version;
        public long DocumentId { get; private set; } = documentId;
        public decimal HalfUnit { get; private set; } = halfUnit;

        public void Become(FigureVersion v) =>
            (Id, Value, Unit, Version, DocumentId, HalfUnit) = (v.Id, v.Value, string.Intern(v.Unit), v.Version, v.DocumentId, v.HalfUnit);

        public (long, decimal, string, int, long, decimal) Snapshot() => (Id, Value, Unit, Version, DocumentId, HalfUnit);

        public void Restore((long, decimal, string, int, long, decimal) state) => (Id, Value, Unit, Version, DocumentId, HalfUnit) = state;
    }
}

/// <summary>Where a document's figures come from: a fetch (changes are revisions) or a re-read of the archive.</summary>
public enum RecordMode
{
    Fetched,
    ReExtracted,
}
