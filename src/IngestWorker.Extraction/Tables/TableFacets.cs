using System.Text.RegularExpressions;
using IngestWorker.Extraction.Parsing;
using IngestWorker.Extraction.Rules;
using IngestWorker.Extraction.Vocabulary;

namespace IngestWorker.Extraction.Tables;

/// <summary>
/// What one piece of a table (its caption, a section row, a column header, a row label) says about the cells it governs.
/// A cell's key is put together from the pieces around it, whichever way the table is oriented.
/// </summary>
internal sealed partial class TableFacets
{
    [GeneratedRegex(@"%|percent|change|growth|증감률|증가율|증감|y-o-y|yoy|y/y|비중|share", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex PercentRegex();

    [GeneratedRegex(@"\bshare\b|비중|\bproportion\b|\bportion\b|\bof\stotal\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex ShareRegex();

    [GeneratedRegex(@"previous\s(?:month|period|quarter)|m/m|m-o-m|mom\b|month[\s-]on[\s-]month|quarter[\s-]on[\s-]quarter|q/q|전월|전분기", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex PreviousPeriodRegex();

    [GeneratedRegex(@"\bnot\sseasonally|\bunadjusted\b|\boriginal\b|\bnon-seasonally|원계열", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex UnadjustedRegex();

    [GeneratedRegex(@"\bseasonally\s(?:and\scalendar\s)?adjusted\b|\bs\.a\.|계절조정", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex SeasonalRegex();

    [GeneratedRegex(@"\btrend\b|moving\saverage|이동평균|\bcontribution\b|기여도|\bvolumes?\b|\bprices?\b|\bindex\b|지수|물량|단가|\bpp\b|percentage\spoints?|%p", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex NotAFigureRegex();

    [GeneratedRegex(@"\bcredits?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex CreditsRegex();

    [GeneratedRegex(@"\bdebits?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex DebitsRegex();

    public string? Flow { get; private set; }

    /// <summary>Exports and imports both named, with no balance: the piece cannot say which flow its cells are.</summary>
    public bool FlowAmbiguous { get; private set; }

    /// <summary>-1 for "deficit", +1 for "surplus", 0 when not stated.</summary>
    public int Sign { get; private set; }

    public string? Product { get; private set; }

    public string? Partner { get; private set; }

    public bool Daily { get; private set; }

    /// <summary>Names something that is not a figure record (prices, volumes, total trade, a trend, a contribution).</summary>
    public bool Blocked { get; private set; }

    public bool Percent { get; private set; }

    public bool Share { get; private set; }

    public bool PreviousPeriod { get; private set; }

    public TableUnit Unit { get; private set; }

    /// <summary>"seasonal", "none", or null when not stated.</summary>
    public string? Adjustment { get; private set; }

    public TablePeriod? Period { get; private set; }

    public static TableFacets None { get; } = new();

    /// <summary>
    /// Reads one piece. <paramref name="prose"/>: the piece is a line of prose standing in for a caption, which gives
    /// a flow, a period and a stated unit but never blocks, nor names a product or partner for the whole table.
    /// </summary>
    /// <param name="text">The piece's text.</param>
    /// <param name="doc">The bulletin.</param>
    /// <param name="prose">The piece is a line of prose standing in for a caption.</param>
    /// <param name="caption">The piece describes the whole table ("India's Total Trade in Merchandise"): only what names no
    /// figure at all (prices, volumes, an index, a trend) blocks it.</param>
    public static TableFacets Read(string text, DocumentContext doc, bool prose = false, bool caption = false)
    {
        var f = new TableFacets();
        if (text.Length == 0)
        {
            return f;
        }

        var normalized = text.Replace(" & ", " and ", StringComparison.Ordinal);
        var lower = normalized.ToLowerInvariant();
        var flows = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in doc.Lexicon.Find(normalized, lower))
        {
            switch (t.Kind)
            {
                case TermKind.Flow when t.Value is "exports" or "imports":
                    flows.Add(t.Value);
                    break;
                case TermKind.Flow when t.Value is "surplus" or "deficit" or "balance":
                    flows.Add("balance");
                    f.Sign = t.Value == "deficit" ? -1 : t.Value == "surplus" && f.Sign == 0 ? 1 : f.Sign;
                    break;
                case TermKind.Product when !prose:
                    f.Product = t.Value;
                    break;
                case TermKind.Partner when !prose && t.Value != doc.Reporter:
                    f.Partner = t.Value;
                    break;
                case TermKind.Daily:
                    f.Daily = true;
                    break;
                case TermKind.TotalTrade when !prose && !caption:
                    f.Blocked = true;
                    break;
                case TermKind.Blocker when !prose && !caption && !IsCurrencyWord(lower[t.Start..t.End]):
                    f.Blocked = true;
                    break;
            }
        }

        if (flows.Count == 0)
        {
            // Balance-of-payments tables: credits are exports, debits imports.
            if (SafeRegex.IsMatch(CreditsRegex(), lower))
            {
                flows.Add("exports");
            }

            if (SafeRegex.IsMatch(DebitsRegex(), lower))
            {
                flows.Add("imports");
            }
        }

        if (flows.Contains("balance"))
        {
            f.Flow = "balance";
        }
        else if (flows.Count == 1)
        {
            f.Flow = flows.First();
        }
        else if (flows.Count > 1)
        {
            f.FlowAmbiguous = true;
        }

        if (!prose && SafeRegex.IsMatch(NotAFigureRegex(), lower))
        {
            f.Blocked = true;
        }

        f.Percent = SafeRegex.IsMatch(PercentRegex(), lower);
        f.Share = SafeRegex.IsMatch(ShareRegex(), lower);
        f.PreviousPeriod = SafeRegex.IsMatch(PreviousPeriodRegex(), lower);
        f.Unit = TableUnits.Read(normalized, doc.Reporter, prose);
        f.Adjustment = SafeRegex.IsMatch(UnadjustedRegex(), lower) ? "none" : SafeRegex.IsMatch(SeasonalRegex(), lower) ? "seasonal" : null;
        f.Period = ReadPeriod(normalized, lower, f.Percent, doc);

        return f;
    }

    private static bool IsCurrencyWord(string word) => word is "won" or "yen" or "yuan";

    /// <summary>The compact table forms first; else the prose period reader (its comparison and year-earlier phrases left out).</summary>
    private static TablePeriod? ReadPeriod(string text, string lower, bool percent, DocumentContext doc)
    {
        if (TablePeriods.Read(text, percent, doc.Published) is { } compact)
        {
            return compact;
        }

        var cues = Periods.Find(text, lower, doc.Published, doc.Main, doc.Reporter);
        var periods = cues.FindAll(p => p.Role is PeriodRole.Normal);
        if (periods.Count == 0)
        {
            // "Same month last year", "Previous month" head cells of another period, which the piece does not date: leave them out.
            // In a change column such words name the base of the change ("% change on a year earlier"), not the cells' period.
            return !percent && cues.Exists(p => p.Role is PeriodRole.YearEarlier or PeriodRole.MonthEarlier) ? new TablePeriod(null, null, true) : null;
        }

        var own = periods[0].Period;
        if (periods.Count >= 2 && periods[1].Period != own.ShiftYears(-1))
        {
            return new TablePeriod(null, null, true); // "Mar-22 over Mar-20": growth over two years has no contract measure
        }

        return new TablePeriod(own, null, false);
    }
}
