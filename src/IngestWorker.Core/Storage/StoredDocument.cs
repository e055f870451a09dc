namespace IngestWorker.Core.Storage;

/// <summary>One distinct content of a bulletin URL, kept whole so it can be re-extracted later.</summary>
public sealed class StoredDocument
{
    public long Id { get; set; }
    public string SourceId { get; set; } = "";
    public string Url { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public DateTime FetchedAt { get; set; }
    /// <summary>The publication date periods were resolved against (ISO yyyy-MM-dd).</summary>
    public string Published { get; set; } = "";
    public string? Title { get; set; }
    public string? Language { get; set; }
    public string? ContentType { get; set; }
    public string? ETag { get; set; }
    public string? LastModified { get; set; }
    /// <summary>The raw bytes as fetched, Brotli-compressed.</summary>
    public byte[] Content { get; set; } = [];
    public string ExtractorVersion { get; set; } = "";
    public int FigureCount { get; set; }
}
