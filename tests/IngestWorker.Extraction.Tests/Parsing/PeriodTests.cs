using IngestWorker.Extraction.Parsing;

namespace IngestWorker.Extraction.Tests.Parsing;

public sealed class PeriodTests
{
    private static string? First(string text, string published, string reporter = "KR", string? role = "Normal")
    {
        var date = DateOnly.ParseExact(published, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var cues = Periods.Find(text, text.ToLowerInvariant(), date, null, reporter);
        return cues.FirstOrDefault(c => role is null || c.Role.ToString() == role)?.Period.ToString();
    }

    [Theory]
    [InlineData("Exports in November reached", "2025-12-01", "2025-11")]
    [InlineData("Imports in November this year stood at", "2025-12-01", "2025-11")]
    [InlineData("compared with $48.64 billion in March last year", "2018-04-01", "2017-03")]
    [InlineData("December shipments totalled", "2022-01-01", "2021-12")]
    [InlineData("Outbound shipments amounted to US$44.2 billion last month", "2019-09-01", "2019-08")]
    [InlineData("exports next year will total", "2025-12-01", "2026")]
    [InlineData("last year's all-time annual record", "2025-12-01", "2024")]
    [InlineData("set in February 2012", "2022-03-02", "2012-02")]
    [InlineData("the first 11 months of the year", "2025-12-01", "2025-01/2025-11")]
    [InlineData("from January to November this year", "2025-12-01", "2025-01/2025-11")]
    [InlineData("January-November", "2025-12-01", "2025-01/2025-11")]
    [InlineData("From January through June", "2019-08-02", "2019-01/2019-06")]
    [InlineData("In the January-March quarter", "2018-04-01", "2018-01/2018-03")]
    [InlineData("in the first quarter of 2024", "2024-04-20", "2024-01/2024-03")]
    [InlineData("in the first 20 days of October", "2020-10-21", "2020-10-01/2020-10-20")]
    [InlineData("Shipments in the Oct. 1-20 period", "2020-10-21", "2020-10-01/2020-10-20")]
    [InlineData("for the period from the first to the 10th of this month", "2022-10-12", "2022-10-01/2022-10-10")]
    [InlineData("from the start of the year through the 10th of this month", "2022-10-12", "2022-01-01/2022-10-10")]
    [InlineData("Over April 2021-March 2022", "2022-04-04", "2021-04/2022-03")]
    [InlineData("Apr21-Mar22", "2022-04-04", "2021-04/2022-03")]
    [InlineData("Mar-22", "2022-04-04", "2022-03")]
    [InlineData("1~11월 누적 수출", "2022-12-01", "2022-01/2022-11")]
    [InlineData("지난달 수출액은", "2021-07-01", "2021-06")]
    [InlineData("연초부터 이달 20일까지 누적", "2025-11-21", "2025-01-01/2025-11-20")]
    [InlineData("이달 1~20일 수출액은", "2025-11-21", "2025-11-01/2025-11-20")]
    [InlineData("2022년 11월 수출입 동향", "2022-12-01", "2022-11")]
    [InlineData("올해 연간 수출액이", "2022-12-01", "2022")]
    [InlineData("지난해 3월 수출은", "2025-12-01", "2024-03")]
    [InlineData("지난해 연간 수출은", "2025-01-01", "2024")]
    [InlineData("in the first half of 2025", "2025-07-01", "2025-01/2025-06")]
    [InlineData("상반기 수출은", "2025-07-01", "2025-01/2025-06")]
    [InlineData("Exports so far this year through October", "2025-11-01", "2025-01/2025-10")]
    [InlineData("in the third quarter of 2025", "2025-10-09", "2025-07/2025-09")]
    public void ResolvePeriod_Phrase_ReturnsContractPeriod(string text, string published, string expected) =>
        Assert.Equal(expected, First(text, published));

    [Theory]
    [InlineData("India's merchandise exports for FY 2021-22", "IN", "2021-04/2022-03")]
    [InlineData("For fiscal 2023, exports grew", "JP", "2023-04/2024-03")]
    public void ResolvePeriod_FiscalYear_UsesReporterFiscalCalendar(string text, string reporter, string expected) =>
        Assert.Equal(expected, First(text, "2024-04-17", reporter));

    [Theory]
    [InlineData("up 3.6% from 2019", "Comparison")]
    [InlineData("the first time since 2011", "Comparison")]
    [InlineData("from a year earlier", "YearEarlier")]
    [InlineData("compared to the same period last year", "YearEarlier")]
    [InlineData("지난해 같은 달보다", "YearEarlier")]
    [InlineData("SEOUL, Sept. 1 (Yonhap)", "Date")]
    public void ResolvePeriod_ComparisonPhrases_AreNotFigurePeriods(string text, string role)
    {
        var cues = Periods.Find(text, text.ToLowerInvariant(), new DateOnly(2021, 1, 14), null, "KR");
        Assert.Contains(cues, c => c.Role.ToString() == role);
        Assert.DoesNotContain(cues, c => c.Role == PeriodRole.Normal);
    }

    [Fact]
    public void ResolvePeriod_MayAsModalVerb_IsNotAMonth() =>
        Assert.Empty(Periods.Find("exports may slow", "exports may slow", new DateOnly(2025, 12, 1), null, "KR"));
}
