namespace IngestWorker.Extraction;

/// <summary>What a bulletin says about itself: its title and the date it states it was published.</summary>
public sealed record BulletinMetadata(string? Title, DateOnly? Published, string? Language)
{
    /// <summary>
    /// The text of the bulletin's main content (paragraphs, headings and tables, one block a line,
    /// without navigation, scripts or page furniture), as <see cref="FigureExtractor.Read"/> read it;
    /// null where the page was not read that far. What a bulletin means, for telling a changed
    /// bulletin from a page that only re-rendered its furniture.
    /// </summary>
    public string? MainText { get; init; }
}
