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

    /// <summary>A parameterised LiteDB predicate (cached by LiteDB per shape, not per value).</summary>
    internal BsonExpression? ToExpression()
    {
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

        // The index is on the numeric key: a whole key with its period is one value of it, a period
        // alone one range. Hashes can collide, so the fields are compared as well.
        if (Reporter is not null && Flow is not null && Product is not null && Partner is not null && Period is not null)
        {
            clauses.Add($"{nameof(FigureVersion.Key)} = @{values.Count}");
            values.Add(FigureKey.Of(Reporter, Flow, Product, Partner, Period));
        }
        else if (Period is not null)
        {
            var (first, last) = FigureKey.Range(Period);
            clauses.Add($"{nameof(FigureVersion.Key)} BETWEEN @{values.Count} AND @{values.Count + 1}");
            values.Add(first);
            values.Add(last);
        }

        Add(nameof(FigureVersion.Period), Period);
        Add(nameof(FigureVersion.Reporter), Reporter);
        Add(nameof(FigureVersion.Flow), Flow);
        Add(nameof(FigureVersion.Product), Product);
        Add(nameof(FigureVersion.Partner), Partner);
        Add(nameof(FigureVersion.Measure), Measure);
        Add(nameof(FigureVersion.SourceId), Source);
        return clauses.Count == 0 ? null : BsonExpression.Create(string.Join(" AND ", clauses), [.. values]);
    }
}
