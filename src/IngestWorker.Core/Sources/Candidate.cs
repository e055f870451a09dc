namespace IngestWorker.Core.Sources;

/// <summary>A bulletin a source points at: its URL, and the title, date and language the listing gives, if any.</summary>
public sealed record Candidate(string Url, string? Title = null, DateOnly? Published = null, string? Language = null);
