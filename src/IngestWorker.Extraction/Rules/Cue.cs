using IngestWorker.Extraction.Parsing;
using IngestWorker.Extraction.Vocabulary;

namespace IngestWorker.Extraction.Rules;

/// <summary>A word or phrase of a sentence that sets the subject of its figures: a flow, product, partner, period or a non-trade subject.</summary>
internal sealed record Cue(int Start, int End, TermKind Kind, string Value, PeriodCue? Period = null)
{
    public bool IsPeriod => Period is not null;

    /// <summary>Cues that can form a "A and B ... respectively" list.</summary>
    public bool IsListable => IsPeriod ? Period!.Role == PeriodRole.Normal : Kind is TermKind.Product or TermKind.Partner or TermKind.Flow;

    public bool SameDimension(Cue other) => IsPeriod == other.IsPeriod && (IsPeriod || Kind == other.Kind);
}
