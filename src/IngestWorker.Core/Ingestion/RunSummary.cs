namespace IngestWorker.Core.Ingestion;

/// <summary>What one run of one source did.</summary>
public sealed class RunSummary(string sourceId)
{
    public string SourceId { get; } = sourceId;
    public int Documents { get; set; }
    public int NewDocuments { get; set; }
    public int UnchangedDocuments { get; set; }
    public int FailedDocuments { get; set; }
    /// <summary>Documents robots.txt disallowed: skipped, neither fetched nor failed.</summary>
    public int RefusedDocuments { get; set; }
    public int NewFigures { get; set; }
    public int RevisedFigures { get; set; }
    /// <summary>Why the source as a whole failed (discovery failed), or null.</summary>
    public string? Error { get; set; }
    /// <summary>When the scheduler runs the source next, if a scheduler runs it.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }
    public bool Failed => Error is not null || FailedDocuments > 0;
    /// <summary>Stopped by a shutdown before every document was read: neither a success nor a failure.</summary>
    public bool CutShort { get; set; }
}
