using IngestWorker.Core.Storage;
using IngestWorker.Core.Tests.Support;
using IngestWorker.Extraction;
using Microsoft.Extensions.Time.Testing;

namespace IngestWorker.Core.Tests.Storage;

public sealed class ChangeCursorTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 12, 1, 0, 30, 0, TimeSpan.Zero));

    private static FigureRecord Exports(decimal value, string period = "2025-11") =>
        new("KR", "exports", "total", "world", period, "value", "actual", "none", value, "USD", "Exports reached ...");

    private static StoredDocument Document(string hash) =>
        new() { SourceId = "ministry", Url = "https://example.test/a", ContentHash = hash, Published = "2025-12-01", ExtractorVersion = "1" };

    private FigureStore Open() => FigureStore.Open(_folder.File("figures.db"), _time);

    [Fact]
    public void Cursor_FiguresRecordedBetweenTwoReads_SecondReadReturnsOnlyThose()
    {
        using var store = Open();
        store.RecordDocument(Document("h1"), [Exports(61_040_000_000m), Exports(56_300_000_000m, "2024-11")]);

        var first = store.ChangesAfter(store.CursorPosition("feed"));
        store.MoveCursor("feed", first.UpTo);
        _time.Advance(TimeSpan.FromHours(1));
        store.RecordDocument(Document("h2"), [Exports(61_050_000_000m), Exports(56_300_000_000m, "2024-11")]);
        var second = store.ChangesAfter(store.CursorPosition("feed"));
        store.MoveCursor("feed", second.UpTo);

        Assert.Equal(2, first.Changes.Count);
        var revised = Assert.Single(second.Changes);
        Assert.Equal((61_050_000_000m, VersionReason.Revised), (revised.Value, revised.Reason));
        Assert.Empty(store.ChangesAfter(store.CursorPosition("feed")).Changes);
    }

    [Fact]
    public void ChangesAfter_WithSince_LeavesOutOlderVersionsButCountsThemAsSeen()
    {
        using var store = Open();
        store.RecordDocument(Document("h1"), [Exports(61_040_000_000m)]);
        _time.Advance(TimeSpan.FromDays(2));
        store.RecordDocument(Document("h2"), [Exports(61_050_000_000m)]);

        var batch = store.ChangesAfter(0, _time.GetUtcNow().UtcDateTime - TimeSpan.FromHours(24));

        Assert.Equal(61_050_000_000m, Assert.Single(batch.Changes).Value);
        Assert.Equal(batch.Changes[0].Id, batch.UpTo);
    }

    [Fact]
    public void MoveCursor_Backwards_KeepsItsPositionAcrossReopening()
    {
        using (var store = Open())
        {
            store.RecordDocument(Document("h1"), [Exports(61_040_000_000m), Exports(56_300_000_000m, "2024-11")]);
            store.MoveCursor("feed", 2);
            store.MoveCursor("feed", 1);
        }

        using var reopened = Open();
        Assert.Equal(2, reopened.CursorPosition("feed"));
        Assert.Equal(0, reopened.CursorPosition("other"));
    }

    [Theory]
    [InlineData("feed-1_a.b", true)]
    [InlineData("", false)]
    [InlineData("a b", false)]
    [InlineData("a/b", false)]
    [InlineData("é", false)]
    public void IsValidName_ChecksLettersDigitsAndPunctuation(string name, bool valid) =>
        Assert.Equal(valid, ChangeCursor.IsValidName(name));

    [Fact]
    public void IsValidName_LongerThan64_IsRefused()
    {
        Assert.True(ChangeCursor.IsValidName(new string('a', 64)));
        Assert.False(ChangeCursor.IsValidName(new string('a', 65)));
    }

    public void Dispose() => _folder.Dispose();
}
