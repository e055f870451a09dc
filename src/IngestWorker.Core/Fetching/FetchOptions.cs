namespace IngestWorker.Core.Fetching;

/// <summary>The <c>Fetching</c> section: how the worker talks to other people's servers.</summary>
public sealed class FetchOptions
{
    public const string SectionName = "Fetching";

    /// <summary>Sent with every request, so publishers can tell who is calling.</summary>
    public string UserAgent { get; set; } = "IngestWorker/1.0 (trade bulletin reader)";

    /// <summary>Time allowed for one request, headers and body.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Larger responses (and files) are refused.</summary>
    public long MaxDocumentBytes { get; set; } = 5 * 1024 * 1024;

    public int MaxRedirects { get; set; } = 5;
}
