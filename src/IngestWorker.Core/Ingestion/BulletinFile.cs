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

    private static readonly (byte[] Magic, string Kind)[] Signatures =
    [
        ("%PDF-"u8.ToArray(), "a PDF file"),
        ([0x50, 0x4B, 0x03, 0x04], "a ZIP archive (HWPX, DOCX, XLSX, ...)"),
        ([0xD0, 0xCF, 0x11, 0xE0], "an OLE compound file (HWP, DOC, XLS, ...)"),
        ([0x89, 0x50, 0x4E, 0x47], "a PNG image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        ("GIF8"u8.ToArray(), "a GIF image"),
        ([0x1F, 0x8B], "a gzip file"),
    ];

    /// <summary>
    /// Why <paramref name="content"/> is not a bulletin the extractor can read (a known binary format,
    /// or NUL bytes in its first 8 KiB, which text never has), or null for text. UTF-16 with its BOM is text.
    /// </summary>
    public static string? NotText(ReadOnlySpan<byte> content)
    {
        foreach (var (magic, kind) in Signatures)
        {
            if (content.StartsWith(magic))
            {
                return kind;
            }
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return null;
        }

        return content[..Math.Min(content.Length, 8192)].Contains((byte)0) ? "binary (it contains NUL bytes)" : null;
    }
}
