using IngestWorker.Extraction;
using LiteDB;

namespace IngestWorker.Core.Storage;

/// <summary>One version of one figure of one source: a row of the figures collection.</summary>
public sealed class FigureVersion
{
    public long Id { get; set; }
    /// <summary>Period, reporter, flow, product and partner as one number: the indexed way into one figure's measures and history (see <see cref="FigureKey"/>).</summary>
    public long Key { get; set; }
    public string Reporter { get; set; } = "";
    public string Flow { get; set; } = "";
    public string Product { get; set; } = "";
    public string Partner { get; set; } = "";
    public string Period { get; set; } = "";
    public string Measure { get; set; } = "";
    public string Basis { get; set; } = "";
    public string Adjustment { get; set; } = "";
    public decimal Value { get; set; }
    public string Unit { get; set; } = "";
    /// <summary>Digits after the point of the number as stated (61.04 billion: 2); null when its evidence does not show it.</summary>
    public int? StatedDecimals { get; set; }
    /// <summary>The power of ten its scale word stands for (billion: 9, 억: 8; a percent: 0); null with <see cref="StatedDecimals"/>.</summary>
    public int? StatedExponent { get; set; }
    public string SourceId { get; set; } = "";
    public int Version { get; set; }
    public string Reason { get; set; } = "";
    public DateTime RecordedAt { get; set; }
    public DateTime? SupersededAt { get; set; }
    /// <summary>The publication instant of the document that stated this value: ALFRED's realtime_start.</summary>
    public DateTime PublishedAt { get; set; }
    /// <summary>Which source that instant is (<see cref="PublicationSource"/>).</summary>
    public string PublishedFrom { get; set; } = "";
    /// <summary>The publication instant of the version that replaced this one (ALFRED's realtime_end); null while it is the latest word.</summary>
    public DateTime? RealtimeEnd { get; set; }
    public long DocumentId { get; set; }
    public string DocumentUrl { get; set; } = "";
    /// <summary>When the document is an attachment: the bulletin page that links it (<see cref="StoredDocument.ReleaseUrl"/>); else null.</summary>
    public string? ReleaseUrl { get; set; }
    public string Evidence { get; set; } = "";
    public string ExtractorVersion { get; set; } = "";

    /// <summary>The figure as stated, when known.</summary>
    [BsonIgnore]
    public StatedFigure? Stated => StatedDecimals is { } d && StatedExponent is { } e ? new StatedFigure(d, e) : null;

    /// <summary>Half a unit of the last digit stated: how far another source's value may lie and still agree.</summary>
    [BsonIgnore]
    public decimal HalfUnit => StatedFigure.HalfUnitOf(Value, Stated);

    /// <summary>Key and period, whatever the source: the figure all sources' chains report.</summary>
    [BsonIgnore]
    public string SeriesId => SeriesOf(Reporter, Flow, Product, Partner, Measure, Basis, Adjustment, Period);

    /// <summary>Key, period and source: the chain this version belongs to.</summary>
    [BsonIgnore]
    public string ChainId => SeriesId + "|" + SourceId;

    public static string SeriesOf(FigureRecord r) => SeriesOf(r.Reporter, r.Flow, r.Product, r.Partner, r.Measure, r.Basis, r.Adjustment, r.Period);

    public static string SeriesOf(string reporter, string flow, string product, string partner, string measure, string basis, string adjustment, string period) =>
        string.Join('|', reporter, flow, product, partner, measure, basis, adjustment, period);

    /// <summary>Whether this version was the latest word at <paramref name="instant"/>: published (by default) or recorded by then and not yet replaced.</summary>
    public bool KnownAt(DateTime instant, TimeAxis axis = TimeAxis.Published) => axis == TimeAxis.Published
        ? PublishedAt <= instant && (RealtimeEnd is null || RealtimeEnd > instant)
        : RecordedAt <= instant && (SupersededAt is null || SupersededAt > instant);

    /// <summary>The instant this version began on <paramref name="axis"/>.</summary>
    public DateTime Since(TimeAxis axis) => axis == TimeAxis.Published ? PublishedAt : RecordedAt;

    public FigureRecord ToRecord() =>
        new(Reporter, Flow, Product, Partner, Period, Measure, Basis, Adjustment, Value, Unit, Evidence);
}

/// <summary>Which clock an as-of question is asked on: when publishers released a value (vintages), or when this program recorded it.</summary>
public enum TimeAxis
{
    Published,
    Recorded,
}

/// <summary>Why a figure version exists.</summary>
public static class VersionReason
{
    public const string FirstSeen = "first-seen";
    public const string Revised = "revised";
    public const string ReExtracted = "re-extracted";
}

/// <summary>A later document that stated the same value again: remembered, but no new version.</summary>
public sealed class Confirmation
{
    public long Id { get; set; }
    public long FigureId { get; set; }
    public long DocumentId { get; set; }
    public DateTime ConfirmedAt { get; set; }
}
