namespace IngestWorker.Core.Ingestion;

/// <summary>A bulletin read from a file, to be recorded as if fetched from <paramref name="Url"/>.</summary>
/// <param name="Published">The publication date; null: the date the bulletin states.</param>
/// <param name="Language">en or ko; null: the source's, else detected.</param>
/// <param name="PublishedAt">The publication instant, when given to the time of day (its date is then <paramref name="Published"/>).</param>
public sealed record BulletinFile(string Url, byte[] Content, string? ContentType, DateOnly? Published = null, string? Language = null, DateTimeOffset? PublishedAt = null)
{
    /// <summary>How a bulletin on disk is read: a .txt file as plain text, anything else as HTML.</summary>
    public static string ContentTypeOf(string path) =>
        Path.GetExtension(path).Equals(".txt", StringComparison.OrdinalIgnoreCase) ? "text/plain" : "text/html";
}
