namespace IngestWorker.Core.Storage;

/// <summary>
/// The figures collection's one secondary index is on a 64-bit number rather than a string: LiteDB
/// compares string keys with a culture-aware collation and allocates every key it passes while
/// inserting, which made the index most of the cost of recording a figure. The high 23 bits hash
/// the period and the low 40 bits the rest of the key, so one figure is one key and one period is
/// one contiguous range. Hashes can collide: queries always compare the fields themselves too.
/// </summary>
public static class FigureKey
{
    private const int RestBits = 40;
    private const ulong RestMask = (1UL << RestBits) - 1;
    private const ulong PeriodMask = (1UL << 23) - 1;

    public static long Of(string reporter, string flow, string product, string partner, string period)
    {
        var rest = Fnv.Start;
        foreach (var part in (ReadOnlySpan<string>)[reporter, flow, product, partner])
        {
            rest = Fnv.Add(Fnv.Add(rest, part), '|');
        }

        return (long)(PeriodBits(period) << RestBits | (rest & RestMask));
    }

    /// <summary>The first and last key a figure of <paramref name="period"/> can have.</summary>
    public static (long First, long Last) Range(string period)
    {
        var first = PeriodBits(period) << RestBits;
        return ((long)first, (long)(first | RestMask));
    }

    private static ulong PeriodBits(string period) => Fnv.Add(Fnv.Start, period) & PeriodMask;

    /// <summary>FNV-1a over UTF-16 code units: stable across processes and runtimes, unlike string.GetHashCode.</summary>
    private static class Fnv
    {
        public const ulong Start = 14695981039346656037UL;

        public static ulong Add(ulong hash, ReadOnlySpan<char> text)
        {
            foreach (var c in text)
            {
                hash = (hash ^ c) * 1099511628211UL;
            }

            return hash;
        }

        public static ulong Add(ulong hash, char c) => (hash ^ c) * 1099511628211UL;
    }
}
