namespace IngestWorker.Core.Storage;

/// <summary>
/// Whether two sources' values of one figure agree within the precision they were stated with:
/// "16 percent" and "15.9 percent" agree, as do "$56.3 billion" and "$56.35 billion". The precision
/// is that of the figure as stated (<see cref="StatedFigure"/>); only when that is unknown is it
/// read from the value's last significant digit.
/// </summary>
public static class Agreement
{
    public static bool Agree(decimal a, decimal b) => Math.Abs(a - b) <= Math.Max(HalfUnit(a), HalfUnit(b));

    /// <summary>
    /// Whether two stated figures agree: the less precise one, rounded as stated, covers the other
    /// ("16 %" covers 15.9 %; "10 %" does not cover 8.4 %; "$60 billion" does not cover $61.04 billion).
    /// </summary>
    public static bool Agree(FigureVersion a, FigureVersion b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Agree(a.Value, a.HalfUnit, b.Value, b.HalfUnit);
    }

    public static bool Agree(decimal a, decimal halfUnitOfA, decimal b, decimal halfUnitOfB) =>
        Math.Abs(a - b) <= Math.Max(halfUnitOfA, halfUnitOfB);

    /// <summary>Half of the last stated digit's unit: 0.05 for 15.9, 0.5 for 16, 5e7 for 56.3e9.</summary>
    public static decimal HalfUnit(decimal value)
    {
        if (value == 0)
        {
            return 0;
        }

        var normalized = value / 1.000000000000000000000000000000000m;
        var scale = normalized.Scale;
        if (scale > 0)
        {
            return 0.5m / Pow10(scale);
        }

        var integer = Math.Abs(decimal.Truncate(normalized));
        var zeros = 0;
        while (integer % 10 == 0 && integer != 0)
        {
            integer /= 10;
            zeros++;
        }

        return 0.5m * Pow10(zeros);
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
