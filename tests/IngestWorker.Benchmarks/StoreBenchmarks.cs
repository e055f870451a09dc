using BenchmarkDotNet.Attributes;
using IngestWorker.Core.Storage;

namespace IngestWorker.Benchmarks;

/// <summary>
/// Reads from a store of 1,000,000 figure versions with realistic keys, each beside a bare LiteDB
/// indexed lookup of the same key. The store is generated once and reused from the temp folder.
/// </summary>
[MemoryDiagnoser]
[MedianColumn, Q1Column, Q3Column]
public class StoreLookupBenchmarks
{
    private FigureStore _store = null!;
    private StoreCorpus.Key[] _keys = [];
    private int _next;

    [GlobalSetup]
    public void Setup() => (_store, _keys) = StoreCorpus.OpenMillion();

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    private StoreCorpus.Key NextKey() => _keys[_next++ % _keys.Length];

    [Benchmark(Baseline = true, Description = "raw LiteDB indexed lookup")]
    public int RawLookup() => _store.RawLookup(NextKey().Lookup).Count;

    [Benchmark(Description = "current value of one figure")]
    public int CurrentValue()
    {
        var key = NextKey();
        return _store.Current(new FigureFilter(key.Reporter, key.Flow, key.Product, key.Partner, key.Period, "value")).Count;
    }

    [Benchmark(Description = "history of one figure")]
    public int History()
    {
        var key = NextKey();
        return _store.History(new FigureFilter(key.Reporter, key.Flow, key.Product, key.Partner, key.Period)).Count;
    }

    [Benchmark(Description = "as-of snapshot of one period")]
    public int AsOfSnapshot()
    {
        var key = NextKey();
        return _store.Current(new FigureFilter(Period: key.Period), StoreCorpus.Epoch.AddDays(200)).Count;
    }
}
