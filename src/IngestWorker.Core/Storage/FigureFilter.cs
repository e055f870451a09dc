using LiteDB;

namespace IngestWorker.Core.Storage;

/// <summary>Which figures a query is about; a null field matches everything.</summary>
public sealed record FigureFilter(
    string? Reporter = null,
    string? Flow = null,
    string? Product = null,
    string? Partner = null,
    string? Period = null,
    string? Measure = null,
    string? Source = null)
{
    public static readonly FigureFilter All = new();

    /// <summary>
    /// A parameterised LiteDB predicate (cached by LiteDB per shape, not per value) that narrows the
    /// rows read; callers compare the fields themselves too (<see cref="Matches"/>). With a whole key
    /// and period, or a period, it is the numeric key's index alone: one value, or one range. Hashes
    /// can collide, and LiteDB evaluates field clauses more slowly than the caller compares strings.
    /// </summary>
    internal BsonExpression? ToExpression()
    {
        if (Reporter is not null && Flow is not null && Product is not null && Partner is not null && Period is not null)
        {
            return BsonExpression.Create($"{nameof(FigureVersion.Key)} = @0", FigureKey.Of(Reporter, Flow, Product, Partner, Period));
        }

        if (Period is not null)
        {
            var (first, last) = FigureKey.Range(Period);
            return BsonExpression.Create($"{nameof(FigureVersion.Key)} BETWEEN @0 AND @1", first, last);
        }

        // No index applies: the whole collection is read, and LiteDB skips non-matching rows before
        // they become objects.
        var clauses = new List<string>();
        var values = new List<BsonValue>();
        void Add(string field, string? value)
        {
            if (value is not null)
            {
                clauses.Add($"{field} = @{values.Count}");
                values.Add(value);
            }
        }

        Add(nameof(FigureVersion.Reporter), Reporter);
        Add(nameof(FigureVersion.Flow), Flow);
        Add(nameof(FigureVersion.Product), Product);
        Add(nameof(FigureVersion.Partner), Partner);
        Add(nameof(FigureVersion.Measure), Measure);
        Add(nameof(FigureVersion.SourceId), Source);
        return clauses.Count == 0 ? null : BsonExpression.Create(string.Join(" AND ", clauses), [.. values]);
    }

    /// <summary>Whether <paramref name="v"/> is one of the figures this filter asks for.</summary>
    internal bool Matches(FigureVersion v) =>
        (Reporter is null || Reporter == v.Reporter) && (Flow is null || Flow == v.Flow)
        && (Product is null || Product == v.Product) && (Partner is null || Partner == v.Partner)
        && (Period is null || Period == v.Period) && (Measure is null || Measure == v.Measure)
        && (Source is null || Source == v.SourceId);
}
