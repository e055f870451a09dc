using System.Text;
using HtmlAgilityPack;
using IngestWorker.Extraction.Html;
using IngestWorker.Extraction.Rules;

namespace IngestWorker.Extraction.Tests.Robustness;

/// <summary>Hostile inputs return records or none, never an exception and never a hang.</summary>
public sealed class HostileInputTests
{
    private static readonly BulletinContext Context = new(new DateOnly(2025, 12, 1), null, "KR");

    private static IReadOnlyList<FigureRecord> Extract(string input)
    {
        var records = new FigureExtractor().Extract(input, Context);
        _ = FigureExtractor.ReadMetadata(input);

        // The same input through the pipeline without the extractor's last-resort guard: no rule may throw.
        if (input.Length <= 1_000_000 && !HtmlGuard.IsTooDeep(input))
        {
            var doc = new HtmlDocument();
            doc.LoadHtml(input);
            _ = DocumentReader.Read(MainContent.Read(doc), Context);
        }

        return records;
    }

    [Fact]
    public void Extract_Null_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => new FigureExtractor().Extract(null!, Context));
        Assert.Throws<ArgumentNullException>(() => new FigureExtractor().Extract("", null!));
        Assert.Throws<ArgumentNullException>(() => FigureExtractor.ReadMetadata(null!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("<")]
    [InlineData("<html><body></body></html>")]
    [InlineData("<table><tr><td>Exports<td>1<tr><td><p>2</table>")]
    [InlineData("Exports rose 1e308 percent to $1e308 billion.")]
    [InlineData("Exports in November reached $9,999,999 trillion, up 99999999999999999999999999999999 percent.")]
    [InlineData("Exports in November reached $99999999999999999999999999999 trillion.")]
    [InlineData("수출은 9999999999999999999999조 9999억 9999만달러로 집계됐다.")]
    [InlineData("Exports from January to November rose 2.9 percent in FY 9999-99 and Q9 of 0000.")]
    public void Extract_OddInput_ReturnsWithoutException(string input)
    {
        var records = Extract(input);
        Assert.NotNull(records);
    }

    [Fact]
    public void Extract_BinaryGarbage_ReturnsWithoutException()
    {
        var random = new Random(42);
        var bytes = new byte[200_000];
        random.NextBytes(bytes);
        Assert.NotNull(Extract(Encoding.Latin1.GetString(bytes)));
        Assert.NotNull(Extract(Encoding.UTF8.GetString(bytes)));
    }

    [Fact]
    public void Extract_InvalidUtf16AndUtf8_ReturnsWithoutException()
    {
        var invalid = Encoding.UTF8.GetString([0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28, 0x8C, 0xBC]);
        Assert.NotNull(Extract("<p>Exports rose 5% in May" + invalid + "\uD800 to $5 billion \uDFFF.</p>"));
    }

    [Fact]
    public void Extract_FiveMegabytesOfText_Completes()
    {
        var sb = new StringBuilder();
        while (sb.Length < 5_000_000)
        {
            sb.Append("Exports in November reached $61.04 billion, an 8.4 percent on-year increase. ");
        }

        Assert.NotNull(Extract(sb.ToString()));
        Assert.NotNull(Extract("<html><body><p>" + sb + "</p></body></html>"));
    }

    [Fact]
    public void Extract_HundredThousandNestedTags_DoesNotOverflowStack()
    {
        var sb = new StringBuilder("<html><body>");
        for (var i = 0; i < 100_000; i++)
        {
            sb.Append(i % 2 == 0 ? "<div>" : "<span>");
        }

        sb.Append("Exports in November reached $61.04 billion.");
        Assert.NotNull(Extract(sb.ToString()));
        Assert.NotNull(Extract(string.Concat(Enumerable.Repeat("<table><tr><td>", 30_000)) + "1.5"));
    }

    [Fact]
    public void Extract_TenThousandRespectivelyItems_Completes()
    {
        var items = string.Join(", ", Enumerable.Range(0, 10_000).Select(i => i % 2 == 0 ? "steel" : "ships"));
        var values = string.Join(", ", Enumerable.Range(0, 10_000).Select(i => $"{i % 90}.{i % 10} percent"));
        Assert.NotNull(Extract($"Exports of {items} rose {values}, respectively, in November."));
        Assert.NotNull(Extract($"<p>Exports of {items} rose {values}, respectively, in November.</p>"));
    }

    [Fact]
    public void Extract_ManyParallelCalls_AreThreadSafe()
    {
        var html = File.ReadAllText(Path.Combine(Corpus.CorpusCase.Root, "cases", "001-kr-2025-11-joongang", "bulletin.html"));
        var extractor = new FigureExtractor();
        var expected = extractor.Extract(html, Context).Count;
        var counts = new int[32];
        Parallel.For(0, counts.Length, i => counts[i] = extractor.Extract(html, Context).Count);
        Assert.All(counts, c => Assert.Equal(expected, c));
    }
}
