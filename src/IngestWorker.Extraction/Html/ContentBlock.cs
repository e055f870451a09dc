namespace IngestWorker.Extraction.Html;

/// <summary>A piece of the bulletin's main content: a paragraph (or heading) of text, or a data table.</summary>
internal sealed class ContentBlock(string text, bool isHeading, TableGrid? table = null)
{
    public string Text { get; } = text;

    /// <summary>Headings restate body figures (often rounded); they help find the main period but yield no records.</summary>
    public bool IsHeading { get; } = isHeading;

    public TableGrid? Table { get; } = table;
}

/// <summary>A data table as rows of cell texts, with its caption (or the short line introducing it).</summary>
internal sealed class TableGrid(List<List<string>> rows, string caption, bool captionFromProse = false)
{
    public List<List<string>> Rows { get; } = rows;

    public string Caption { get; } = caption;

    /// <summary>The caption is the line of prose before the table (the table has no caption of its own).</summary>
    public bool CaptionFromProse { get; } = captionFromProse;
}
