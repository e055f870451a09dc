using IngestWorker.Core.Storage;
using IngestWorker.Core.Tests.Support;
using IngestWorker.Extraction;
using Microsoft.Extensions.Time.Testing;

namespace IngestWorker.Core.Tests.Storage;

public sealed class FigureStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 12, 1, 0, 30, 0, TimeSpan.Zero));

    private static FigureRecord Exports(decimal value, string period = "2025-11") =>
        new("KR", "exports", "total", "world", period, "value", "actual", "none", value, "USD", "Exports reached ...");

    private static StoredDocument Document(string url = "https://example.test/a", string hash = "h1") =>
        new() { SourceId = "ministry", Url = url, ContentHash = hash, Published = "2025-12-01", ExtractorVersion = "1" };

    private FigureStore Open() => FigureStore.Open(_folder.File("store/figures.db"), _time);

    [Fact]
    public void Open_MissingFolder_CreatesIt()
    {
        using var store = Open();

        Assert.True(File.Exists(_folder.File("store/figures.db")));
    }

    [Fact]
    public void Record_NewDocument_AddsVersionOneOfEachFigure()
    {
        using var store = Open();

        var outcome = store.RecordDocument(Document(), [Exports(61_040_000_000m), Exports(56_300_000_000m, "2024-11")]);

        Assert.Equal(2, outcome.New.Count);
        Assert.All(store.History(FigureFilter.All), v => Assert.Equal((1, VersionReason.FirstSeen), (v.Version, v.Reason)));
        Assert.Equal(_time.GetUtcNow().UtcDateTime, store.History(FigureFilter.All)[0].RecordedAt);
        Assert.Equal(1, store.Counts().Documents);
    }

    [Fact]
    public void Record_ReadsBackEveryFieldAsRecorded()
    {
        using var store = Open();
        store.RecordDocument(Document(hash: "h1"), [Exports(61_040_000_000m)]);
        _time.Advance(TimeSpan.FromHours(1));

        var recorded = Assert.Single(store.RecordDocument(Document(hash: "h2"), [Exports(61_050_000_000m)]).Revised);

        var read = store.History(FigureFilter.All);
        Assert.Equivalent(recorded.Previous, read[0], strict: true);
        Assert.Equivalent(recorded.Current, read[1], strict: true);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, read[0].SupersededAt);
        Assert.Null(read[1].SupersededAt);
        Assert.Equal(FigureKey.Of("KR", "exports", "total", "world", "2025-11"), read[1].Key);
    }

    [Fact]
    public void Record_SameValueTwice_AddsNoVersion()
    {
        using var store = Open();
        store.RecordDocument(Document(hash: "h1"), [Exports(61_040_000_000m)]);

        var outcome = store.RecordDocument(Document(hash: "h2"), [Exports(61_040_000_000m)]);

        Assert.Empty(outcome.New);
        Assert.Empty(outcome.Revised);
        Assert.Equal(1, outcome.Unchanged);
        Assert.Single(store.History(FigureFilter.All));
    }

    [Fact]
    public void Record_ChangedValue_ClosesVersionOneAndAddsVersionTwo()
    {
        using var store = Open();
        store.RecordDocument(Document(hash: "h1"), [Exports(61_040_000_000m)]);
        _time.Advance(TimeSpan.FromHours(2));

        var outcome = store.RecordDocument(Document(hash: "h2"), [Exports(61_100_000_000m)]);

        var revision = Assert.Single(outcome.Revised);
        Assert.Equal(61_040_000_000m, revision.Previous.Value);
        var versions = store.History(FigureFilter.All).OrderBy(v => v.Version).ToList();
        Assert.Equal(_time.GetUtcNow().UtcDateTime, versions[0].SupersededAt);
        Assert.Equal((2, VersionReason.Revised, (DateTime?)null), (versions[1].Version, versions[1].Reason, versions[1].SupersededAt));
        Assert.Equal(61_100_000_000m, Assert.Single(store.Current(FigureFilter.All)).Value);
    }

    [Fact]
    public void Record_FigureNotRestated_StaysOpen()
    {
        using var store = Open();
        store.RecordDocument(Document(hash: "h1"), [Exports(61_040_000_000m), Exports(56_300_000_000m, "2024-11")]);

        store.RecordDocument(Document(hash: "h2"), [Exports(61_040_000_000m)]);

        Assert.Equal(2, store.Current(FigureFilter.All).Count);
    }

    [Fact]
    public void Record_TwoSources_KeepTheirOwnChains()
    {
        using var store = Open();
        store.RecordDocument(Document(), [Exports(61_040_000_000m)]);

        var other = Document("https://news.test/b");
        other.SourceId = "news";
        var outcome = store.RecordDocument(other, [Exports(61_000_000_000m)]);

        Assert.Single(outcome.New);
        Assert.Equal(2, store.History(FigureFilter.All).Count);
        var ministryFirst = Assert.Single(store.Current(FigureFilter.All, priority: s => s == "ministry" ? 100 : 10));
        Assert.Equal(61_040_000_000m, ministryFirst.Value);
        var newsFirst = Assert.Single(store.Current(FigureFilter.All, priority: s => s == "news" ? 100 : 10));
        Assert.Equal(61_000_000_000m, newsFirst.Value);
    }

    [Fact]
    public void Record_FailureMidDocument_LeavesNothingOfIt()
    {
        using var store = Open();

        Assert.Throws<InvalidOperationException>(() =>
            store.RecordDocument(Document(), new FailingList([Exports(61_040_000_000m), Exports(1m, "2024-11")], failAt: 1)));

        Assert.Equal((0, 0, 0), store.Counts());
        Assert.Single(store.RecordDocument(Document(), [Exports(61_040_000_000m)]).New);
    }

    [Fact]
    public void RecordDocuments_FailureInTheLastDocument_LeavesNoneOfTheBatch()
    {
        using var store = Open();
        var batch = new[]
        {
            new DocumentFigures(Document(url: "https://example.test/a"), [Exports(61_040_000_000m)]),
            new DocumentFigures(Document(url: "https://example.test/b"), new FailingList([Exports(1m, "2024-11"), Exports(2m, "2024-10")], failAt: 1)),
        };

        Assert.Throws<InvalidOperationException>(() => store.RecordDocuments(batch));

        Assert.Equal((0, 0, 0), store.Counts());
        Assert.All(batch, b => Assert.Equal(0, b.Document.Id));
        var outcomes = store.RecordDocuments([batch[0]]);
        Assert.Single(outcomes[0].New);
        Assert.Equal((1, 1, 1), store.Counts());
    }

    [Fact]
    public void RecordDocuments_SameFigureInTwoDocumentsOfABatch_RevisesWithinTheBatch()
    {
        using var store = Open();

        var outcomes = store.RecordDocuments(
        [
            new DocumentFigures(Document(hash: "h1"), [Exports(61_040_000_000m)]),
            new DocumentFigures(Document(hash: "h2"), [Exports(61_050_000_000m)]),
        ]);

        Assert.Single(outcomes[0].New);
        Assert.Equal(61_040_000_000m, Assert.Single(outcomes[1].Revised).Previous.Value);
        Assert.Equal([1, 2], store.History(FigureFilter.All).Select(v => v.Version));
    }

    [Fact]
    public void Record_ClockSetBack_NeverRecordsBeforeAnEarlierVersion()
    {
        // FakeTimeProvider refuses to go back; a wall clock set back by an operator or NTP does not.
        var clock = new SettableClock { Now = _time.GetUtcNow() };
        using var store = FigureStore.Open(_folder.File("clock.db"), clock);
        store.RecordDocument(Document(hash: "h1"), [Exports(61_040_000_000m)]);
        var first = clock.Now.UtcDateTime;

        clock.Now = clock.Now.AddHours(-3);
        store.RecordDocument(Document(hash: "h2"), [Exports(61_050_000_000m)]);

        var history = store.History(FigureFilter.All);
        Assert.Equal(first, history[1].RecordedAt);
        Assert.Equal(first, history[0].SupersededAt);
        Assert.Equal([1, 2], store.ChangesSince(first.AddTicks(-1)).Select(v => v.Version));
    }

    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Open_SchemaOneStore_IsUpgradedInPlaceAndAnswersQueries()
    {
        var path = _folder.File("v1.db");
        using (var raw = new LiteDB.LiteDatabase($"Filename={path};Connection=direct"))
        {
            // The shape schema 1 wrote: derived string keys, three secondary indexes.
            raw.GetCollection("meta").Insert(new LiteDB.BsonDocument { ["_id"] = "schema", ["version"] = 1 });
            var figures = raw.GetCollection("figures", LiteDB.BsonAutoId.Int64);
            foreach (var (period, value, superseded) in new[] { ("2025-11", 61_040_000_000m, (DateTime?)null), ("2025-10", 59_000_000_000m, null) })
            {
                figures.Insert(new LiteDB.BsonDocument
                {
                    ["ChainId"] = $"KR|exports|total|world|value|actual|none|{period}|ministry",
                    ["SeriesId"] = $"KR|exports|total|world|value|actual|none|{period}",
                    ["LookupKey"] = $"KR|exports|total|world|{period}",
                    ["Reporter"] = "KR", ["Flow"] = "exports", ["Product"] = "total", ["Partner"] = "world", ["Period"] = period,
                    ["Measure"] = "value", ["Basis"] = "actual", ["Adjustment"] = "none", ["Value"] = value, ["Unit"] = "USD",
                    ["SourceId"] = "ministry", ["Version"] = 1, ["Reason"] = "first-seen", ["RecordedAt"] = new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc),
                    ["SupersededAt"] = superseded, ["DocumentId"] = 1L, ["DocumentUrl"] = "https://example.test/a", ["Evidence"] = "Exports ...", ["ExtractorVersion"] = "3",
                });
            }

            figures.EnsureIndex("LookupKey", "$.LookupKey");
            figures.EnsureIndex("Period", "$.Period");
            figures.EnsureIndex("RecordedAt", "$.RecordedAt");
        }

        using (var store = FigureStore.Open(path, _time))
        {
            var november = new FigureFilter("KR", "exports", "total", "world", "2025-11");
            Assert.Equal(61_040_000_000m, Assert.Single(store.Current(november)).Value);
            Assert.Equal(59_000_000_000m, Assert.Single(store.Current(new FigureFilter(Period: "2025-10"))).Value);
            Assert.Equal(61_050_000_000m, Assert.Single(store.RecordDocument(Document(hash: "h2"), [Exports(61_050_000_000m)]).Revised).Current.Value);
        }

        using var check = new LiteDB.LiteDatabase($"Filename={path};Connection=direct");
        Assert.Equal(3, check.GetCollection("meta").FindById("schema")["version"].AsInt32);
        Assert.Equal(["Key", "_id"], check.GetCollection("$indexes").Find(LiteDB.BsonExpression.Create("collection = @0", "figures")).Select(i => i["name"].AsString).Order(StringComparer.Ordinal));
        Assert.All(check.GetCollection("figures").FindAll(), row => Assert.False(row.ContainsKey("LookupKey")));
    }

    [Fact]
    public void Current_OfOnePeriod_LeavesOutOtherPeriods()
    {
        using var store = Open();
        store.RecordDocument(Document(), [Exports(61_040_000_000m), Exports(56_300_000_000m, "2024-11"), Exports(1m, "2025-1")]);

        Assert.Equal(61_040_000_000m, Assert.Single(store.Current(new FigureFilter(Period: "2025-11"))).Value);
        Assert.Equal(61_040_000_000m, Assert.Single(store.History(new FigureFilter("KR", "exports", "total", "world", "2025-11"))).Value);
        Assert.Empty(store.Current(new FigureFilter(Period: "2025-12")));
    }

    [Fact]
    public void Queries_PeriodsWhoseKeysCollide_AreToldApart()
    {
        // The key keeps 23 bits of the period: two periods that share them share every key of a figure.
        var seen = new Dictionary<long, string>();
        var (a, b) = ("", "");
        for (var i = 0; a.Length == 0; i++)
        {
            var period = $"2025-W{i}";
            if (seen.TryGetValue(FigureKey.Range(period).First, out var other))
            {
                (a, b) = (other, period);
            }

            seen[FigureKey.Range(period).First] = period;
        }

        using var store = Open();
        store.RecordDocument(Document(), [Exports(1m, a), Exports(2m, b)]);

        Assert.Equal(FigureKey.Of("KR", "exports", "total", "world", a), FigureKey.Of("KR", "exports", "total", "world", b));
        Assert.Equal(1m, Assert.Single(store.Current(new FigureFilter(Period: a))).Value);
        Assert.Equal(2m, Assert.Single(store.History(new FigureFilter("KR", "exports", "total", "world", b))).Value);
    }

    [Fact]
    public void Record_SurvivesReopen()
    {
        using (var store = Open())
        {
            store.RecordDocument(Document(), [Exports(61_040_000_000m)]);
        }

        using var reopened = Open();
        Assert.Equal(61_040_000_000m, Assert.Single(reopened.Current(FigureFilter.All)).Value);
        Assert.Equal("https://example.test/a", reopened.LatestDocument("ministry", "https://example.test/a")!.Url);
    }

    [Fact]
    public void Open_WhileAnotherInstanceHoldsTheFile_SaysItIsInUse()
    {
        using var store = Open();

        var error = Assert.Throws<StoreException>(Open);

        Assert.Contains("already running", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_GarbageFile_RefusesAndLeavesItUntouched()
    {
        var path = _folder.File("garbage.db");
        var garbage = new byte[64 * 1024];
        new Random(7).NextBytes(garbage);
        File.WriteAllBytes(path, garbage);

        Assert.Throws<StoreException>(() => FigureStore.Open(path, _time));

        Assert.Equal(garbage, File.ReadAllBytes(path));
    }

    [Fact]
    public void Open_TruncatedFile_RefusesAndLeavesItUntouched()
    {
        var path = _folder.File("truncated.db");
        using (var store = FigureStore.Open(path, _time))
        {
            for (var i = 0; i < 200; i++)
            {
                store.RecordDocument(Document($"https://example.test/{i}", $"h{i}"), [Exports(1_000_000m * i, $"20{i % 25:00}-{(i % 12) + 1:00}")]);
            }
        }

        var whole = File.ReadAllBytes(path);
        var truncated = whole[..(whole.Length / 2)];
        File.WriteAllBytes(path, truncated);

        Assert.Throws<StoreException>(() => FigureStore.Open(path, _time));

        Assert.Equal(truncated, File.ReadAllBytes(path));
    }

    [Fact]
    public void Open_NewerSchema_RefusesAndNamesTheVersion()
    {
        var path = _folder.File("newer.db");
        FigureStore.Open(path, _time).Dispose();
        using (var raw = new LiteDB.LiteDatabase($"Filename={path};Connection=direct"))
        {
            raw.GetCollection("meta").Upsert(new LiteDB.BsonDocument { ["_id"] = "schema", ["version"] = 99 });
        }

        var error = Assert.Throws<StoreException>(() => FigureStore.Open(path, _time));

        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_WithPassword_RefusesWrongPassword()
    {
        var path = _folder.File("secret.db");
        using (var store = FigureStore.Open(path, _time, "correct horse"))
        {
            store.RecordDocument(Document(), [Exports(61_040_000_000m)]);
        }

        Assert.Throws<StoreException>(() => FigureStore.Open(path, _time, "wrong"));
        using var reopened = FigureStore.Open(path, _time, "correct horse");
        Assert.Single(reopened.Current(FigureFilter.All));
    }

    [Fact]
    public void SourceState_RoundTrips()
    {
        using var store = Open();
        store.SaveSourceState(new SourceState { Id = "ministry", ConsecutiveFailures = 3, LastError = "GET answered 503" });

        var state = store.SourceState("ministry");

        Assert.Equal((3, "GET answered 503"), (state.ConsecutiveFailures, state.LastError));
        Assert.Equal(0, store.SourceState("unknown").ConsecutiveFailures);
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>A fault that cannot be caused otherwise: the records fail while the transaction is open.</summary>
    private sealed class FailingList(IReadOnlyList<FigureRecord> items, int failAt) : IReadOnlyList<FigureRecord>
    {
        public FigureRecord this[int index] => index == failAt ? throw new InvalidOperationException("fault") : items[index];

        public int Count => items.Count;

        public IEnumerator<FigureRecord> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
