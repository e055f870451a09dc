namespace IngestWorker.Extraction;

/// <summary>What extraction knows about a bulletin besides its text.</summary>
/// <param name="Published">The publication date that relative periods ("last month", "next year") resolve against.</param>
/// <param name="Language">"en" or "ko"; null lets the extractor detect it.</param>
/// <param name="DefaultReporter">ISO alpha-2 economy used when the text names none.</param>
public sealed record BulletinContext(DateOnly Published, string? Language = null, string? DefaultReporter = null);
