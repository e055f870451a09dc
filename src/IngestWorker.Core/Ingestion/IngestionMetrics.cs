using System.Diagnostics.Metrics;

namespace IngestWorker.Core.Ingestion;

/// <summary>
/// The <c>IngestWorker</c> meter: fetches, bytes, failures, documents, figures and run duration,
/// tagged by source. Visible with <c>dotnet-counters monitor -n ingestworker --counters IngestWorker</c>.
/// </summary>
public sealed class IngestionMetrics
{
    public const string MeterName = "IngestWorker";

    private readonly Counter<long> _fetches;
    private readonly Counter<long> _bytes;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _documents;
    private readonly Counter<long> _figures;
    private readonly Histogram<double> _runDuration;

    public IngestionMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _fetches = meter.CreateCounter<long>("ingestworker.fetches", "{fetch}", "Documents fetched (including not-modified answers)");
        _bytes = meter.CreateCounter<long>("ingestworker.fetch.bytes", "By", "Bytes of the documents fetched");
        _failures = meter.CreateCounter<long>("ingestworker.failures", "{failure}", "Failed documents and failed source runs");
        _documents = meter.CreateCounter<long>("ingestworker.documents", "{document}", "Documents seen by runs, by outcome (new, unchanged, failed)");
        _figures = meter.CreateCounter<long>("ingestworker.figures", "{figure}", "Figure versions recorded by runs, by kind (new, revised)");
        _runDuration = meter.CreateHistogram<double>("ingestworker.run.duration", "s", "Duration of one run of one source");
    }

    public void Fetched(string source, long bytes)
    {
        var tag = new KeyValuePair<string, object?>("source", source);
        _fetches.Add(1, tag);
        _bytes.Add(bytes, tag);
    }

    public void Run(RunSummary summary, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var source = new KeyValuePair<string, object?>("source", summary.SourceId);
        Add(_documents, summary.NewDocuments, source, "outcome", "new");
        Add(_documents, summary.UnchangedDocuments, source, "outcome", "unchanged");
        Add(_documents, summary.FailedDocuments, source, "outcome", "failed");
        Add(_failures, summary.FailedDocuments, source, "kind", "document");
        Add(_failures, summary.Error is null ? 0 : 1, source, "kind", "source");
        Add(_figures, summary.NewFigures, source, "kind", "new");
        Add(_figures, summary.RevisedFigures, source, "kind", "revised");
        _runDuration.Record(elapsed.TotalSeconds, source, new("outcome", summary.Failed ? "failed" : "succeeded"));
    }

    private static void Add(Counter<long> counter, long value, KeyValuePair<string, object?> source, string key, string tag)
    {
        if (value > 0)
        {
            counter.Add(value, source, new(key, tag));
        }
    }
}
