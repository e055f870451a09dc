namespace IngestWorker.Extraction.Rules;

/// <summary>One figure stated twice (headline and body, prose and table) is one record, at its most precise value.</summary>
internal static class Deduper
{
    public static List<FigureRecord> Merge(List<Extracted> all)
    {
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var kept = new List<Extracted>();
        foreach (var e in all)
        {
            var r = e.Record;
            var key = string.Join('|', r.Reporter, r.Flow, r.Product, r.Partner, r.Period, r.Measure, r.Basis, r.Adjustment);
            if (byKey.TryGetValue(key, out var i))
            {
                if (e.Precision > kept[i].Precision && Agrees(kept[i].Record.Value, r.Value))
                {
                    kept[i] = e;
                }

                continue;
            }

            byKey[key] = kept.Count;
            kept.Add(e);
        }

        return kept.ConvertAll(e => e.Record);
    }

    /// <summary>A rounded restatement agrees with the precise one to within a few percent.</summary>
    private static bool Agrees(decimal a, decimal b)
    {
        var scale = Math.Max(Math.Abs(a), Math.Abs(b));
        return scale == 0 || Math.Abs(a - b) <= scale * 0.05m;
    }
}
