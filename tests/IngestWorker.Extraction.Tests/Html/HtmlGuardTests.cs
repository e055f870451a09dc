using System.Text;
using IngestWorker.Extraction.Html;

namespace IngestWorker.Extraction.Tests.Html;

/// <summary>The depth guard counts only tags left open: self-closed and void tags add no depth.</summary>
public sealed class HtmlGuardTests
{
    private static string Repeat(string part, int times) => new StringBuilder().Insert(0, part, times).ToString();

    [Fact]
    public void IsTooDeep_SvgChartOfSelfClosingShapes_IsNot()
    {
        var html = "<html><body><article><p>Exports rose.</p><svg viewBox=\"0 0 10 10\">"
            + Repeat("<rect x=\"1\" y=\"2\" width=\"3\" height=\"4\"/>", 3_000) + Repeat("<path d=\"M0 0L1 1\" />", 500)
            + "</svg></article></body></html>";
        Assert.False(HtmlGuard.IsTooDeep(html));
    }

    [Fact]
    public void IsTooDeep_VoidElementsWrittenEitherWay_AreNot()
    {
        var html = "<div>" + Repeat("<img src=\"a.png\"><br><hr/><input type=\"text\"><embed src=\"x\"><col><wbr>", 1_500) + "</div>";
        Assert.False(HtmlGuard.IsTooDeep(html));
    }

    [Fact]
    public void IsTooDeep_UnclosedNesting_Is()
    {
        Assert.True(HtmlGuard.IsTooDeep(Repeat("<div><span>", 700)));
    }

    [Fact]
    public void IsTooDeep_SlashInsideALaterTag_DoesNotCloseAnEarlierOne()
    {
        // "<div" without its '>' is not closed by the "/>" of the next tag.
        Assert.True(HtmlGuard.IsTooDeep(Repeat("<div <b/>", 1_100)));
    }

    [Fact]
    public void IsTooDeep_ManyUnterminatedTags_ReturnsQuickly()
    {
        var html = Repeat("<div", 200_000);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        _ = HtmlGuard.IsTooDeep(html);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2));
    }
}
