using IngestWorker.Core.Sources;
using IngestWorker.Core.Tests.Support;

namespace IngestWorker.Core.Tests.Sources;

public sealed class FeedAndListingTests
{
    private static readonly Uri Site = new("http://127.0.0.1:8080/site/");

    private static string SiteFile(string name) => File.ReadAllText(Path.Combine(Fixtures.Corpus, "site", name));

    [Fact]
    public void Feed_Rss_ReadsEveryItemWithResolvedLinkAndLocalDate()
    {
        var items = FeedReader.TryRead(SiteFile("feed.xml"), new Uri(Site, "feed.xml"))!;

        Assert.Equal(14, items.Count);
        Assert.Equal("http://127.0.0.1:8080/cases/001-kr-2025-11-joongang/bulletin.html", items[0].Url);
        Assert.Equal(new DateOnly(2025, 12, 1), items[0].Published);
    }

    [Fact]
    public void Feed_Atom_ReadsEntries()
    {
        const string atom = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
              <entry><title>March exports</title><link rel="alternate" href="/news/1.html"/><published>2018-04-01T11:02:00+09:00</published></entry>
            </feed>
            """;

        var entry = Assert.Single(FeedReader.TryRead(atom, Site)!);

        Assert.Equal(("http://127.0.0.1:8080/news/1.html", "March exports", (DateOnly?)new DateOnly(2018, 4, 1)), (entry.Url, entry.Title, entry.Published));
    }

    [Fact]
    public void Feed_WithDtd_IsNotExpanded()
    {
        const string bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <rss><channel><item><title>&b;</title><link>x.html</link></item></channel></rss>
            """;

        Assert.Null(FeedReader.TryRead(bomb, Site));
    }

    [Fact]
    public void Feed_HtmlPage_IsNotAFeed() => Assert.Null(FeedReader.TryRead(SiteFile("index.html"), Site));

    [Fact]
    public void Listing_BoardPage_ReadsBulletinLinksAndNextPage()
    {
        var source = new SourceDefinition { LinkXPath = "//td[@class='subject']/a" };

        var (links, next) = ListingReader.Read(SiteFile("index.html"), new Uri(Site, "index.html"), source);

        Assert.Equal(8, links.Count);
        Assert.Equal("Korea's export figures hit record high for six consecutive months", links[0].Title);
        Assert.Equal(new Uri(Site, "index-2.html"), next);
    }
}
