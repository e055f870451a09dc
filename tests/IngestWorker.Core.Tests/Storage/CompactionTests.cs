using IngestWorker.Core.Storage;
using IngestWorker.Core.Tests.Support;
using IngestWorker.Extraction;
using Microsoft.Extensions.Time.Testing;

namespace IngestWorker.Core.Tests.Storage;

public sealed class CompactionTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Compact_StoreOfTwelveThousandVersions_KeepsEveryRowAndTheOldFile()
    {
        var path = _folder.File("big.db");
        List<FigureVersion> before;
        using (var store = FigureStore.Open(path, _time))
        {
            // 40 periods of 100 products, each stated three times with a new value: 12,000 versions.
            for (var d = 0; d < 120; d++)
            {
                var records = Enumerable.Range(0, 100).Select(i => new FigureRecord(
                    "KR", "exports", "p" + i, "world", $"20{d % 40:00}-01", "value", "actual", "none", 1_000_000m * (i + d), "USD", "e")).ToList();
                store.RecordDocument(new StoredDocument { SourceId = "s", Url = $"u{d % 40}", ContentHash = $"h{d}", Published = "2026-01-01" }, records);
                _time.Advance(TimeSpan.FromMinutes(1));
            }

            before = [.. store.Export()];
        }

        Assert.True(before.Count > 10_000, $"{before.Count} versions");
        var result = FigureStore.Compact(path, password: null);

        Assert.True(File.Exists(result.OldFile));
        Assert.False(File.Exists(path + ".compacting"));
        using var compacted = FigureStore.Open(path, _time);
        var after = compacted.Export().ToList();
        Assert.Equal(before.Select(Describe), after.Select(Describe));
        Assert.Equal(4000, compacted.Current(FigureFilter.All).Count);
        Assert.Equal(3, compacted.History(new FigureFilter("KR", "exports", "p5", "world", "2000-01")).Count);
    }

    [Fact]
    public void Compact_WhileStoreIsOpen_RefusesAndLeavesItAlone()
    {
        var path = _folder.File("open.db");
        using var store = FigureStore.Open(path, _time);

        Assert.Throws<StoreException>(() => FigureStore.Compact(path, password: null));

        Assert.False(File.Exists(path + ".before-compact"));
    }

    private static string Describe(FigureVersion v) =>
        $"{v.Id} {v.ChainId} {v.Version} {v.Value} {v.Reason} {v.RecordedAt:O} {v.SupersededAt:O} {v.DocumentId}";

    public void Dispose() => _folder.Dispose();
}
