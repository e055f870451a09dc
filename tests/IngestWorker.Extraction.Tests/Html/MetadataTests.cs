using System.Globalization;
using System.Text.Json;
using IngestWorker.Extraction.Tests.Corpus;

namespace IngestWorker.Extraction.Tests.Html;

public sealed class MetadataTests
{
    public static TheoryData<string> CorpusBulletins()
    {
        var data = new TheoryData<string>();
        foreach (var c in CorpusCase.All())
        {
            data.Add(c.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusBulletins))]
    public void ReadMetadata_CorpusBulletin_FindsStatedPublicationDate(string name)
    {
        var c = CorpusCase.All().Single(x => x.Name == name);
        var meta = FigureExtractor.ReadMetadata(File.ReadAllText(c.BulletinPath));
        Assert.Equal(c.Published, meta.Published);
        Assert.False(string.IsNullOrWhiteSpace(meta.Title));
    }

    [Fact]
    public void ReadMetadata_CorpusCases_LanguageMatchesMeta()
    {
        foreach (var dir in Directory.GetDirectories(Path.Combine(CorpusCase.Root, "cases")))
        {
            using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "meta.json")));
            var read = FigureExtractor.ReadMetadata(File.ReadAllText(Path.Combine(dir, "bulletin.html")));
            Assert.Equal(meta.RootElement.GetProperty("language").GetString(), read.Language);
        }
    }

    [Fact]
    public void ReadMetadata_TitleWithSiteSuffix_TrimsSuffix()
    {
        const string html = "<html><head><title>Exports rise 5% in May - Example Daily</title></head><body><p>x</p></body></html>";
        Assert.Equal("Exports rise 5% in May", FigureExtractor.ReadMetadata(html).Title);
    }

    [Theory]
    [InlineData("<p>Published: 01 Dec. 2025, 17:51</p>", "2025-12-01")]
    [InlineData("<p>입력 2021.07.01 11:11</p>", "2021-07-01")]
    [InlineData("<p class=\"meta\">News Release · Aug. 2, 2019</p>", "2019-08-02")]
    [InlineData("<time datetime=\"2022-03-02T11:03:00+09:00\">March 2</time>", "2022-03-02")]
    [InlineData("<meta name=\"dcterms.date\" content=\"2018-01-01\">", "2018-01-01")]
    public void ReadMetadata_DateLineForms_ParsesDate(string fragment, string expected)
    {
        var meta = FigureExtractor.ReadMetadata("<html><head></head><body>" + fragment + "</body></html>");
        Assert.Equal(DateOnly.ParseExact(expected, "yyyy-MM-dd", CultureInfo.InvariantCulture), meta.Published);
    }

    [Fact]
    public void ReadMetadata_HangulWithoutLangAttribute_DetectsKorean()
    {
        Assert.Equal("ko", FigureExtractor.ReadMetadata("<html><body><p>6월 수출 548억달러로 증가했다.</p></body></html>").Language);
    }
}
