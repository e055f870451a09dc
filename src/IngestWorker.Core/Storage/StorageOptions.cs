namespace IngestWorker.Core.Storage;

/// <summary>The <c>Storage</c> section: where the figures live.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The LiteDB file, relative to the content root or absolute; its folder is created if missing.</summary>
    public string DatabasePath { get; set; } = "data/ingestworker.db";

    /// <summary>Encrypts the file (LiteDB's AES); also read from INGESTWORKER_Storage__Password.</summary>
    public string? Password { get; set; }

    /// <summary>How often committed pages are moved from the log file into the data file.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(10);
}
