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

    [Fact]
    public void Compact_AfterAnInterruptedRun_CleansUpItsLeftoversAndCanRunAgainAndAgain()
    {
        var path = _folder.File("store.db");
        List<FigureVersion> before;
        using (var store = FigureStore.Open(path, _time))
        {
            for (var d = 0; d < 50; d++)
            {
                store.RecordDocument(new StoredDocument { SourceId = "s", Url = $"u{d}", ContentHash = $"h{d}", Published = "2026-01-01" },
                    [new FigureRecord("KR", "exports", "p" + d, "world", "2025-11", "value", "actual", "none", 1_000_000m * d, "USD", "e")]);
            }

            before = [.. store.Export()];
        }

        LeaveAnInterruptedCopy(path + ".compacting");
        Assert.Equal(2, FigureStore.CompactionLeftovers(path).Count());

        for (var run = 0; run < 3; run++)
        {
            FigureStore.Compact(path, password: null);

            Assert.Empty(FigureStore.CompactionLeftovers(path));
            using var compacted = FigureStore.Open(path, _time);
            Assert.Equal(before.Select(Describe), compacted.Export().Select(Describe));
        }
    }

    /// <summary>
    /// The files a compaction killed mid-copy leaves: the copy's data file and its LiteDB log holding
    /// committed rows not yet folded in, taken while LiteDB has them open (what a SIGKILL freezes).
    /// </summary>
    private void LeaveAnInterruptedCopy(string copy)
    {
        var log = _folder.File("store.db-log.compacting");
        var (frozenCopy, frozenLog) = (_folder.File("frozen-copy"), _folder.File("frozen-log"));
        using (var db = new LiteDB.LiteDatabase(new LiteDB.ConnectionString { Filename = copy, Connection = LiteDB.ConnectionType.Direct }))
        {
            var documents = db.GetCollection("documents", LiteDB.BsonAutoId.Int64);
            documents.InsertBulk(Enumerable.Range(1, 30).Select(i => new LiteDB.BsonDocument { ["_id"] = (long)i, ["Url"] = $"u{i}" }));
            File.Copy(copy, frozenCopy);
            File.Copy(log, frozenLog);
        }

        File.Delete(log);
        File.Move(frozenCopy, copy, overwrite: true);
        File.Move(frozenLog, log);
    }

    private static string Describe(FigureVersion v) =>
        $"{v.Id} {v.ChainId} {v.Version} {v.Value} {v.Reason} {v.RecordedAt:O} {v.SupersededAt:O} {v.DocumentId}";

    public void Dispose() => _folder.Dispose();
}
