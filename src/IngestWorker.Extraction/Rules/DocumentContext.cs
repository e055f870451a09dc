using IngestWorker.Extraction.Parsing;
using IngestWorker.Extraction.Vocabulary;

namespace IngestWorker.Extraction.Rules;

/// <summary>What every sentence of one bulletin shares: its date, reporter, main period and treatment.</summary>
internal sealed class DocumentContext
{
    public required DateOnly Published { get; init; }

    public required string Reporter { get; init; }

    public required Period Main { get; init; }

    public required Lexicon Lexicon { get; init; }

    public bool Korean { get; init; }

    /// <summary>The release says its figures are seasonally adjusted (a note that covers the whole release).</summary>
    public bool Seasonal { get; init; }
}

/// <summary>What carries from one sentence to the next within a paragraph.</summary>
internal sealed class ParagraphState(Period period)
{
    public Period Period { get; set; } = period;

    /// <summary>The subject of the last figure, for sentences such as "It was the highest on record, accounting for 28.3 percent".</summary>
    public Frame? Carry { get; set; }
}
