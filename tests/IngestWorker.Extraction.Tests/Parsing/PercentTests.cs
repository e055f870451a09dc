using IngestWorker.Extraction.Parsing;
using IngestWorker.Extraction.Rules;

namespace IngestWorker.Extraction.Tests.Parsing;

public sealed class PercentTests
{
    [Theory]
    [InlineData("8.4 percent", 8.4, 0)]
    [InlineData("8.4%", 8.4, 0)]
    [InlineData("(+8.4%)", 8.4, 1)]
    [InlineData("(-15.9%)", 15.9, -1)]
    [InlineData("△3.9%", 3.9, -1)]
    [InlineData("18.2 pct", 18.2, 0)]
    [InlineData("12 per cent", 12, 0)]
    public void ParsePercent_Forms_ReturnsValueAndExplicitSign(string text, double value, int sign)
    {
        var p = Assert.Single(Percent.Find(text));
        Assert.Equal((decimal)value, p.Value);
        Assert.Equal(sign, p.Sign);
    }

    [Theory]
    [InlineData("rose 1.2 percentage points")]
    [InlineData("1.2%p 상승")]
    [InlineData("1.2%포인트")]
    public void ParsePercent_PercentagePoints_FindsNothing(string text) => Assert.Empty(Percent.Find(text));

    [Theory]
    [InlineData("35 to 40 percent")]
    [InlineData("35-40%")]
    public void ParsePercent_RangeEnd_IsMarked(string text) => Assert.True(Assert.Single(Percent.Find(text)).IsRangeEnd);

    [Theory]
    [InlineData("exports fell by 15.9 percent", 1)]
    [InlineData("a 38.6 percent increase compared to", -1)]
    [InlineData("an 8.4 percent on-year increase", -1)]
    [InlineData("the 27.4% contraction expected", -1)]
    [InlineData("a slight decrease, but the decline was limited to 0.2 percent", 1)]
    [InlineData("exports slumped 13.6 percent on-year", 1)]
    [InlineData("nosedived 30.7 percent", 1)]
    [InlineData("1년 전보다 14.0% 줄어든 519억달러", -1)]
    [InlineData("전년동월대비 36.8% 증가했다", 1)]
    public void ReadSign_FromWords_ReturnsDirection(string text, int expectedOrNegatedMarker)
    {
        // The marker says where the sign word stands: 1 = before the percent, -1 = after it.
        var lower = text.ToLowerInvariant();
        var p = Assert.Single(Percent.Find(lower));
        var sign = Signs.Read(lower, p.Start, p.End, 0, lower.Length);
        var expected = text.Contains("fell", StringComparison.Ordinal) || text.Contains("decrease", StringComparison.Ordinal) || text.Contains("decline", StringComparison.Ordinal)
            || text.Contains("contraction", StringComparison.Ordinal) || text.Contains("slumped", StringComparison.Ordinal) || text.Contains("nosedived", StringComparison.Ordinal)
            || text.Contains("줄어", StringComparison.Ordinal) ? -1 : 1;
        Assert.Equal(expected, sign);
        Assert.NotEqual(0, expectedOrNegatedMarker);
    }
}
