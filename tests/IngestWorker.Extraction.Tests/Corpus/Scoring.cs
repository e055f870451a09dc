namespace IngestWorker.Extraction.Tests.Corpus;

/// <summary>The contract's scoring (as shared/tools/score.py): match on every key but value, greedy first match.</summary>
public static class Scoring
{
    public sealed record Result(int Expected, int Extracted, int Matched, int HeadlineExpected, int HeadlineMatched,
        IReadOnlyList<ExpectedRecord> Missed, IReadOnlyList<ExpectedRecord> Spurious);

    public static Result Score(IReadOnlyList<ExpectedRecord> expected, IReadOnlyList<ExpectedRecord> extracted)
    {
        var used = new HashSet<int>();
        var missed = new List<ExpectedRecord>();
        var matched = 0;
        var headlineMatched = 0;
        foreach (var e in expected)
        {
            var hit = false;
            for (var i = 0; i < extracted.Count; i++)
            {
                if (used.Contains(i) || extracted[i].Key != e.Key || !SameValue(e.Value, extracted[i].Value, e.Measure))
                {
                    continue;
                }

                used.Add(i);
                hit = true;
                break;
            }

            if (hit)
            {
                matched++;
                headlineMatched += e.IsHeadline ? 1 : 0;
            }
            else
            {
                missed.Add(e);
            }
        }

        var spurious = extracted.Where((_, i) => !used.Contains(i)).ToList();
        return new Result(expected.Count, extracted.Count, matched, expected.Count(e => e.IsHeadline), headlineMatched, missed, spurious);
    }

    public static bool SameValue(decimal a, decimal b, string measure)
    {
        if (measure.EndsWith("_pct", StringComparison.Ordinal))
        {
            return Math.Abs(a - b) <= 0.001m;
        }

        var scale = Math.Max(Math.Max(Math.Abs(a), Math.Abs(b)), 1e-9m);
        return Math.Abs(a - b) <= 0.0001m * scale;
    }
}
