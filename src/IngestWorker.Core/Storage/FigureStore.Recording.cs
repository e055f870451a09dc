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

    /// <summary>
    /// Stores a document and its figures in one transaction, so after any crash the store holds all
    /// of a document's figures or none. A figure never seen is version 1; the same value again adds
    /// nothing (a later document is remembered as confirming it); a changed value closes the open
    /// version and adds the next one. With <see cref="RecordMode.ReExtracted"/> an archived
    /// document is read anew: only chains whose current value came from that document can change.
    /// </summary>
    public RecordOutcome RecordDocument(StoredDocument document, IReadOnlyList<FigureRecord> records, RecordMode mode = RecordMode.Fetched)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(records);
        lock (_writeLock)
        {
            var open = OpenVersions();
            var undo = new List<Action>();
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
                    RecordFigure(open, document, record, mode, now, outcome, undo);
                }

                _db.Commit();
                return outcome;
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

    private void RecordFigure(Dictionary<string, List<OpenVersion>> openBySeries, StoredDocument document, FigureRecord record,
        RecordMode mode, DateTime now, RecordOutcome outcome, List<Action> undo)
    {
        var series = FigureVersion.SeriesOf(record);
        if (!openBySeries.TryGetValue(series, out var chains))
        {
            chains = [];
            openBySeries[series] = chains;
            undo.Add(() => openBySeries.Remove(series));
        }

        var open = chains.Find(c => c.SourceId == document.SourceId);
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
                _confirmations.Insert(new Confirmation { FigureId = open.Id, DocumentId = document.Id, ConfirmedAt = now });
            }

            return;
        }

        var version = NewVersion(document, record, now);
        version.ChainId = series + "|" + document.SourceId;
        version.Version = (open?.Version ?? 0) + 1;
        version.Reason = mode == RecordMode.ReExtracted ? VersionReason.ReExtracted
            : open is null ? VersionReason.FirstSeen
            : VersionReason.Revised;
        _figures.Insert(version);
        if (open is null)
        {
            outcome.New.Add(version);
            var added = new OpenVersion(version);
            chains.Add(added);
            undo.Add(() => chains.Remove(added));
        }
        else
        {
            var previous = _figures.FindById(open.Id);
            previous.SupersededAt = now;
            _figures.Update(previous);
            outcome.Revised.Add(new Revision(previous, version));
            var before = open.Snapshot();
            open.Become(version);
            undo.Add(() => open.Restore(before));
        }

        foreach (var other in chains)
        {
            if (other.SourceId != version.SourceId && other.Unit == version.Unit && !Agreement.Agree(other.Value, version.Value))
            {
                outcome.Conflicts.Add(new Conflict(version, _figures.FindById(other.Id)));
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
        var projection = BsonExpression.Create("{ _id, SeriesId, SourceId, Value, Unit, Version, DocumentId }");
        foreach (var row in _db.GetCollection("figures").Query().Where(IsOpen).Select(projection).ToEnumerable())
        {
            var series = row["SeriesId"].AsString;
            if (!index.TryGetValue(series, out var chains))
            {
                chains = [];
                index[series] = chains;
            }

            chains.Add(new OpenVersion(row["SourceId"].AsString, row["_id"].AsInt64, row["Value"].AsDecimal, string.Intern(row["Unit"].AsString),
                row["Version"].AsInt32, row["DocumentId"].AsInt64));
        }

        _openBySeries = index;
        return index;
    }

    private static FigureVersion NewVersion(StoredDocument document, FigureRecord record, DateTime now) => new()
    {
        SeriesId = FigureVersion.SeriesOf(record),
        LookupKey = FigureVersion.LookupOf(record.Reporter, record.Flow, record.Product, record.Partner, record.Period),
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
        RecordedAt = now,
        DocumentId = document.Id,
        DocumentUrl = document.Url,
        Evidence = record.Evidence,
        ExtractorVersion = document.ExtractorVersion,
    };

    /// <summary>What recording needs to know of a chain's current version.</summary>
    private sealed class OpenVersion(string sourceId, long id, decimal value, string unit, int version, long documentId)
    {
        public OpenVersion(FigureVersion v) : this(v.SourceId, v.Id, v.Value, string.Intern(v.Unit), v.Version, v.DocumentId) { }

        public string SourceId { get; } = sourceId;
        public long Id { get; private set; } = id;
        public decimal Value { get; private set; } = value;
        public string Unit { get; private set; } = unit;
        public int Version { get; private set; } = version;
        public long DocumentId { get; private set; } = documentId;

        public void Become(FigureVersion v) => (Id, Value, Unit, Version, DocumentId) = (v.Id, v.Value, string.Intern(v.Unit), v.Version, v.DocumentId);

        public (long, decimal, string, int, long) Snapshot() => (Id, Value, Unit, Version, DocumentId);

        public void Restore((long, decimal, string, int, long) state) => (Id, Value, Unit, Version, DocumentId) = state;
    }
}

/// <summary>Where a document's figures come from: a fetch (changes are revisions) or a re-read of the archive.</summary>
public enum RecordMode
{
    Fetched,
    ReExtracted,
}
