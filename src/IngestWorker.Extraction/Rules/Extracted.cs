namespace IngestWorker.Extraction.Rules;

/// <summary>A record with the number of decimals it was stated with, so the most precise statement of a figure wins.</summary>
internal sealed record Extracted(FigureRecord Record, int Precision);
