using IngestWorker.Core.Fetching;
using Microsoft.Extensions.Options;

namespace IngestWorker.Core.Attachments;

/// <summary>
/// Turns an attachment into the HTML the figure extractor reads: PDF (<see cref="PdfText"/>) and HWPX
/// (<see cref="HwpxText"/>) are read; binary HWP, Word and anything else are refused as unsupported.
/// Bounded by the <c>Fetching</c> attachment limits: pages, unzipped bytes, zip entries, and time.
/// Its input is already bounded by <see cref="FetchOptions.MaxDocumentBytes"/>.
/// </summary>
public sealed class AttachmentReader(IOptions<FetchOptions> options)
{
    /// <summary>The message for an OLE2 file named or served as HWP: what a person has to do about it.</summary>
    public const string BinaryHwpUnsupported = "binary HWP is not supported; the ministry's PDF/HWPX is needed";

    public FetchOptions Limits => options.Value;

    /// <summary>
    /// The attachment as HTML (<c>&lt;p&gt;</c> paragraphs, <c>&lt;table&gt;&lt;tr&gt;&lt;td&gt;</c> tables), on a
    /// worker thread, within <see cref="FetchOptions.AttachmentTimeout"/>.
    /// </summary>
    /// <param name="fileName">The Content-Disposition file name, else the URL's path: only consulted when the bytes do not say what they are.</param>
    /// <exception cref="UnsupportedAttachmentException">Binary HWP, Word, a plain zip, or an unknown type.</exception>
    /// <exception cref="AttachmentException">Over a limit, too slow, or damaged.</exception>
    public async Task<string> ToHtmlAsync(byte[] content, string? fileName, string? contentType, CancellationToken cancellationToken)
    {
        var kind = Kind(content, fileName, contentType);
        var timeout = Limits.AttachmentTimeout;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var work = Task.Run(() => Convert(kind, content, stop.Token), stop.Token);
        try
        {
            return await work.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The conversion checks the token between pages and sections, so it stops soon after.
            await stop.CancelAsync();
            throw new AttachmentException($"reading it took longer than {timeout.TotalSeconds:0.###} s (Fetching:AttachmentTimeout)");
        }
    }

    /// <summary>As <see cref="ToHtmlAsync"/>, on the calling thread and without the time limit (re-extraction of the archive).</summary>
    public string ToHtml(byte[] content, string? fileName, string? contentType, CancellationToken cancellationToken) =>
        Convert(Kind(content, fileName, contentType), content, cancellationToken);

    private static AttachmentKind Kind(byte[] content, string? fileName, string? contentType)
    {
        ArgumentNullException.ThrowIfNull(content);
        var kind = AttachmentType.Of(content, fileName, contentType);
        if (kind == AttachmentKind.Compound)
        {
            var word = Path.GetExtension(fileName ?? "").Equals(".doc", StringComparison.OrdinalIgnoreCase)
                || (contentType?.StartsWith("application/msword", StringComparison.OrdinalIgnoreCase) ?? false);
            throw new UnsupportedAttachmentException(word ? "a binary Word document (.doc) is not read" : BinaryHwpUnsupported);
        }

        if (kind == AttachmentKind.Unknown)
        {
            throw new UnsupportedAttachmentException(
                $"not a PDF or HWPX (served as {contentType ?? "no type"}, starting '{AttachmentType.Preview(content)}')");
        }

        return kind;
    }

    private string Convert(AttachmentKind kind, byte[] content, CancellationToken cancellationToken)
    {
        var limits = Limits;
        return kind == AttachmentKind.Pdf
            ? PdfText.ToHtml(content, limits.MaxAttachmentPages, cancellationToken)
            : HwpxText.ToHtml(content, limits.MaxAttachmentEntries, limits.MaxAttachmentUnzippedBytes, cancellationToken);
    }
}
