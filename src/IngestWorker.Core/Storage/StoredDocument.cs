namespace IngestWorker.Core.Storage;

/// <summary>One distinct content of a bulletin URL, kept whole so it can be re-extracted later.</summary>
public sealed class StoredDocument
{
    public long Id { get; set; }
    public string SourceId { get; set; } = "";
    public string Url { get; set; } = "";
    /// <summary>SHA-256 of the bytes as fetched (lower-case hex): the archive's identity of this content.</summary>

    /// <summary>
    /// For an attachment (a PDF or HWPX a bulletin page links): the URL of that page, the release it
    /// belongs to; <see cref="Url"/> is the attachment's own. Null for a page.
    /// </summary>
    public string? ReleaseUrl { get; set; }
    public string ContentHash { get; set; } = "";
    /// <summary>
    /// SHA-256 of the bulletin's main text (<see cref="Extraction.BulletinMetadata.MainText"/>, whitespace
    /// collapsed): a page whose bytes change on every request (a CSRF token, a render stamp) but whose
    /// bulletin does not is recognised as unchanged by it. Null in documents stored before it existed.
    /// </summary>
    public string? TextHash { get; set; }
    /// <summary>
    /// SHA-256 of the bulletin's title and the figures read from it (keys, periods, values, units):
    /// a page whose main text carries a view counter or a render time, but whose figures and title
    /// stay the same, is not stored again. Null in documents stored before it existed.
    /// </summary>
    public string? FiguresHash { get; set; }
    /// <summary>Characters of its main text (<see cref="Extraction.BulletinMetadata.MainText"/>); null in documents stored before it existed.</summary>
    public int? TextLength { get; set; }
    public DateTime FetchedAt { get; set; }
    /// <summary>The publication date periods were resolved against (ISO yyyy-MM-dd).</summary>
    public string Published { get; set; } = "";
    /// <summary>The publication instant (UTC): the bulletin's own, else the feed's, else the fetch time; see <see cref="PublishedFrom"/>.</summary>
    public DateTime PublishedAt { get; set; }
    /// <summary>Which of the three <see cref="PublishedAt"/> is (<see cref="PublicationSource"/>).</summary>
    public string PublishedFrom { get; set; } = "";
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

/// <summary>Where a document's publication instant comes from.</summary>
public static class PublicationSource
{
    /// <summary>The bulletin states its date (a date alone is the start of that day in the source's time zone).</summary>
    public const string Bulletin = "bulletin";
    /// <summary>The feed or listing that led to it gives the date or instant.</summary>
    public const string Feed = "feed";
    /// <summary>Nothing states it: the instant it was fetched.</summary>
    public const string Fetch = "fetch";
    /// <summary>Given by whoever recorded it (<c>ingest --published</c>, a manifest's <c>published</c> column).</summary>
    public const string Given = "given";
    /// <summary>Recorded before schema 3: the date periods were resolved against, at 00:00 UTC.</summary>
    public const string ResolvedDate = "resolved-date";
}
