namespace IngestWorker.Core.Fetching;

/// <summary>The bytes of a bulletin as served, or the server's word that it has not changed.</summary>
public sealed record FetchedDocument(byte[] Content, string? ContentType, string? ETag, string? LastModified, bool NotModified = false)
{
    public static readonly FetchedDocument Unchanged = new([], null, null, null, NotModified: true);

    /// <summary>The file name its Content-Disposition gives (attachments), or null.</summary>
    public string? FileName { get; init; }
}

/// <summary>A fetch that failed for a reason worth one line in the log.</summary>
public class FetchException : Exception
{
    public FetchException() { }

    public FetchException(string message) : base(message) { }

    public FetchException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>robots.txt disallows the URL for our user agent: politeness, not a failure of the source.</summary>
public sealed class RobotsRefusalException : FetchException
{
    public RobotsRefusalException() { }

    public RobotsRefusalException(string message) : base(message) { }

    public RobotsRefusalException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// The server answered with something that is not a bulletin (a PDF, an image, an attachment):
/// already logged and skipped, not a failure of the source.
/// </summary>
public sealed class UnsupportedContentException : FetchException
{
    public UnsupportedContentException() { }

    public UnsupportedContentException(string message) : base(message) { }

    public UnsupportedContentException(string message, Exception inner) : base(message, inner) { }
}
