namespace IngestWorker.Core.Storage;

/// <summary>What the worker remembers of a source between runs: failures are data.</summary>
public sealed class SourceState
{
    /// <summary>The source id.</summary>
    public string Id { get; set; } = "";
    public DateTime? LastRunAt { get; set; }
    public DateTime? LastSuccessAt { get; set; }
    public string? LastError { get; set; }
    public DateTime? LastErrorAt { get; set; }
    public int ConsecutiveFailures { get; set; }
    /// <summary>The run that began the current streak of failures; null while the source works (and in stores older than it).</summary>
    public DateTime? FailingSince { get; set; }
    /// <summary>Bulletin links robots.txt disallowed, already reported once (at most <see cref="MaxRefusedRemembered"/>, newest last).</summary>
    public List<string> RefusedByRobots { get; set; } = [];
    /// <summary>
    /// Why the source works but yields nothing (every bulletin link it lists is disallowed by robots.txt),
    /// or null: not a failure, yet something a person should see in health and status.
    /// </summary>
    public string? Degraded { get; set; }

    /// <summary>
    /// Attachments that could not be read (binary HWP, a damaged or over-limit file), already reported:
    /// not downloaded again until their release page changes (at most <see cref="MaxRefusedRemembered"/>, newest last).
    /// </summary>
    public List<string> UnreadableAttachments { get; set; } = [];

    /// <summary>Adds <paramref name="url"/> to <paramref name="remembered"/> unless there; false when it was there already.</summary>
    public static bool Remember(List<string> remembered, string url)
    {
        ArgumentNullException.ThrowIfNull(remembered);
        if (remembered.Contains(url))
        {
            return false;
        }

        remembered.Add(url);
        if (remembered.Count > MaxRefusedRemembered)
        {
            remembered.RemoveAt(0);
        }

        return true;
    }

    /// <summary>How many links <see cref="RefusedByRobots"/> and <see cref="UnreadableAttachments"/> keep.</summary>
    public const int MaxRefusedRemembered = 500;
}

/// <summary>Validators and hash of a listing page or feed, so an unchanged listing costs one request.</summary>
public sealed class ListingState
{
    /// <summary>The listing URL.</summary>
    public string Id { get; set; } = "";
    public string? ETag { get; set; }
    public string? LastModified { get; set; }
    public string? ContentHash { get; set; }
    /// <summary>What the listing pointed at when last read, so an unchanged listing needs no parsing.</summary>
    public List<ListedBulletin> Bulletins { get; set; } = [];
}

/// <summary>One link of a listing as last read.</summary>
public sealed class ListedBulletin
{
    public string Url { get; set; } = "";
    public string? Title { get; set; }
    /// <summary>ISO yyyy-MM-dd, when the listing or feed gave a date.</summary>
    public string? Published { get; set; }
}
