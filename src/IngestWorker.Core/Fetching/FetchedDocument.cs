namespace IngestWorker.Core.Fetching;

/// <summary>The bytes of a bulletin as served, or the server's word that it has not changed.</summary>
public sealed record FetchedDocument(byte[] Content, string? ContentType, string? ETag, string? LastModified, bool NotModified = false)
{
    public static readonly FetchedDocument Unchanged = new([], null, null, null, NotModified: true);
}

/// <summary>A fetch that failed for a reason worth one line in the log.</summary>
public sealed class FetchException : Exception
{
    public FetchException() { }

    public FetchException(string message) : base(message) { }

    public FetchException(string message, Exception inner) : base(message, inner) { }
}
