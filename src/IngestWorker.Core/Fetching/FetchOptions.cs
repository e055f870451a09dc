namespace IngestWorker.Core.Fetching;

/// <summary>The <c>Fetching</c> section: how the worker talks to other people's servers.</summary>
public sealed class FetchOptions
{
    public const string SectionName = "Fetching";

    /// <summary>Sent with every request, so publishers can tell who is calling; its first word is the robots.txt token.</summary>
    public string UserAgent { get; set; } = "IngestWorker/1.0 (trade bulletin reader)";

    /// <summary>Time allowed for one attempt: waiting for the host's turn, the headers, and the body.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for one document with every retry and redirect; bounds how long a dead host holds a run.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries after a network error, 408, 429 or 5xx; 0 turns retries off.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry waits about this long, each next one twice as long, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The longest wait before a retry. A <c>Retry-After</c> asking for longer is not retried: the
    /// document fails now and the next scheduled run tries again.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>At most one request per this interval to any one host, shared by every source on it.</summary>
    public TimeSpan HostInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a host's robots.txt is trusted before it is read again.</summary>
    public TimeSpan RobotsCacheDuration { get; set; } = TimeSpan.FromHours(12);

    /// <summary>After this many failed requests to a host (half of those tried), requests to it stop for <see cref="CircuitBreakDuration"/>.</summary>
    public int CircuitMinimumThroughput { get; set; } = 8;

    /// <summary>How long a host that keeps failing is left alone.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Larger responses (after decompression) and files are refused.</summary>
    public long MaxDocumentBytes { get; set; } = 5 * 1024 * 1024;

    public int MaxRedirects { get; set; } = 5;

    /// <summary>
    /// Documents a source fetches in one run at most: a listing of thousands of links becomes many
    /// short runs, never one of hours. Bulletins never stored go first, newest first; then revisits.
    /// </summary>
    public int MaxDocumentsPerRun { get; set; } = 100;

    /// <summary>Attachments (PDF, HWPX) followed from one bulletin page at most, in page order; 0 follows none.</summary>
    public int MaxAttachmentsPerPage { get; set; } = 5;

    /// <summary>A PDF attachment with more pages than this is refused: a monthly release is a few dozen pages.</summary>
    public int MaxAttachmentPages { get; set; } = 60;

    /// <summary>Time allowed to turn one attachment into text; a PDF that takes longer is refused.</summary>
    public TimeSpan AttachmentTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An HWPX (zip) attachment that unpacks to more bytes than this, counted as inflated, is refused (a zip bomb).</summary>
    public long MaxAttachmentUnzippedBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>An HWPX (zip) attachment with more entries than this is refused.</summary>
    public int MaxAttachmentEntries { get; set; } = 1000;
}
