namespace IngestWorker.Extraction;

/// <summary>What a bulletin says about itself: its title and the date it states it was published.</summary>
public sealed record BulletinMetadata(string? Title, DateOnly? Published, string? Language);
