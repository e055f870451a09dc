namespace IngestWorker.Core.Storage;

/// <summary>What one document's write changed: new figures, revised figures, and how many were already known.</summary>
public sealed class RecordOutcome
{
    public List<FigureVersion> New { get; } = [];
    public List<Revision> Revised { get; } = [];
    public int Unchanged { get; set; }
}

/// <summary>A figure whose value changed: the version closed and the version that replaced it.</summary>
public sealed record Revision(FigureVersion Previous, FigureVersion Current);
