namespace IngestWorker.Core.Sources;

/// <summary>A bulletin a source points at: its URL, and the title, date and language the listing gives, if any.</summary>
/// <param name="Published">The publication date the listing or feed gives, in the publisher's time zone.</param>
/// <param name="PublishedAt">The publication instant, when known to the time of day.</param>
/// <param name="PublishedGiven">The date was given by whoever records the bulletin (a backfill), not by a feed: it outranks the bulletin's own.</param>
/// <param name="Description">
/// A feed item's content or description, as HTML (null when it has none): the bulletin itself for a
/// source whose <see cref="SourceDefinition.ItemText"/> says so, or when the linked page is empty.
/// </param>
/// <param name="PublishedFrom">
/// Where <see cref="PublishedAt"/> comes from when it is not a feed's (<see cref="Storage.PublicationSource"/>):
/// an attachment carries its release page's.
/// </param>
public sealed record Candidate(string Url, string? Title = null, DateOnly? Published = null, string? Language = null,
    DateTimeOffset? PublishedAt = null, bool PublishedGiven = false, string? Description = null, string? PublishedFrom = null);
