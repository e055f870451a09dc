using IngestWorker.Extraction.Tables;

namespace IngestWorker.Extraction.Tests.Tables;

public sealed class TableUnitsAndPeriodsTests
{
    private static readonly DateOnly Published = new(2024, 5, 2);

    [Theory]
    [InlineData("$m", "AU", 1_000_000, "AUD")]
    [InlineData("$m", "DE", 1_000_000, "USD")]
    [InlineData("A$m", "KR", 1_000_000, "AUD")]
    [InlineData("US$ million", "AU", 1_000_000, "USD")]
    [InlineData("Value in Billion USD", "IN", 1_000_000_000, "USD")]
    [InlineData("(in millions of US dollars)", "TW", 1_000_000, "USD")]
    [InlineData("NT$ bn", "TW", 1_000_000_000, "TWD")]
    [InlineData("EUR billion", "DE", 1_000_000_000, "EUR")]
    [InlineData("billion yen", "JP", 1_000_000_000, "JPY")]
    [InlineData("(단위: 억 달러, %)", "KR", 100_000_000, "USD")]
    public void Read_StatedUnit_GivesScaleAndCurrency(string text, string reporter, long scale, string currency)
    {
        var unit = TableUnits.Read(text, reporter);
        Assert.Equal(scale, unit.Scale);
        Assert.Equal(currency, unit.Currency);
    }

    [Theory]
    [InlineData("Exports rose to 61 billion dollars in May.")]
    [InlineData("Exports")]
    [InlineData("Mar 2024")]
    public void Read_Prose_StatesNoUnit(string text)
    {
        Assert.Equal(default, TableUnits.Read(text, "US", strict: true));
    }

    [Theory]
    [InlineData("Apr 2021", false, "2024-04-01", "2021-04", null)]
    [InlineData("Mar-22", false, "2022-04-01", "2022-03", null)]
    [InlineData("2023.11", false, "2024-01-01", "2023-11", null)]
    [InlineData("'23.9월", false, "2024-01-01", "2023-09", null)]
    [InlineData("Apr21-Mar22", false, "2022-04-20", "2021-04/2022-03", null)]
    [InlineData("May 21 to Jun 21 % change", true, "2021-08-05", "2021-06", "mom_pct")]
    [InlineData("Mar-22 over Mar-21", true, "2022-04-20", "2022-03", "yoy_pct")]
    public void Read_CompactHeader_GivesPeriod(string header, bool percent, string published, string period, string? change)
    {
        var p = TablePeriods.Read(header, percent, DateOnly.Parse(published, System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotNull(p);
        Assert.Equal(period, p.Value.Period.ToString());
        Assert.Equal(change, p.Value.ChangeMeasure);
    }

    [Theory]
    [InlineData("January-May 2023")]
    [InlineData("Nov 20")]
    [InlineData("Exports")]
    public void Read_OtherHeader_IsLeftToTheProseReader(string header)
    {
        Assert.Null(TablePeriods.Read(header, false, Published));
    }

    [Fact]
    public void Read_GrowthOverTwoYears_IsSkipped()
    {
        Assert.True(TablePeriods.Read("Mar-22 over Mar-20", true, new DateOnly(2022, 4, 20))?.Skip);
    }
}
