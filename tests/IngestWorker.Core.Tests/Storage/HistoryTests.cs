using IngestWorker.Core.Storage;
using IngestWorker.Core.Tests.Support;
using IngestWorker.Extraction;
using Microsoft.Extensions.Time.Testing;

namespace IngestWorker.Core.Tests.Storage;

/// <summary>Versions through time: as-of snapshots, changes since, re-extraction, confirmations and conflicts.</summary>
public sealed class HistoryTests : IDisposable
{
    private static readonly DateTime Start = new(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(Start));
    private readonly FigureStore _store;

    public HistoryTests() => _store = FigureStore.Open(_folder.File("h.db"), _time);

    private static FigureRecord Imports(decimal value, string measure = "value") =>
        new("KR", "imports", "total", "world", "2022-03", measure, "actual", "none", value, measure == "value" ? "USD" : "%", "Imports ...");

    private static StoredDocument Document(string source, string hash, string url = "https://news.test/story") =>
        new() { SourceId = source, Url = url, ContentHash = hash, Published = "2022-04-01", ExtractorVersion = "1" };

    private StoredDocument RecordAfter(TimeSpan delay, StoredDocument document, params FigureRecord[] records)
    {
        _time.Advance(delay);
        _store.RecordDocument(document, records);
        return document;
    }

    [Fact]
    public void Current_AsOfRecorded_BeforeBetweenAndAfterVersions()
    {
        RecordAfter(TimeSpan.FromHours(1), Document("news", "v1"), Imports(63_260_000_000m));
        RecordAfter(TimeSpan.FromHours(2), Document("news", "v2"), Imports(63_620_000_000m));

        Assert.Empty(_store.Current(FigureFilter.All, Start.AddMinutes(30), axis: TimeAxis.Recorded));
        Assert.Equal(63_260_000_000m, Assert.Single(_store.Current(FigureFilter.All, Start.AddHours(2), axis: TimeAxis.Recorded)).Value);
        Assert.Equal(63_620_000_000m, Assert.Single(_store.Current(FigureFilter.All, Start.AddHours(3), axis: TimeAxis.Recorded)).Value);
        Assert.Equal(63_620_000_000m, Assert.Single(_store.Current(FigureFilter.All)).Value);
    }

    [Fact]
    public void ChangesSince_ListsOnlyLaterVersionsInOrder()
    {
        RecordAfter(TimeSpan.FromHours(1), Document("news", "v1"), Imports(63_260_000_000m), Imports(18.2m, "yoy_pct"));
        RecordAfter(TimeSpan.FromHours(2), Document("news", "v2"), Imports(63_620_000_000m), Imports(18.2m, "yoy_pct"));

        var changes = _store.ChangesSince(Start.AddHours(2));

        var change = Assert.Single(changes);
        Assert.Equal((2, VersionReason.Revised), (change.Version, change.Reason));
        Assert.Equal(3, _store.ChangesSince(Start).Count);
    }

    [Fact]
    public void Export_AsOfRecorded_LeavesOutLaterVersions()
    {
        RecordAfter(TimeSpan.FromHours(1), Document("news", "v1"), Imports(63_260_000_000m));
        RecordAfter(TimeSpan.FromHours(2), Document("news", "v2"), Imports(63_620_000_000m));

        Assert.Equal(2, _store.Export().Count());
        Assert.Equal([1], _store.Export(Start.AddHours(2), TimeAxis.Recorded).Select(v => v.Version));
    }

    [Fact]
    public void Record_SameValueFromLaterDocument_IsRememberedAsConfirmation()
    {
        RecordAfter(TimeSpan.FromHours(1), Document("news", "v1"), Imports(63_260_000_000m));
        RecordAfter(TimeSpan.FromHours(1), Document("news", "v2", "https://news.test/other"), Imports(63_260_000_000m));

        var version = Assert.Single(_store.History(FigureFilter.All));
        Assert.Equal(1, _store.ConfirmationCount(version.Id));
    }

    [Fact]
    public void ReExtract_ChangedReading_IsReExtractedNotRevised()
    {
        var document = RecordAfter(TimeSpan.FromHours(1), Document("news", "v1"), Imports(63_260_000_000m));
        _time.Advance(TimeSpan.FromDays(30));

        var outcome = _store.RecordDocument(document, [Imports(63_620_000_000m)], RecordMode.ReExtracted);

        var revision = Assert.Single(outcome.Revised);
        Assert.Equal((2, VersionReason.ReExtracted), (revision.Current.Version, revision.Current.Reason));
        Assert.Equal(1, _store.Counts().Documents);
    }

    [Fact]
    public void ReExtract_OlderDocumentOfARevisedFigure_ChangesNothing()
    {
        var v1 = RecordAfter(TimeSpan.FromHours(1), Document("news", "v1"), Imports(63_260_000_000m));
        RecordAfter(TimeSpan.FromHours(2), Document("news", "v2"), Imports(63_620_000_000m));

        var outcome = _store.RecordDocument(v1, [Imports(63_260_000_000m)], RecordMode.ReExtracted);

        Assert.Equal((0, 0, 1), (outcome.New.Count, outcome.Revised.Count, outcome.Unchanged));
        Assert.Equal(63_620_000_000m, Assert.Single(_store.Current(FigureFilter.All)).Value);
    }

    [Fact]
    public void Record_OtherSourceDisagreesBeyondRounding_IsAConflict()
    {
        RecordAfter(TimeSpan.FromHours(1), Document("ministry", "m", "https://ministry.test/r"), Imports(63_620_000_000m));

        var outcome = _store.RecordDocument(Document("news", "n"), [Imports(63_260_000_000m)]);

        var conflict = Assert.Single(outcome.Conflicts);
        Assert.Equal(("news", "ministry"), (conflict.Recorded.SourceId, conflict.Other.SourceId));
        Assert.Single(_store.Conflicts());
    }

    [Fact]
    public void Record_OtherSourceAgreesWithinRounding_IsNoConflict()
    {
        RecordAfter(TimeSpan.FromHours(1), Document("ministry", "m", "https://ministry.test/r"), Imports(15.9m, "yoy_pct"), Imports(56_350_000_000m));

        var outcome = _store.RecordDocument(Document("news", "n"), [Imports(16m, "yoy_pct"), Imports(56_300_000_000m)]);

        Assert.Empty(outcome.Conflicts);
        Assert.Empty(_store.Conflicts());
    }

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }
}
