using IngestWorker.Extraction;

namespace IngestWorker.Extraction.Tests.Corpus;

/// <summary><see cref="FigureExtractor.Read"/> parses once what ReadMetadata and Extract parse twice; it must read the same.</summary>
public sealed class SingleParseTests
{
    public static TheoryData<string> Bulletins()
    {
        var data = new TheoryData<string>();
        foreach (var c in CorpusCase.All())
        {
            data.Add(c.BulletinPath);
        }

        foreach (var dir in Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "fixtures", "patterns")).Order(StringComparer.Ordinal))
        {
            data.Add(Directory.GetFiles(dir, "bulletin.*").Single());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Bulletins))]
    public void Read_SameMetadataAndRecordsAsReadMetadataThenExtract(string path)
    {
        var html = File.ReadAllText(path);
        var extractor = new FigureExtractor();
        var fallback = new DateOnly(2026, 1, 15);
        BulletinContext Context(BulletinMetadata m) => new(m.Published ?? fallback, m.Language);
        var metadata = FigureExtractor.ReadMetadata(html);

        var (read, records) = extractor.Read(html, Context);

        // Read also hands back the main text it read the records from (ReadMetadata stops before it).
        Assert.Equal(metadata, read with { MainText = null });
        Assert.False(string.IsNullOrWhiteSpace(read.MainText));
        Assert.Equal(extractor.Extract(html, Context(metadata)), records);
    }

    [Fact]
    public void Read_PlainTextAndTooDeepPages_FallBackToTheTwoReads()
    {
        var extractor = new FigureExtractor();
        var text = "Seoul, Dec. 1 (Yonhap) -- South Korea's exports rose 8.4 percent on-year to $61.04 billion in November.";
        var deep = string.Concat(Enumerable.Repeat("<div>", 5000)) + "<p>" + text + "</p>";
        foreach (var input in new[] { text, deep })
        {
            var context = new BulletinContext(new DateOnly(2025, 12, 1), "en", "KR");
            Assert.Equal(extractor.Extract(input, context), extractor.Read(input, _ => context).Records);
        }
    }
}
