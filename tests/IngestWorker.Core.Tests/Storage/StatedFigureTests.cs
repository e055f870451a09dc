using System.Globalization;
using IngestWorker.Core.Storage;
using IngestWorker.Core.Tests.Support;
using IngestWorker.Extraction;
using Microsoft.Extensions.Time.Testing;

namespace IngestWorker.Core.Tests.Storage;

/// <summary>Figures kept as stated, and sources compared by the precision they stated.</summary>
public sealed class StatedFigureTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FigureStore _store;

    public StatedFigureTests() => _store = FigureStore.Open(_folder.File("s.db"), _time);

    private static decimal D(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("61040000000", "USD", "Exports rose 8.4 percent to $61.04 billion.", 2, 9)]
    [InlineData("60000000000", "USD", "Exports reached $60.00 billion.", 2, 9)]
    [InlineData("60000000000", "USD", "Exports reached $60 billion.", 0, 9)]
    [InlineData("60000000000", "USD", "Exports reached 60,000 million dollars.", 0, 6)]
    [InlineData("10", "%", "Exports rose 10 percent to $60 billion.", 0, 0)]
    [InlineData("-3.9", "%", "수출 △3.9%", 1, 0)]
    [InlineData("50360000000", "USD", "수출은 503억6000만달러로 집계됐다", 0, 4)]
    [InlineData("50300000000", "USD", "수출은 503억달러로 집계됐다", 0, 8)]
    public void Find_ReadsDigitsAndScaleFromTheEvidence(string value, string unit, string evidence, int decimals, int exponent) =>
        Assert.Equal(new StatedFigure(decimals, exponent), StatedFigure.Find(D(value), unit, evidence));

    [Theory]
    [InlineData("61040000000", "USD", "Exports ...")]
    [InlineData("10", "%", "Exports rose 10.5 percent")]
    public void Find_ValueNotInItsEvidence_IsUnknown(string value, string unit, string evidence) =>
        Assert.Null(StatedFigure.Find(D(value), unit, evidence));

    private static FigureRecord Exports(string value, string evidence, string measure = "value") =>
        new("KR", "exports", "total", "world", "2025-11", measure, "actual", "none", D(value), measure == "value" ? "USD" : "%", evidence);

    private (int Recorded, int Listed) Compare(FigureRecord ministry, FigureRecord news)
    {
        _store.RecordDocument(new StoredDocument { SourceId = "ministry", Url = "https://ministry.test/r", ContentHash = "m", Published = "2025-12-01" }, [ministry]);
        var outcome = _store.RecordDocument(new StoredDocument { SourceId = "news", Url = "https://news.test/s", ContentHash = "n", Published = "2025-12-01" }, [news]);
        return (outcome.Conflicts.Count, _store.Conflicts().Count);
    }

    [Fact]
    public void Conflicts_TenPercentAgainstEightPointFour_Disagree() =>
        Assert.Equal((1, 1), Compare(Exports("8.4", "Exports rose 8.4 percent.", "yoy_pct"), Exports("10", "Exports rose 10 percent.", "yoy_pct")));

    [Fact]
    public void Conflicts_SixtyBillionAgainstSixtyOnePointZeroFour_Disagree() =>
        Assert.Equal((1, 1), Compare(Exports("61040000000", "Exports reached $61.04 billion."), Exports("60000000000", "Exports reached $60 billion.")));

    [Fact]
    public void Conflicts_SixtyPointZeroZeroBillionIsNotSixtyBillion()
    {
        Assert.Equal((1, 1), Compare(Exports("60300000000", "Exports reached $60.3 billion."), Exports("60000000000", "Exports reached $60.00 billion.")));
        Assert.Equal(new StatedFigure(2, 9), Assert.Single(_store.Current(new FigureFilter(Source: "news"))).Stated);
    }

    [Fact]
    public void Conflicts_SixtyBillionAgainstSixtyPointThree_AgreeWithinItsRounding() =>
        Assert.Equal((0, 0), Compare(Exports("60300000000", "Exports reached $60.3 billion."), Exports("60000000000", "Exports reached $60 billion.")));

    [Fact]
    public void Conflicts_SixteenAgainstFifteenPointNinePercent_Agree() =>
        Assert.Equal((0, 0), Compare(Exports("15.9", "Exports rose 15.9 percent.", "yoy_pct"), Exports("16", "Exports rose 16 percent.", "yoy_pct")));

    [Fact]
    public void Record_OneSourceStatingAFigureAtAnotherPrecision_ConfirmsItAndNeverFlips()
    {
        // The release page rounds, its PDF does not; then the page is read again (a counter changed).
        StoredDocument Document(string url, string hash) => new() { SourceId = "ministry", Url = url, ContentHash = hash, Published = "2025-12-01" };
        var page = _store.RecordDocument(Document("https://ministry.test/r", "p1"), [Exports("61000000000", "Exports rose to $61.0 billion.")]);
        var pdf = _store.RecordDocument(Document("https://ministry.test/r.pdf", "f1"), [Exports("61040000000", "Exports rose to $61.04 billion.")]);
        var again = _store.RecordDocument(Document("https://ministry.test/r", "p2"), [Exports("61000000000", "Exports rose to $61.0 billion.")]);
        var corrected = _store.RecordDocument(Document("https://ministry.test/r.pdf", "f2"), [Exports("61140000000", "Exports rose to $61.14 billion.")]);

        Assert.Equal((1, 0, 0, 0), (page.New.Count, pdf.Revised.Count, again.Revised.Count, pdf.New.Count));
        // A correction beyond the stated precision is still a revision.
        Assert.Single(corrected.Revised);
        Assert.Equal([1, 2], _store.History(new FigureFilter(Source: "ministry")).Select(v => v.Version));
    }

    [Fact]
    public void Conflicts_AfterReopen_KeepTheStatedPrecision()
    {
        Compare(Exports("61040000000", "Exports reached $61.04 billion."), Exports("60000000000", "Exports reached $60 billion."));
        _store.Dispose();

        using var reopened = FigureStore.Open(_folder.File("s.db"), _time);
        Assert.Single(reopened.Conflicts());
        var later = reopened.RecordDocument(new StoredDocument { SourceId = "agency", Url = "https://agency.test/a", ContentHash = "a", Published = "2025-12-01" },
            [Exports("61000000000", "Exports reached $61 billion.")]);
        Assert.Equal(["news"], later.Conflicts.Select(c => c.Other.SourceId));
    }

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }
}
