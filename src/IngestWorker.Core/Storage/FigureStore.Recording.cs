using IngestWorker.Extraction;
using LiteDB;

namespace IngestWorker.Core.Storage;

public sealed partial class FigureStore
{
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
                    RecordFigure(document, record, mode, now, outcome);
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

    private void RecordFigure(StoredDocument document, FigureRecord record, RecordMode mode, DateTime now, RecordOutcome outcome)
    {
        var chain = FigureVersion.ChainOf(record, document.SourceId);
        var versions = _figures.Find(BsonExpression.Create(ByChain, chain)).ToList();
        var open = versions.Find(v => v.SupersededAt is null);
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
        version.ChainId = chain;
        version.Version = versions.Count == 0 ? 1 : versions.Max(v => v.Version) + 1;
        version.Reason = mode == RecordMode.ReExtracted ? VersionReason.ReExtracted
            : open is null ? VersionReason.FirstSeen
            : VersionReason.Revised;
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

        foreach (var other in _figures.Find(BsonExpression.Create(BySeriesOpen, version.SeriesId)))
        {
            if (other.SourceId != version.SourceId && other.Unit == version.Unit && !Agreement.Agree(other.Value, version.Value))
            {
                outcome.Conflicts.Add(new Conflict(version, other));
            }
        }
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
}

/// <summary>Where a document's figures come from: a fetch (changes are revisions) or a re-read of the archive.</summary>
public enum RecordMode
{
    Fetched,
    ReExtracted,
}
