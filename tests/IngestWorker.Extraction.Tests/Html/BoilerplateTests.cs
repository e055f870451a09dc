using HtmlAgilityPack;
using IngestWorker.Extraction.Html;

namespace IngestWorker.Extraction.Tests.Html;

/// <summary>Chrome is told from the article by whole class words and by where the running text is, never by a substring.</summary>
public sealed class BoilerplateTests
{
    private const string Para = "Exports rose 3.2 percent in May from a year earlier to 41.7 billion dollars, the agency said.";

    [Theory]
    [InlineData("inside-article", false)]
    [InlineData("market-share-analysis", true)]
    [InlineData("footnote-text", false)]
    [InlineData("page-foot", true)]
    [InlineData("sideCol", true)]
    [InlineData("considered", false)]
    [InlineData("box_most read-more", true)]
    [InlineData("mostViewed", true)]
    [InlineData("shared-content", false)]
    [InlineData("commentary-body", false)]
    public void HasChromeWord_ReadsClassNamesWordByWord(string value, bool chrome)
    {
        Assert.Equal(chrome, Boilerplate.HasChromeWord(value));
    }

    private static List<string> Texts(string body)
    {
        var doc = new HtmlDocument();
        doc.LoadHtml("<html><body>" + body + "</body></html>");
        return MainContent.Read(doc).Select(b => b.Text).ToList();
    }

    [Theory]
    [InlineData("market-share-analysis")]
    [InlineData("side-by-side")]
    [InlineData("comment-and-analysis")]
    [InlineData("footer-wrap")]
    public void Read_ArticleInsideAWrapperNamedLikeChrome_IsKept(string wrapperClass)
    {
        var texts = Texts($"<div class=\"{wrapperClass}\"><div class=\"text\"><p>{Para}</p><p>{Para}</p></div></div>");
        Assert.Contains(Para, texts);
    }

    [Fact]
    public void Read_ChromeBesideTheArticle_IsDropped()
    {
        var texts = Texts($"<div class=\"market-share-analysis\"><div class=\"story\"><p>{Para}</p><p>{Para}</p>"
            + "<div class=\"share-tools\">Exports up 9% to $50 billion</div></div>"
            + "<div class=\"comments\"><p>Imports fell 4 percent in May to 30 billion dollars, I heard.</p></div></div>"
            + "<footer>Exports rose 1% in April to $40 billion.</footer>");
        Assert.Contains(Para, texts);
        Assert.DoesNotContain(texts, t => t.Contains("$50", StringComparison.Ordinal) || t.Contains("Imports", StringComparison.Ordinal)
            || t.Contains("April", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_ListOfLinksInsideTheArticle_IsDropped()
    {
        var texts = Texts($"<article><p>{Para}</p><p>{Para}</p><div class=\"more\"><a href=\"#\">Exports jump 12% in April to $44 billion</a>"
            + " <a href=\"#\">Imports slide 3%</a></div></article>");
        Assert.Contains(Para, texts);
        Assert.DoesNotContain(texts, t => t.Contains("April", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_ParagraphWithALink_IsKept()
    {
        var texts = Texts($"<article><p>{Para}</p><p>Imports fell 2.5 percent to 38.1 billion dollars, <a href=\"#\">the agency said</a>.</p></article>");
        Assert.Contains(texts, t => t.StartsWith("Imports fell 2.5 percent", StringComparison.Ordinal));
    }
}
