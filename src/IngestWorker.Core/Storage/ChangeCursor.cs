using System.Text.RegularExpressions;

namespace IngestWorker.Core.Storage;

/// <summary>
/// A named position in the store's changes: the highest figure version id a <c>changes --cursor</c>
/// call has reported. Version ids only grow and a document's versions commit together, so "after
/// this id" neither skips nor repeats a version recorded while a call runs.
/// </summary>
public sealed partial class ChangeCursor
{
    public const int MaxNameLength = 64;

    /// <summary>The cursor's name (letters, digits, '-', '_', '.').</summary>
    public string Id { get; set; } = "";

    /// <summary>The highest version id reported so far; 0 before the first call.</summary>
    public long AfterId { get; set; }

    public DateTime MovedAt { get; set; }

    public static bool IsValidName(string? name) => name is not null && ValidName().IsMatch(name);

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidName();
}

/// <summary>Versions read in one pass, and the highest version id that pass could see.</summary>
public sealed record ChangeBatch(IReadOnlyList<FigureVersion> Changes, long UpTo);
