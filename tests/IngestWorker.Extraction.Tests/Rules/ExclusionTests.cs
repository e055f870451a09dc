namespace IngestWorker.Extraction.Tests.Rules;

/// <summary>Figures a bulletin states that are not records.</summary>
public sealed class ExclusionTests
{
    private static readonly BulletinContext Context = new(new DateOnly(2025, 12, 1), null, "KR");

    private static IReadOnlyList<FigureRecord> Read(string text) => new FigureExtractor().Extract(text, Context);

    [Theory]
    [InlineData("Exports in November rose to about $50.1 billion.")]
    [InlineData("Exports in November reached around $50.1 billion.")]
    [InlineData("Exports in November came to nearly $50.1 billion.")]
    [InlineData("Exports in November came to roughly $50.1 billion.")]
    [InlineData("Exports in November came to close to $50.1 billion.")]
    [InlineData("Exports in November came to some $50.1 billion.")]
    [InlineData("Exports in November came to more than $50 billion.")]
    [InlineData("Exports in November passed the $50 billion mark.")]
    [InlineData("Exports in November are expected to exceed $50 billion.")]
    [InlineData("11월 수출은 약 501억 달러였다.")]
    [InlineData("11월 수출은 500억달러를 웃돌았다.")]
    [InlineData("11월 수출은 500억달러 넘게 늘었다.")]
    public void Extract_HedgedOrBoundFigure_IsNotARecord(string text) => Assert.Empty(Read(text));

    [Theory]
    [InlineData("If exports in December reach $59.8 billion, annual exports will hit a record.")]
    [InlineData("Exports in November were $500 million more than in October.")]
    [InlineData("Exports in November rose $4.4 billion from October.")]
    [InlineData("The share of chips in November exports rose 1.2 percentage points.")]
    [InlineData("Exports in November are seen growing 35 to 40 percent.")]
    [InlineData("For the three months ending in November, the average deficit widened to $5.3 billion.")]
    [InlineData("Exports rose in November for the 9th straight month.")]
    [InlineData("Memory prices rose 5 percent in November.")]
    [InlineData("Exports of EVs slowed in November under a 25 percent tariff.")]
    [InlineData("Total trade rose 5 percent in November.")]
    [InlineData("Exports of cars in November jumped 12.1% in volume terms.")]
    [InlineData("Korea's exports in 2025 rose 12.3 percent compared with 2023.")]
    public void Extract_NonRecordFigure_IsNotARecord(string text) => Assert.Empty(Read(text));

    [Fact]
    public void Extract_CurrencyConversionInParentheses_KeepsOnlyTheStatedCurrency()
    {
        var r = Assert.Single(Read("Japan's trade surplus in November was 366.5 billion yen (about 2.4 billion U.S. dollars)."));
        Assert.Equal("JPY", r.Unit);
        Assert.Equal(366_500_000_000m, r.Value);
    }

    [Fact]
    public void Extract_SupersededForecast_KeepsOnlyTheNewForecast()
    {
        var r = Assert.Single(Read("The ministry raised its export growth forecast for next year to 3% from 1.5%."));
        Assert.Equal("forecast", r.Basis);
        Assert.Equal(3m, r.Value);
        Assert.Equal("2026", r.Period);
    }

    [Fact]
    public void Extract_AsideHeadlines_AreNotRecords()
    {
        const string html = "<html><body><article><p>Exports in November reached $61.04 billion.</p></article>"
            + "<aside><h3>Most Read</h3><ul><li>Exports up 8.2% to $38.5 billion in first 20 days of November</li></ul></aside>"
            + "<footer>Exports rose 3% to $50 billion in October</footer></body></html>";
        var r = Assert.Single(Read(html));
        Assert.Equal(61_040_000_000m, r.Value);
    }

    [Fact]
    public void Extract_DeficitWording_GivesNegativeBalance()
    {
        var r = Assert.Single(Read("Korea posted a trade deficit of $0.95 billion in November."));
        Assert.Equal(("balance", -950_000_000m), (r.Flow, r.Value));
    }

    [Fact]
    public void Extract_BodySplitByBreaks_ReadsEachLine()
    {
        const string html = "<html><body><div class=\"article_txt\">Exports in November reached $61.04 billion.<br><br>Imports in November stood at $51.3 billion.<br></div></body></html>";
        Assert.Equal(2, Read(html).Count);
    }

    [Fact]
    public void Extract_FigureStatedTwice_IsOneRecordAtMostPreciseValue()
    {
        var r = Assert.Single(Read("<html><body><article><p>The cumulative deficit reached $32.7 billion in November.</p><p>The cumulative deficit in November came to 32.714 billion dollars.</p></article></body></html>"));
        Assert.Equal(-32_714_000_000m, r.Value);
    }

    [Fact]
    public void Extract_FigureOnlyInHeadline_IsRecorded()
    {
        const string html = "<html><body><article><h1>Korea's exports rise 8.4% to $61.04 billion in November</h1>"
            + "<p>South Korea's semiconductor exports jumped 38.6 percent in November, the trade ministry said.</p></article></body></html>";
        var records = Read(html);
        Assert.Contains(records, r => r is { Product: "total", Measure: "value", Value: 61_040_000_000m, Period: "2025-11" });
        Assert.Contains(records, r => r is { Product: "semiconductors", Measure: "yoy_pct" });
    }

    [Fact]
    public void Extract_HeadlineRoundingABodyFigure_AddsNothing()
    {
        const string html = "<html><body><article><h1>Cumulative trade deficit reaches $32.7 billion</h1>"
            + "<p>The cumulative deficit from the start of the year through the 10th of this month came to 32.714 billion dollars.</p></article></body></html>";
        var r = Assert.Single(new FigureExtractor().Extract(html, new BulletinContext(new DateOnly(2022, 10, 12), null, "KR")));
        Assert.Equal(-32_714_000_000m, r.Value);
    }
}
