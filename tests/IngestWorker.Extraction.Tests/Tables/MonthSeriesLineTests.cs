using IngestWorker.Extraction.Html;

namespace IngestWorker.Extraction.Tests.Tables;

public sealed class MonthSeriesLineTests
{
    [Fact]
    public void TryRead_SeriesRollingIntoTheNextYear_DatesEveryStep()
    {
        Assert.True(MonthSeriesLine.TryRead("* 수출 증감률(%) : ('21.10)+24.1 → (11)+32.0 → (12)+18.3 → (1)+15.2", out var grid));
        Assert.Equal(["", "2021.10", "2021.11", "2021.12", "2022.1"], grid.Rows[0]);
        Assert.Equal(["수출 증감률(%)", "+24.1", "+32.0", "+18.3", "+15.2"], grid.Rows[1]);
    }

    [Theory]
    [InlineData("수출은 ('21.10)+24.1 → (11)+32.0 로 늘어난 뒤 연말까지 증가세를 이어갔으며 정부는 올해도 이 흐름이 계속될 것으로 내다봤다")]
    [InlineData("수출 증감률(%) : ('21.10)+24.1, (11)+32.0")]
    [InlineData("수출 증감률(%) : (10)+24.1 → (11)+32.0")]
    [InlineData("Exports rose (see chart) → 5.1 percent")]
    public void TryRead_NotASeriesLine_IsNotATable(string line)
    {
        Assert.False(MonthSeriesLine.TryRead(line, out _));
    }
}
