namespace IngestWorker.Core.Sources;

/// <summary>A bulletin a source points at: its URL, and the title, date and language the listing gives, if any.</summary>
/// <param name="PublishedAt">The publication instant, when known to the time of day.</param>
/// <param name="PublishedGiven">The date was given by whoever records the bulletin (a backfill), not by a feed: it outranks the bulletin's own.</param>
public sealed record Candidate(string Url, string? Title = null, DateOnly? Published = null, string? Language = null,
    DateTimeOffset? PublishedAt = null, bool PublishedGiven = false);
