using IngestWorker.Extraction;

namespace IngestWorker.Core.Storage;

/// <summary>What one document's write changed: new figures, revised figures, and how many were already known.</summary>
public sealed class RecordOutcome
{
    public List<FigureVersion> New { get; } = [];
    public List<Revision> Revised { get; } = [];
    public int Unchanged { get; set; }
    /// <summary>Versions just recorded that another source's current value contradicts beyond rounding.</summary>
    public List<Conflict> Conflicts { get; } = [];
}

/// <summary>Two sources that disagree on one figure beyond the precision either stated.</summary>
public sealed record Conflict(FigureVersion Recorded, FigureVersion Other);

/// <summary>A figure whose value changed: the version closed and the version that replaced it.</summary>
public sealed record Revision(FigureVersion Previous, FigureVersion Current);

/// <summary>A document to store and the figures read from it.</summary>
public sealed record DocumentFigures(StoredDocument Document, IReadOnlyList<FigureRecord> Records);
