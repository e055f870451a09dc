namespace IngestWorker.Extraction;

/// <summary>
/// One stated figure of a bulletin, in the shape of the extraction contract
/// (reporter, flow, product, partner, period, measure, basis, adjustment, value, unit),
/// with the sentence or table cell it was read from.
/// </summary>
public sealed record FigureRecord(
    string Reporter,
    string Flow,
    string Product,
    string Partner,
    string Period,
    string Measure,
    string Basis,
    string Adjustment,
    decimal Value,
    string Unit,
    string Evidence)
{
    /// <summary>The figure's identity without its period: what a series is.</summary>
    public string Key => $"{Reporter} {Flow} {Product}/{Partner} {Measure}{(Basis == "actual" ? "" : " " + Basis)}{(Adjustment == "none" ? "" : " " + Adjustment)}";
}
