namespace IngestWorker.Extraction;

/// <summary>
/// Reads a trade bulletin (HTML or plain text) into figure records. Pure: no I/O, no clock;
/// thread-safe and reusable.
/// </summary>
public sealed class FigureExtractor
{
    /// <summary>Changes whenever the records produced for some input change, so archives can be re-extracted.</summary>
    public const string Version = "0";

    /// <summary>Every figure the bulletin states, to the extraction contract.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "An instance API: callers hold one extractor.")]
    public IReadOnlyList<FigureRecord> Extract(string html, BulletinContext context)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(context);
        throw new NotImplementedException("extraction arrives with the extraction work");
    }

    /// <summary>The bulletin's own title, stated publication date and language, where it states them.</summary>
    public static BulletinMetadata ReadMetadata(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        throw new NotImplementedException("extraction arrives with the extraction work");
    }
}
