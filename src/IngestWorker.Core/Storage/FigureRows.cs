using LiteDB;

namespace IngestWorker.Core.Storage;

/// <summary>
/// A figure version as a LiteDB row and back, written out by hand: LiteDB's reflection mapper grows
/// each row's dictionary field by field and boxes every value through delegates, which cost as much
/// as the rest of recording a figure. The field names are the properties' names (and <c>_id</c>), as
/// the mapper would write them, so typed queries and existing files read the same.
/// </summary>
internal static class FigureRows
{
    private const int Fields = 27;

    public static void Register(BsonMapper mapper) => mapper.RegisterType(ToRow, FromRow);

    private static BsonValue ToRow(FigureVersion v)
    {
        var row = new BsonDocument();
        ((Dictionary<string, BsonValue>)row.RawValue).EnsureCapacity(Fields);
        row["_id"] = v.Id;
        row[nameof(FigureVersion.Key)] = v.Key;
        row[nameof(FigureVersion.Reporter)] = v.Reporter;
        row[nameof(FigureVersion.Flow)] = v.Flow;
        row[nameof(FigureVersion.Product)] = v.Product;
        row[nameof(FigureVersion.Partner)] = v.Partner;
        row[nameof(FigureVersion.Period)] = v.Period;
        row[nameof(FigureVersion.Measure)] = v.Measure;
        row[nameof(FigureVersion.Basis)] = v.Basis;
        row[nameof(FigureVersion.Adjustment)] = v.Adjustment;
        row[nameof(FigureVersion.Value)] = v.Value;
        row[nameof(FigureVersion.Unit)] = v.Unit;
        row[nameof(FigureVersion.StatedDecimals)] = v.StatedDecimals is { } decimals ? decimals : BsonValue.Null;
        row[nameof(FigureVersion.StatedExponent)] = v.StatedExponent is { } exponent ? exponent : BsonValue.Null;
        row[nameof(FigureVersion.SourceId)] = v.SourceId;
        row[nameof(FigureVersion.Version)] = v.Version;
        row[nameof(FigureVersion.Reason)] = v.Reason;
        row[nameof(FigureVersion.RecordedAt)] = v.RecordedAt;
        row[nameof(FigureVersion.SupersededAt)] = v.SupersededAt is { } superseded ? superseded : BsonValue.Null;
        row[nameof(FigureVersion.PublishedAt)] = v.PublishedAt;
        row[nameof(FigureVersion.PublishedFrom)] = v.PublishedFrom;
        row[nameof(FigureVersion.RealtimeEnd)] = v.RealtimeEnd is { } end ? end : BsonValue.Null;
        row[nameof(FigureVersion.DocumentId)] = v.DocumentId;
        row[nameof(FigureVersion.DocumentUrl)] = v.DocumentUrl;
        row[nameof(FigureVersion.ReleaseUrl)] = v.ReleaseUrl is { } release ? release : BsonValue.Null;
        row[nameof(FigureVersion.Evidence)] = v.Evidence;
        row[nameof(FigureVersion.ExtractorVersion)] = v.ExtractorVersion;
        return row;
    }

    private static FigureVersion FromRow(BsonValue value)
    {
        var row = value.AsDocument;
        var superseded = row[nameof(FigureVersion.SupersededAt)];
        var end = row[nameof(FigureVersion.RealtimeEnd)];
        return new FigureVersion
        {
            Id = row["_id"].AsInt64,
            Key = row[nameof(FigureVersion.Key)].AsInt64,
            Reporter = Text(row, nameof(FigureVersion.Reporter)),
            Flow = Text(row, nameof(FigureVersion.Flow)),
            Product = Text(row, nameof(FigureVersion.Product)),
            Partner = Text(row, nameof(FigureVersion.Partner)),
            Period = Text(row, nameof(FigureVersion.Period)),
            Measure = Text(row, nameof(FigureVersion.Measure)),
            Basis = Text(row, nameof(FigureVersion.Basis)),
            Adjustment = Text(row, nameof(FigureVersion.Adjustment)),
            Value = row[nameof(FigureVersion.Value)].AsDecimal,
            Unit = Text(row, nameof(FigureVersion.Unit)),
            StatedDecimals = Number(row, nameof(FigureVersion.StatedDecimals)),
            StatedExponent = Number(row, nameof(FigureVersion.StatedExponent)),
            SourceId = Text(row, nameof(FigureVersion.SourceId)),
            Version = row[nameof(FigureVersion.Version)].AsInt32,
            Reason = Text(row, nameof(FigureVersion.Reason)),
            RecordedAt = row[nameof(FigureVersion.RecordedAt)].AsDateTime,
            SupersededAt = superseded.IsNull ? null : superseded.AsDateTime,
            PublishedAt = row[nameof(FigureVersion.PublishedAt)] is { IsDateTime: true } published ? published.AsDateTime : default,
            PublishedFrom = Text(row, nameof(FigureVersion.PublishedFrom)),
            RealtimeEnd = end.IsDateTime ? end.AsDateTime : null,
            DocumentId = row[nameof(FigureVersion.DocumentId)].AsInt64,
            DocumentUrl = Text(row, nameof(FigureVersion.DocumentUrl)),
            ReleaseUrl = row[nameof(FigureVersion.ReleaseUrl)] is { IsString: true } release ? release.AsString : null,
            Evidence = Text(row, nameof(FigureVersion.Evidence)),
            ExtractorVersion = Text(row, nameof(FigureVersion.ExtractorVersion)),
        };
    }

    private static int? Number(BsonDocument row, string field) => row[field] is { IsInt32: true } number ? number.AsInt32 : null;

    private static string Text(BsonDocument row, string field) => row[field] is { IsString: true } text ? text.AsString : "";
}
