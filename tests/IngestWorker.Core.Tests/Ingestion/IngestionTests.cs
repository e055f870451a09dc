using System.Text.Json.Nodes;
using IngestWorker.Core.Ingestion;
using IngestWorker.Core.Sources;
using IngestWorker.Core.Storage;
using IngestWorker.Core.Tests.Support;
using IngestWorker.Extraction;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IngestWorker.Core.Tests.Ingestion;

/// <summary>The pipeline with real components (extractor, LiteDB file) on the corpus's bulletins.</summary>
public sealed class IngestionTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FigureStore _store;
    private readonly IngestionPipeline _pipeline;
    private readonly SourceDefinition _news = new() { Id = "news", Kind = "http", Url = "https://news.test/", Reporter = "KR" };

    public IngestionTests()
    {
        _store = FigureStore.Open(_folder.File("i.db"), _time);
        var outcomes = new OutcomeLogger(NullLogger<OutcomeLogger>.Instance);
        _pipeline = new IngestionPipeline([], _store, new FigureExtractor(), _time, outcomes, NullLogger<IngestionPipeline>.Instance);
    }

    private RunSummary Ingest(string file, string url = "https://news.test/story") =>
        _pipeline.IngestFile(_news, url, File.ReadAllBytes(file), "text/html", published: null, language: null);

    public static TheoryData<string> Pairs => ["01-kr-2019-09-ministry-correction", "02-in-2022-04-preliminary-to-final", "03-kr-2022-03-news-update"];

    [Theory]
    [MemberData(nameof(Pairs))]
    public void IngestFile_RevisionPair_ChangedFiguresBecomeVersionTwoAndNothingIsClosedForTheRest(string pair)
    {
        var folder = Fixtures.Revision(pair);
        var diff = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "meta.json")))!["diff"]!;
        Ingest(Path.Combine(folder, "v1.html"));
        var v1 = _store.History(FigureFilter.All);
        _time.Advance(TimeSpan.FromHours(2));

        var summary = Ingest(Path.Combine(folder, "v2.html"));

        var changed = diff["changed"]!.AsArray().Select(c => (string)c!["key"]!).Order().ToList();
        var revised = _store.History(FigureFilter.All).Where(v => v.Reason == VersionReason.Revised).ToList();
        Assert.Equal(changed, revised.Select(v => $"{v.Reporter} {v.Flow} {v.Product} {v.Partner} {v.Period} {v.Measure} {v.Basis}").Order().ToList());
        Assert.All(revised, v => Assert.Equal(2, v.Version));
        Assert.Equal(changed.Count, summary.RevisedFigures);
        Assert.Equal(diff["added_in_v2"]!.AsArray().Count, summary.NewFigures);
        var open = _store.Current(FigureFilter.All).Select(v => v.ChainId).ToHashSet();
        Assert.All(v1.Where(v => !revised.Exists(r => r.ChainId == v.ChainId)), v => Assert.Contains(v.ChainId, open));
    }

    [Fact]
    public void IngestFile_SameFileTwice_SecondIsUnchanged()
    {
        Ingest(Fixtures.Seed);

        var again = Ingest(Fixtures.Seed);

        Assert.Equal((1, 0, 0), (again.UnchangedDocuments, again.NewFigures, again.RevisedFigures));
    }

    [Fact]
    public void Reprocess_Twice_ChangesNothing()
    {
        Ingest(Fixtures.Seed);
        Ingest(Path.Combine(Fixtures.Case("003-kr-2018-03-korea-herald"), "bulletin.html"), "https://news.test/herald");
        var reprocessor = new Reprocessor(_store, new FigureExtractor(), new OutcomeLogger(NullLogger<OutcomeLogger>.Instance), NullLogger<Reprocessor>.Instance);
        var before = _store.Counts();

        var first = reprocessor.Run(null, _ => "KR", null, CancellationToken.None);
        var second = reprocessor.Run(null, _ => "KR", null, CancellationToken.None);

        Assert.Equal((2, 0, 0), (first.Documents, first.NewFigures, first.ChangedFigures));
        Assert.Equal((0, 0), (second.NewFigures, second.ChangedFigures));
        Assert.Equal(before, _store.Counts());
    }

    /// <summary>Every corpus case at as many URLs as make more than one batch and a part of another.</summary>
    private static List<BulletinFile> CorpusBeyondABatch() =>
        [.. Enumerable.Range(0, (IngestionPipeline.BatchSize / 14) + 2).SelectMany(copy => Directory.GetDirectories(Path.Combine(Fixtures.Corpus, "cases")).Order(StringComparer.Ordinal)
            .Select(folder => new BulletinFile($"https://news.test/{copy}/{Path.GetFileName(folder)}", File.ReadAllBytes(Path.Combine(folder, "bulletin.html")), "text/html")))];

    [Fact]
    public void IngestFiles_ManyFiles_RecordsWhatOneByOneWouldAndReportsProgressPerBatch()
    {
        var files = CorpusBeyondABatch();
        var done = new List<int>();
        using var oneByOne = FigureStore.Open(_folder.File("one-by-one.db"), _time);
        var single = new IngestionPipeline([], oneByOne, new FigureExtractor(), _time, new OutcomeLogger(NullLogger<OutcomeLogger>.Instance), NullLogger<IngestionPipeline>.Instance);
        files.ForEach(f => single.IngestFile(_news, f.Url, f.Content, f.ContentType, f.Published, f.Language));

        var summary = _pipeline.IngestFiles(_news, files, new SynchronousProgress(done.Add), CancellationToken.None);

        Assert.Equal((files.Count, files.Count, 0, 0), (summary.Documents, summary.NewDocuments, summary.UnchangedDocuments, summary.FailedDocuments));
        Assert.Equal([IngestionPipeline.BatchSize, files.Count], done);
        static string Row(FigureVersion v) => $"{v.ChainId} {v.Version} {v.Value} {v.Reason} {v.DocumentUrl} {v.SupersededAt}";
        Assert.Equal(oneByOne.History(FigureFilter.All).Select(Row), _store.History(FigureFilter.All).Select(Row));
        Assert.Equal(oneByOne.Counts(), _store.Counts());
        Assert.Equal(files.Count, _pipeline.IngestFiles(_news, files, null, CancellationToken.None).UnchangedDocuments);
    }

    [Fact]
    public void IngestFiles_RevisionPairAtOneUrlInOneCall_SecondFileRevises()
    {
        var folder = Fixtures.Revision("01-kr-2019-09-ministry-correction");
        var changed = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "meta.json")))!["diff"]!["changed"]!.AsArray().Count;
        BulletinFile Version(string name) => new("https://news.test/release", File.ReadAllBytes(Path.Combine(folder, name)), "text/html");

        var summary = _pipeline.IngestFiles(_news, [Version("v1.html"), Version("v2.html"), Version("v2.html")], null, CancellationToken.None);

        Assert.Equal((2, 1, changed), (summary.NewDocuments, summary.UnchangedDocuments, summary.RevisedFigures));
        Assert.Equal(changed, _store.History(FigureFilter.All).Count(v => v.Version == 2 && v.Reason == VersionReason.Revised));
    }

    [Fact]
    public void IngestFiles_CancelledAfterTheFirstBatch_KeepsWhatWasCommittedAndResumes()
    {
        var files = CorpusBeyondABatch();
        using var stop = new CancellationTokenSource();
        var read = 0;
        IEnumerable<BulletinFile> Slowly()
        {
            foreach (var file in files)
            {
                // The stop arrives while the reader is past the first batch.
                if (++read == IngestionPipeline.BatchSize + 1)
                {
                    stop.Cancel();
                }

                yield return file;
            }
        }

        Assert.ThrowsAny<OperationCanceledException>(() => _pipeline.IngestFiles(_news, Slowly(), null, stop.Token));

        var kept = _store.Counts().Documents;
        Assert.InRange(kept, IngestionPipeline.BatchSize, IngestionPipeline.BatchSize + 1);
        var resumed = _pipeline.IngestFiles(_news, files, null, CancellationToken.None);
        Assert.Equal((kept, files.Count - kept), (resumed.UnchangedDocuments, resumed.NewDocuments));
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    private static string Row(FigureVersion v) => $"{v.Flow} {v.Product} {v.Period} {v.Measure} {v.Value}";

    [Fact]
    public void IngestFile_UndeclaredWindows1252Bulletin_StoresTheJanuaryNovemberFigures()
    {
        _pipeline.IngestFile(_news, "https://news.test/en", LyingPages.UndeclaredWindows1252Bulletin(), "text/html", published: null, language: null);

        var rows = _store.Current(FigureFilter.All).Select(Row).ToList();
        Assert.Contains("exports total 2025-01/2025-11 value 640200000000", rows);
        Assert.Contains("exports total 2025-01/2025-11 yoy_pct 2.9", rows);
        Assert.DoesNotContain(rows, r => r.Contains(" 2025-11 ", StringComparison.Ordinal));
    }

    [Fact]
    public void IngestFile_KoreanUtf8WithAStrayByte_StoresItsFigures()
    {
        _pipeline.IngestFile(_news, "https://news.test/ko", LyingPages.KoreanUtf8WithStrayByte(), "text/html", published: null, language: null);

        var rows = _store.Current(FigureFilter.All).Select(Row).ToList();
        Assert.Contains("exports total 2025-11 value 51700000000", rows);
        Assert.Contains("exports total 2025-11 yoy_pct -14", rows);
    }

    [Fact]
    public void IngestFile_BinaryGarbage_RecordsNoFiguresAndDoesNotThrow()
    {
        var garbage = new byte[200_000];
        new Random(3).NextBytes(garbage);
        var file = _folder.File("garbage.html");
        File.WriteAllBytes(file, garbage);

        var summary = Ingest(file);

        Assert.Equal(0, summary.NewFigures);
        Assert.Equal(0, _store.Counts().Figures);
    }

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }
}
