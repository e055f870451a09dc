using HtmlAgilityPack;
using IngestWorker.Extraction.Html;
using IngestWorker.Extraction.Rules;

namespace IngestWorker.Extraction;

/// <summary>
/// Reads a trade bulletin (HTML or plain text) into figure records. Pure: no I/O, no clock;
/// thread-safe and reusable.
/// </summary>
public sealed class FigureExtractor
{
    /// <summary>Changes whenever the records produced for some input change, so archives can be re-extracted.</summary>
    public const string Version = "5";

    /// <summary>Inputs beyond this many characters are read up to it: bulletins are a few pages long.</summary>
    private const int MaxInput = 1_000_000;

    /// <summary>Every figure the bulletin states, to the extraction contract.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "An instance API: callers hold one extractor.")]
    public IReadOnlyList<FigureRecord> Extract(string html, BulletinContext context)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(context);
        var input = html.Length > MaxInput ? html[..MaxInput] : html;
        try
        {
            var blocks = !LooksLikeHtml(input) ? PlainText.Read(input)
                : HtmlGuard.IsTooDeep(input) ? PlainText.Read(HtmlGuard.StripTags(input))
                : MainContent.Read(Load(input));
            return DocumentReader.Read(blocks, context);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or StackOverflowException or ThreadAbortException))
        {
            // Last line of defence for input no rule anticipated: a bulletin that cannot be read yields no records
            // (the worker must never die of one page; the fuzz tests keep this path cold).
            return [];
        }
    }

    /// <summary>
    /// The bulletin's metadata (with its <see cref="BulletinMetadata.MainText"/>) and its figures, parsing the page once: <paramref name="context"/>
    /// turns what the page states about itself (its date, its language) into the extraction context.
    /// The same as <see cref="ReadMetadata"/> followed by <see cref="Extract"/>, at about half the parsing.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "An instance API: callers hold one extractor.")]
    public (BulletinMetadata Metadata, IReadOnlyList<FigureRecord> Records) Read(string html, Func<BulletinMetadata, BulletinContext> context)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(context);
        var input = html.Length > MaxInput ? html[..MaxInput] : html;
        if (!LooksLikeHtml(input) || HtmlGuard.IsTooDeep(input))
        {
            var metadata = ReadMetadata(input);
            var text = LooksLikeHtml(input) ? HtmlGuard.StripTags(input) : input;
            return Reading(metadata, () => PlainText.Read(text), context);
        }

        HtmlDocument document;
        BulletinMetadata stated;
        try
        {
            document = Load(input);
            stated = Metadata.Read(document, input);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or StackOverflowException or ThreadAbortException))
        {
            return (new BulletinMetadata(null, null, null), []);
        }

        return Reading(stated, () => MainContent.Read(document), context);
    }

    /// <summary>The main content's blocks read into records; the blocks' text joins the metadata as <see cref="BulletinMetadata.MainText"/>.</summary>
    private static (BulletinMetadata Metadata, IReadOnlyList<FigureRecord> Records) Reading(
        BulletinMetadata stated, Func<List<ContentBlock>> read, Func<BulletinMetadata, BulletinContext> context)
    {
        var bulletin = context(stated);
        try
        {
            var blocks = read();
            var metadata = stated with { MainText = string.Join('\n', blocks.Select(b => b.Text)) };
            return (metadata, DocumentReader.Read(blocks, bulletin));
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or StackOverflowException or ThreadAbortException))
        {
            return (stated, []);
        }
    }

    /// <summary>The bulletin's own title, stated publication date and language, where it states them.</summary>
    public static BulletinMetadata ReadMetadata(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var input = html.Length > MaxInput ? html[..MaxInput] : html;
        try
        {
            return HtmlGuard.IsTooDeep(input) ? Metadata.Read(Load(HtmlGuard.StripTags(input)), input) : Metadata.Read(Load(input), input);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or StackOverflowException or ThreadAbortException))
        {
            return new BulletinMetadata(null, null, null);
        }
    }

    private static HtmlDocument Load(string html)
    {
        var doc = new HtmlDocument { OptionFixNestedTags = false, OptionCheckSyntax = false };
        doc.LoadHtml(html);
        return doc;
    }

    private static bool LooksLikeHtml(string text)
    {
        var head = text.AsSpan(0, Math.Min(text.Length, 4000));
        return head.Contains("<html", StringComparison.OrdinalIgnoreCase) || head.Contains("<p", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<div", StringComparison.OrdinalIgnoreCase) || head.Contains("<body", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<!doctype", StringComparison.OrdinalIgnoreCase) || head.Contains("<br", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<table", StringComparison.OrdinalIgnoreCase);
    }
}
