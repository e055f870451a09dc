namespace IngestWorker.Extraction.Html;

/// <summary>
/// Plain-text bulletins: paragraphs are separated by blank lines (or single lines when there are none); a short first line
/// that does not end a sentence is the title, read as a heading.
/// </summary>
internal static class PlainText
{
    public static List<ContentBlock> Read(string text)
    {
        var blocks = new List<ContentBlock>();
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var parts = normalized.Contains("\n\n", StringComparison.Ordinal) ? normalized.Split("\n\n") : normalized.Split('\n');
        foreach (var part in parts)
        {
            var collapsed = TextNormalizer.Collapse(part);
            if (collapsed.Length > 0)
            {
                var isTitle = blocks.Count == 0 && collapsed.Length <= 160 && !part.Contains('\n', StringComparison.Ordinal) && collapsed[^1] is not ('.' or '다' or '。');
                blocks.Add(MonthSeriesLine.TryRead(collapsed, out var series) ? new ContentBlock(collapsed, false, series) : new ContentBlock(collapsed, isTitle));
            }
        }

        return blocks;
    }
}
