using LiteDB;

namespace IngestWorker.Core.Storage;

public sealed partial class FigureStore
{
    private static readonly IComparer<FigureVersion> ReadingOrder = Comparer<FigureVersion>.Create((a, b) =>
    {
        var order = string.CompareOrdinal(a.Reporter, b.Reporter);
        order = order != 0 ? order : string.CompareOrdinal(a.Period, b.Period);
        order = order != 0 ? order : string.CompareOrdinal(a.Flow, b.Flow);
        order = order != 0 ? order : string.CompareOrdinal(a.Product, b.Product);
        order = order != 0 ? order : string.CompareOrdinal(a.Partner, b.Partner);
        order = order != 0 ? order : string.CompareOrdinal(a.Measure, b.Measure);
        order = order != 0 ? order : string.CompareOrdinal(a.Basis, b.Basis);
        order = order != 0 ? order : string.CompareOrdinal(a.SourceId, b.SourceId);
        return order != 0 ? order : a.Version.CompareTo(b.Version);
    });

    /// <summary>
    /// The current value of each matching figure, or the value that was the latest word at
    /// <paramref name="asOf"/>: as published by then (<see cref="TimeAxis.Published"/>, the vintage),
    /// or as recorded by this program by then. Among sources, the highest <paramref name="priority"/>
    /// wins, and among equals the latest.
    /// </summary>
    public IReadOnlyList<FigureVersion> Current(FigureFilter filter, DateTime? asOf = null, Func<string, int>? priority = null, TimeAxis axis = TimeAxis.Published)
    {
        ArgumentNullException.ThrowIfNull(filter);
        priority ??= _ => 0;
        var known = asOf is { } instant
            ? Matching(filter).Where(v => v.KnownAt(instant, axis))
            : Matching(filter).Where(v => v.SupersededAt is null);
        var chosen = known
            .GroupBy(v => v.SeriesId, StringComparer.Ordinal)
            .Select(series => series.OrderByDescending(v => priority(v.SourceId)).ThenByDescending(v => v.Since(axis)).ThenByDescending(v => v.Id).First())
            .ToList();
        chosen.Sort(ReadingOrder);
        return chosen;
    }

    /// <summary>Every version of every matching figure from every source, oldest first within a chain.</summary>
    public IReadOnlyList<FigureVersion> History(FigureFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var versions = Matching(filter).ToList();
        versions.Sort(ReadingOrder);
        return versions;
    }

    /// <summary>Versions recorded after <paramref name="since"/> (new, revised, re-extracted), in the order they were recorded.</summary>
    /// <remarks>
    /// Recorded instants never go backwards in id order (<see cref="RecordDocument"/> sees to it), so
    /// the newest rows are read backwards through the id index until one is old enough: no index on
    /// the instant is needed, and a recent instant costs only the rows after it.
    /// </remarks>
    public IReadOnlyList<FigureVersion> ChangesSince(DateTime since, FigureFilter? filter = null)
    {
        var changes = new List<FigureVersion>();
        foreach (var version in _figures.Query().OrderByDescending(v => v.Id).ToEnumerable())
        {
            if (version.RecordedAt <= since)
            {
                break;
            }

            if (filter is null || filter.Matches(version))
            {
                changes.Add(version);
            }
        }

        changes.Reverse();
        return changes;
    }

    /// <summary>Every version ever recorded (or published, or recorded, by <paramref name="asOf"/>), in the order recorded.</summary>
    public IEnumerable<FigureVersion> Export(DateTime? asOf = null, TimeAxis axis = TimeAxis.Published) =>
        _figures.Query().OrderBy(v => v.Id).ToEnumerable().Where(v => asOf is null || v.Since(axis) <= asOf);

    /// <summary>Figures whose current values from two sources disagree beyond the precision either stated.</summary>
    public IReadOnlyList<Conflict> Conflicts(FigureFilter? filter = null) =>
        [.. _figures.Find(IsOpen)
            .Where(v => filter is null || filter.Matches(v))
            .GroupBy(v => (v.SeriesId, v.Unit))
            .Where(series => series.Select(v => v.SourceId).Distinct(StringComparer.Ordinal).Skip(1).Any())
            .SelectMany(series => series.SelectMany(a => series
                .Where(b => string.CompareOrdinal(a.SourceId, b.SourceId) < 0 && !Agreement.Agree(a, b))
                .Select(b => new Conflict(a, b))))
            .OrderBy(c => c.Recorded, ReadingOrder)];

    /// <summary>
    /// The distinct values one key field (Reporter, Product, Partner, ...) takes in the store, read as
    /// it is enumerated: a scan of the figures, for the vocabulary and for a filter value outside it.
    /// </summary>
    public IEnumerable<string> KeyValues(string field) =>
        _db.GetCollection("figures").Query().Select(BsonExpression.Create($"{{ v: $.{field} }}")).ToEnumerable()
            .Select(row => row["v"]).Where(v => v.IsString).Select(v => v.AsString).Distinct(StringComparer.Ordinal);

    public int ConfirmationCount(long figureId) => _confirmations.Count(BsonExpression.Create("FigureId = @0", figureId));

    /// <summary>How many figures of a document restated values already recorded.</summary>
    public int ConfirmationsOf(long documentId) => _confirmations.Count(BsonExpression.Create("DocumentId = @0", documentId));

    /// <summary>Whether any document of the source is archived (a source need not be configured any more to have some).</summary>
    public bool HasDocumentsOf(string sourceId) => _documents.Exists(BsonExpression.Create("SourceId = @0", sourceId));

    /// <summary>The latest stored version of every bulletin of every source (or of one), for re-extraction.</summary>
    public IReadOnlyList<StoredDocument> LatestDocuments(string? sourceId = null) =>
        [.. _documents.FindAll()
            .Where(d => sourceId is null || d.SourceId == sourceId)
            .GroupBy(d => (d.SourceId, d.Url))
            .Select(g => g.MaxBy(d => d.Id)!)
            .OrderBy(d => d.Id)];

    /// <summary>A bare indexed read of one key and period: the floor that <see cref="Current"/> and <see cref="History"/> are measured against.</summary>
    internal List<FigureVersion> RawLookup(long key) => [.. _figures.Find(BsonExpression.Create("Key = @0", key))];

    /// <summary>Loads generated versions as they are, for building large stores to measure (benchmarks only).</summary>
    internal void BulkLoad(IEnumerable<FigureVersion> versions)
    {
        lock (_writeLock)
        {
            _figures.InsertBulk(versions, 10_000);
            _openBySeries = null;
            _lastRecordedAt = null;
        }
    }

    private IEnumerable<FigureVersion> Matching(FigureFilter filter) =>
        (filter.ToExpression() is { } predicate ? _figures.Find(predicate) : _figures.FindAll()).Where(filter.Matches);
}
