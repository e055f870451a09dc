using System.Text;

namespace IngestWorker.Core.Attachments;

/// <summary>What an attachment's bytes are, as far as reading it goes.</summary>
public enum AttachmentKind
{
    /// <summary>Nothing says what it is, or it says something we do not read.</summary>
    Unknown,
    Pdf,
    /// <summary>A zip archive: HWPX (Hancom's OWPML, KS X 6101) when it holds its <c>mimetype</c> or <c>Contents/section*.xml</c>.</summary>
    Zip,
    /// <summary>An OLE2 compound file (HWP 5.0 binary, or an old Word document).</summary>
    Compound,
}

/// <summary>
/// Recognises an attachment: by its magic bytes first (they cannot lie about the format), then by the
/// extension of its Content-Disposition filename or URL, then by its Content-Type.
/// </summary>
public static class AttachmentType
{
    // ISO 32000-1 §7.5.2 puts "%PDF-" first; readers (and PdfPig) accept it within the first 1024 bytes.
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    // The OLE2 / Compound File Binary signature (MS-CFB §2.2) that HWP 5.0 files use.
    private static readonly byte[] CompoundMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>The kind of <paramref name="content"/>; <paramref name="fileName"/> (a name or URL path) and <paramref name="contentType"/> only decide when the bytes do not.</summary>
    public static AttachmentKind Of(ReadOnlySpan<byte> content, string? fileName, string? contentType)
    {
        if (content.StartsWith(ZipMagic))
        {
            return AttachmentKind.Zip;
        }

        if (content.StartsWith(CompoundMagic))
        {
            return AttachmentKind.Compound;
        }

        if (content[..Math.Min(content.Length, 1024)].IndexOf(PdfMagic) >= 0)
        {
            return AttachmentKind.Pdf;
        }

        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        var byName = extension switch
        {
            ".pdf" => AttachmentKind.Pdf,
            ".hwpx" or ".zip" => AttachmentKind.Zip,
            ".hwp" or ".doc" => AttachmentKind.Compound,
            _ => AttachmentKind.Unknown,
        };
        if (byName != AttachmentKind.Unknown)
        {
            return byName;
        }

        return MediaType(contentType) switch
        {
            "application/pdf" or "application/x-pdf" => AttachmentKind.Pdf,
            "application/hwp+zip" or "application/vnd.hancom.hwpx" or "application/zip" => AttachmentKind.Zip,
            "application/haansofthwp" or "application/x-hwp" or "application/vnd.hancom.hwp" or "application/msword" => AttachmentKind.Compound,
            _ => AttachmentKind.Unknown,
        };
    }

    /// <summary>Whether the bytes open like a file of <paramref name="kind"/>; a name or type alone is only a claim.</summary>
    internal static bool BytesAre(ReadOnlySpan<byte> content, AttachmentKind kind) => kind switch
    {
        AttachmentKind.Pdf => content[..Math.Min(content.Length, 1024)].IndexOf(PdfMagic) >= 0,
        AttachmentKind.Zip => content.StartsWith(ZipMagic),
        AttachmentKind.Compound => content.StartsWith(CompoundMagic),
        _ => false,
    };

    /// <summary>The first bytes as text for a message, printable ASCII only.</summary>
    internal static string Preview(ReadOnlySpan<byte> content)
    {
        var text = new StringBuilder();
        foreach (var b in content[..Math.Min(content.Length, 8)])
        {
            text.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
        }

        return text.ToString();
    }

    private static string? MediaType(string? contentType) =>
        contentType?.Split(';', 2)[0].Trim().ToLowerInvariant();
}
