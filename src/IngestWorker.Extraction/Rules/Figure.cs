using IngestWorker.Extraction.Parsing;

namespace IngestWorker.Extraction.Rules;

/// <summary>A number stated in a sentence (money or percent) and what the rules have learned about it.</summary>
internal sealed class Figure
{
    public required int Start { get; init; }

    public required int End { get; init; }

    public required bool IsMoney { get; init; }

    public required decimal Value { get; init; }

    public required string Unit { get; init; }

    public int Decimals { get; init; }

    /// <summary>+1/-1 when the number carries its own sign (+8.4%, △3.9%), else 0.</summary>
    public int ExplicitSign { get; init; }

    public bool IsRangeEnd { get; init; }

    public bool Excluded { get; set; }

    /// <summary>Keys assigned by a "respectively" list; they win over the running subject.</summary>
    public string? FlowOverride { get; set; }

    public string? ProductOverride { get; set; }

    public string? PartnerOverride { get; set; }

    public Period? PeriodOverride { get; set; }

    /// <summary>A period phrase right after the figure ("$628.7 billion set in 2022", "$51 billion a year earlier").</summary>
    public PeriodCue? Attached { get; set; }

    /// <summary>The attached phrase is introduced by of/in/for ("the 0.5% increase of the year before"): it is the figure's own period.</summary>
    public bool AttachedOwn { get; set; }

    /// <summary>The period a percent is compared with when the text names it ("28.55% above the April 2019-March 2020 level").</summary>
    public Period? BasePeriod { get; set; }

    /// <summary>Sign read from the words around a percent; 0 when none.</summary>
    public int WordSign { get; set; }

    /// <summary>Index of the list group (figures stated as "A and B, respectively"), or -1.</summary>
    public int Group { get; set; } = -1;

    /// <summary>The period the figure was finally given, for later figures that say "a year earlier".</summary>
    public Period? Resolved { get; set; }
}

/// <summary>The running subject of a sentence: which flow, product, partner and period the next figure is about.</summary>
internal sealed class Frame
{
    public string? Flow { get; set; }

    /// <summary>+1 surplus, -1 deficit, 0 when a balance is named without saying which.</summary>
    public int BalanceSign { get; set; }

    public string? Product { get; set; }

    public string? Partner { get; set; }

    public bool Daily { get; set; }

    public Period? Period { get; set; }

    /// <summary>A non-trade subject (prices, tariffs, GDP) or total trade: figures here are not records.</summary>
    public bool Blocked { get; set; }

    /// <summary>Where the blocking subject ended; a comma after it ends its reach ("chip exports, a mainstay of the economy, climbed").</summary>
    public int BlockedAt { get; set; } = -1;

    /// <summary>Where the last subject cue ended, to tell a new subject clause from a continued one.</summary>
    public int LastSubjectEnd { get; set; } = -1;

    public Frame Copy() => (Frame)MemberwiseClone();

    public void NewSubject(bool keepFlow)
    {
        Product = null;
        Partner = null;
        Daily = false;
        Blocked = false;
        if (!keepFlow)
        {
            Flow = null;
            BalanceSign = 0;
        }
    }
}
