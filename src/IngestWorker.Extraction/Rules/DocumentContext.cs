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

    /// <summary>The bulletin reports Singapore's non-oil domestic exports: its export figures are that series, its items are not records.</summary>
    public bool DomesticExportsSeries { get; init; }

    /// <summary>What a bare "$" stands for: the reporter's own dollar (AUD, TWD, …) where it has one, else USD (contract, decision 11).</summary>
    public string BareDollar { get; init; } = "USD";

    /// <summary>The release says its figures are seasonally adjusted (a note that covers the whole release).</summary>
    public bool Seasonal { get; init; }
}

/// <summary>What carries from one sentence to the next within a paragraph.</summary>
internal sealed class ParagraphState(Period period)
{
    public Period Period { get; set; } = period;

    /// <summary>The subject of the last figure, for sentences such as "It was the highest on record, accounting for 28.3 percent".</summary>
    public Frame? Carry { get; set; }

    /// <summary>The base of change ("mom_pct" or "yoy_pct") the paragraph last named.</summary>
    public string? LastChange { get; set; }

    /// <summary>The base of change the bulletin named first: its headline basis, carried from paragraph to paragraph.</summary>
    public string? FirstChange { get; set; }

    /// <summary>The partner the paragraph declared for what follows ("In trade with the EU, …"), or null.</summary>
    public string? Partner { get; set; }

    /// <summary>The currency the paragraph declared for bare amounts ("Measured in US dollars, …"), or null.</summary>
    public string? Currency { get; set; }
}
