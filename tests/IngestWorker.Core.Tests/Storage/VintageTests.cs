using System.Globalization;
using System.Text.Json.Nodes;
using IngestWorker.Core.Ingestion;
using IngestWorker.Core.Sources;
using IngestWorker.Core.Storage;
using IngestWorker.Core.Tests.Support;
using IngestWorker.Extraction;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IngestWorker.Core.Tests.Storage;

/// <summary>Versions dated by publication (ALFRED's vintages) beside the instants they were recorded.</summary>
public sealed class VintageTests : IDisposable
{
    private static readonly DateTimeOffset Recording = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(Recording);
    private readonly SourceDefinition _source = new() { Id = "archive", Kind = "http", Url = "https://archive.test/", Reporter = "KR", TimeZone = "Asia/Seoul" };

    public static TheoryData<string> Pairs => ["01-kr-2019-09-ministry-correction", "02-in-2022-04-preliminary-to-final", "03-kr-2022-03-news-update"];

    private static string KeyOf(FigureVersion v) => $"{v.Reporter} {v.Flow} {v.Product} {v.Partner} {v.Period} {v.Measure} {v.Basis}";

    private static decimal? ValueAt(FigureStore store, string key, DateTime instant, TimeAxis axis = TimeAxis.Published) =>
        store.Current(FigureFilter.All, instant, axis: axis).FirstOrDefault(v => KeyOf(v) == key)?.Value;

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Backfill_RevisionPairWithPublicationInstants_AsOfAnswersBeforeBetweenAndAfter(string pair)
    {
        var folder = Fixtures.Revision(pair);
        var meta = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "meta.json")))!;
        var instants = meta["versions"]!.AsArray().Select(v => DateTimeOffset.Parse((string)v!["published_at"]!, CultureInfo.InvariantCulture)).ToArray();
        using var store = FigureStore.Open(_folder.File("v.db"), _time);
        var pipeline = new IngestionPipeline([], store, new FigureExtractor(), _time, new OutcomeLogger(NullLogger<OutcomeLogger>.Instance), NullLogger<IngestionPipeline>.Instance);
        BulletinFile File_(string name, DateTimeOffset at) =>
            new((string)meta["url"]!, File.ReadAllBytes(Path.Combine(folder, name)), "text/html", DateOnly.FromDateTime(at.DateTime), null, at);

        pipeline.IngestFiles(_source, [File_("v1.html", instants[0]), File_("v2.html", instants[1])], null, CancellationToken.None);

        var (v1, v2) = (instants[0].UtcDateTime, instants[1].UtcDateTime);
        var before = v1.AddMinutes(-1);
        var between = v1 + ((v2 - v1) / 2);
        var after = v2.AddMinutes(1);
        var diff = meta["diff"]!;
        Assert.NotEmpty(diff["changed"]!.AsArray());
        foreach (var change in diff["changed"]!.AsArray())
        {
            var key = (string)change!["key"]!;
            Assert.Null(ValueAt(store, key, before));
            Assert.Equal((decimal)change["v1"]!, ValueAt(store, key, between));
            Assert.Equal((decimal)change["v2"]!, ValueAt(store, key, after));
            // Recorded long after both were published: by the recording clock nothing was known then.
            Assert.Null(ValueAt(store, key, after, TimeAxis.Recorded));
            Assert.Equal((decimal)change["v2"]!, ValueAt(store, key, Recording.UtcDateTime, TimeAxis.Recorded));
        }

        foreach (var added in diff["added_in_v2"]!.AsArray())
        {
            Assert.Null(ValueAt(store, (string)added!["key"]!, between));
            Assert.Equal((decimal)added["v2"]!, ValueAt(store, (string)added["key"]!, after));
        }

        var revised = store.History(FigureFilter.All).Where(v => v.Reason == VersionReason.Revised).ToList();
        Assert.All(revised, v => Assert.Equal((v2, PublicationSource.Given, (DateTime?)null), (v.PublishedAt, v.PublishedFrom, v.RealtimeEnd)));
        Assert.All(store.History(FigureFilter.All).Where(v => v.SupersededAt is not null), v => Assert.Equal((v1, v2), (v.PublishedAt, v.RealtimeEnd)));
    }

    [Fact]
    public void Export_AsOfPublication_LeavesOutVersionsPublishedLater()
    {
        var folder = Fixtures.Revision("01-kr-2019-09-ministry-correction");
        using var store = FigureStore.Open(_folder.File("e.db"), _time);
        var pipeline = new IngestionPipeline([], store, new FigureExtractor(), _time, new OutcomeLogger(NullLogger<OutcomeLogger>.Instance), NullLogger<IngestionPipeline>.Instance);
        pipeline.IngestFile(_source, "https://archive.test/r", File.ReadAllBytes(Path.Combine(folder, "v1.html")), "text/html", new DateOnly(2019, 10, 1), null);
        pipeline.IngestFile(_source, "https://archive.test/r", File.ReadAllBytes(Path.Combine(folder, "v2.html")), "text/html", new DateOnly(2019, 10, 2), null);

        var all = store.Export().ToList();
        // A date alone is the start of that day in the source's time zone (Asia/Seoul, UTC+9).
        var firstDay = new DateTime(2019, 9, 30, 15, 0, 0, DateTimeKind.Utc);
        Assert.Equal(all.Count - 1, store.Export(firstDay.AddHours(12)).Count());
        Assert.Empty(store.Export(firstDay.AddMinutes(-1)));
        Assert.Empty(store.Export(Recording.UtcDateTime.AddMinutes(-1), TimeAxis.Recorded));
    }

    [Fact]
    public void Ingest_BulletinStatingItsDate_IsPublishedOnThatDateByTheBulletin()
    {
        using var store = FigureStore.Open(_folder.File("b.db"), _time);
        var pipeline = new IngestionPipeline([], store, new FigureExtractor(), _time, new OutcomeLogger(NullLogger<OutcomeLogger>.Instance), NullLogger<IngestionPipeline>.Instance);

        pipeline.IngestFile(_source, "https://archive.test/seed", File.ReadAllBytes(Fixtures.Seed), "text/html", null, null);

        var document = Assert.Single(store.AllDocuments());
        Assert.Contains(document.PublishedFrom, new[] { PublicationSource.Bulletin, PublicationSource.Fetch });
        Assert.All(store.History(FigureFilter.All), v => Assert.Equal((document.PublishedAt, document.PublishedFrom), (v.PublishedAt, v.PublishedFrom)));
    }

    [Fact]
    public void Open_SchemaTwoStore_GainsVintagesInPlaceAndAnswersTheSame()
    {
        var path = _folder.File("v2.db");
        var recorded = new DateTime(2025, 12, 5, 0, 0, 0, DateTimeKind.Utc);
        using (var raw = new LiteDatabase($"Filename={path};Connection=direct"))
        {
            // The shape schema 2 wrote: no publication instants anywhere.
            raw.GetCollection("meta").Insert(new BsonDocument { ["_id"] = "schema", ["version"] = 2 });
            var documents = raw.GetCollection("documents", BsonAutoId.Int64);
            foreach (var (id, published) in new[] { (1L, "2025-12-01"), (2L, "2025-12-03") })
            {
                documents.Insert(new BsonDocument
                {
                    ["_id"] = id, ["SourceId"] = "ministry", ["Url"] = "https://example.test/a", ["ContentHash"] = $"h{id}", ["FetchedAt"] = recorded,
                    ["Published"] = published, ["Content"] = Array.Empty<byte>(), ["ExtractorVersion"] = "3", ["FigureCount"] = 1,
                });
            }

            documents.EnsureIndex("Url", "$.Url");
            var figures = raw.GetCollection("figures", BsonAutoId.Int64);
            foreach (var (version, value, superseded, document) in new[] { (1, 61_040_000_000m, (DateTime?)recorded.AddHours(1), 1L), (2, 61_050_000_000m, null, 2L) })
            {
                figures.Insert(new BsonDocument
                {
                    ["Key"] = FigureKey.Of("KR", "exports", "total", "world", "2025-11"),
                    ["Reporter"] = "KR", ["Flow"] = "exports", ["Product"] = "total", ["Partner"] = "world", ["Period"] = "2025-11",
                    ["Measure"] = "value", ["Basis"] = "actual", ["Adjustment"] = "none", ["Value"] = value, ["Unit"] = "USD",
                    ["SourceId"] = "ministry", ["Version"] = version, ["Reason"] = version == 1 ? "first-seen" : "revised",
                    ["RecordedAt"] = version == 1 ? recorded : recorded.AddHours(1), ["SupersededAt"] = superseded,
                    ["DocumentId"] = document, ["DocumentUrl"] = "https://example.test/a", ["Evidence"] = "Exports ...", ["ExtractorVersion"] = "3",
                });
            }

            figures.EnsureIndex("Key", "$.Key");
        }

        using (var store = FigureStore.Open(path, _time))
        {
            Assert.Equal(61_050_000_000m, Assert.Single(store.Current(FigureFilter.All)).Value);
            Assert.Equal(61_040_000_000m, Assert.Single(store.Current(FigureFilter.All, recorded.AddMinutes(30), axis: TimeAxis.Recorded)).Value);
            Assert.Equal(61_040_000_000m, Assert.Single(store.Current(FigureFilter.All, new DateTime(2025, 12, 2, 0, 0, 0, DateTimeKind.Utc))).Value);
            Assert.Equal(61_050_000_000m, Assert.Single(store.Current(FigureFilter.All, new DateTime(2025, 12, 3, 0, 0, 0, DateTimeKind.Utc))).Value);
            Assert.Empty(store.Current(FigureFilter.All, new DateTime(2025, 11, 30, 0, 0, 0, DateTimeKind.Utc)));
            var history = store.History(FigureFilter.All);
            Assert.Equal([PublicationSource.ResolvedDate, PublicationSource.ResolvedDate], history.Select(v => v.PublishedFrom));
            Assert.Equal(new DateTime(2025, 12, 3, 0, 0, 0, DateTimeKind.Utc), history[0].RealtimeEnd);
            Assert.Null(history[1].RealtimeEnd);
            Assert.All(store.AllDocuments(), d => Assert.Equal(PublicationSource.ResolvedDate, d.PublishedFrom));
        }

        using var check = new LiteDatabase($"Filename={path};Connection=direct");
        Assert.True(check.GetCollection("meta").FindById("schema")["version"].AsInt32 >= 3);
    }

    public void Dispose() => _folder.Dispose();
}
