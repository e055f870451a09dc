namespace IngestWorker.Extraction.Html;

/// <summary>Plain-text bulletins: paragraphs are separated by blank lines (or single lines when there are none).</summary>
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
                blocks.Add(MonthSeriesLine.TryRead(collapsed, out var series) ? new ContentBlock(collapsed, false, series) : new ContentBlock(collapsed, false));
            }
        }

        return blocks;
    }
}
