using System.Globalization;
using LiteDB;

namespace IngestWorker.Core.Storage;

public sealed partial class FigureStore
{
    /// <summary>
    /// Schema 3 dates every version by publication as well as by recording. A document stored before
    /// knew only the date its periods were resolved against: that date at 00:00 UTC becomes its
    /// publication instant (<see cref="PublicationSource.ResolvedDate"/>). Each version takes its
    /// document's instant as realtime_start, and a replaced version the next version's as
    /// realtime_end; and each keeps its figure as stated, read again from its evidence
    /// (<see cref="StatedFigure"/>). Every row is rewritten once, in one transaction, so a crash leaves schema 2.
    /// </summary>
    private void MigrateToVintages(ILiteCollection<BsonDocument> meta)
    {
        _db.BeginTrans();
        try
        {
            var published = new Dictionary<long, DateTime>();
            foreach (var batch in _documents.FindAll().Chunk(500))
            {
                foreach (var document in batch)
                {
                    document.PublishedAt = DateOnly.TryParseExact(document.Published, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                        ? date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)
                        : document.FetchedAt;
                    document.PublishedFrom = PublicationSource.ResolvedDate;
                    published[document.Id] = document.PublishedAt;
                }

                _documents.Update(batch);
            }

            var rows = _db.GetCollection("figures");
            var projection = BsonExpression.Create("{ _id, Reporter, Flow, Product, Partner, Measure, Basis, Adjustment, Period, SourceId, Version, SupersededAt, DocumentId, RecordedAt }");
            var starts = new Dictionary<long, DateTime>();
            var ends = new Dictionary<long, DateTime>();
            var chains = rows.Query().Select(projection).ToEnumerable()
                .GroupBy(r => string.Join('|', r["Reporter"].AsString, r["Flow"].AsString, r["Product"].AsString, r["Partner"].AsString,
                    r["Measure"].AsString, r["Basis"].AsString, r["Adjustment"].AsString, r["Period"].AsString, r["SourceId"].AsString), StringComparer.Ordinal);
            foreach (var chain in chains)
            {
                BsonDocument? previous = null;
                foreach (var row in chain.OrderBy(r => r["Version"].AsInt32))
                {
                    var start = published.TryGetValue(row["DocumentId"].AsInt64, out var instant) ? instant : row["RecordedAt"].AsDateTime;
                    starts[row["_id"].AsInt64] = start;
                    if (previous is not null && !previous["SupersededAt"].IsNull)
                    {
                        ends[previous["_id"].AsInt64] = start;
                    }

                    previous = row;
                }
            }

            foreach (var batch in rows.FindAll().Chunk(5000))
            {
                foreach (var row in batch)
                {
                    var id = row["_id"].AsInt64;
                    row[nameof(FigureVersion.PublishedAt)] = starts[id];
                    row[nameof(FigureVersion.PublishedFrom)] = PublicationSource.ResolvedDate;
                    row[nameof(FigureVersion.RealtimeEnd)] = ends.TryGetValue(id, out var end) ? end : BsonValue.Null;
                    var stated = StatedFigure.Find(row["Value"].AsDecimal, row["Unit"].AsString, row["Evidence"].AsString);
                    row[nameof(FigureVersion.StatedDecimals)] = stated is { } s ? s.Decimals : BsonValue.Null;
                    row[nameof(FigureVersion.StatedExponent)] = stated is { } t ? t.Exponent : BsonValue.Null;
                }

                rows.Update(batch);
            }

            meta.Update(new BsonDocument { ["_id"] = "schema", ["version"] = 3 });
            _db.Commit();
        }
        catch
        {
            _db.Rollback();
            throw;
        }
    }
}
