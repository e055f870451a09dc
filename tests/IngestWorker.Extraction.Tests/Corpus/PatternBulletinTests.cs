using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace IngestWorker.Extraction.Tests.Corpus;

/// <summary>Golden tests for the pattern bulletins written for patterns the corpus lacks (tests/fixtures/patterns).</summary>
public sealed class PatternBulletinTests(ITestOutputHelper output)
{
    private static string Root => Path.Combine(AppContext.BaseDirectory, "fixtures", "patterns");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Root).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Extract_PatternBulletin_ReadsExactlyTheExpectedRecords(string name)
    {
        var dir = Path.Combine(Root, name);
        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "meta.json")));
        var published = DateOnly.ParseExact(meta.RootElement.GetProperty("published").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var html = File.ReadAllText(Path.Combine(dir, "bulletin.html"));
        var records = new FigureExtractor().Extract(html, new BulletinContext(published)).Select(ExpectedRecord.From).ToList();
        var r = Scoring.Score(ExpectedRecord.Load(Path.Combine(dir, "expected.json")), records);
        foreach (var m in r.Missed)
        {
            output.WriteLine($"missed   {m.Key} {m.Value.ToString(CultureInfo.InvariantCulture)}");
        }

        foreach (var s in r.Spurious)
        {
            output.WriteLine($"spurious {s.Key} {s.Value.ToString(CultureInfo.InvariantCulture)}");
        }

        Assert.Empty(r.Missed);
        Assert.Empty(r.Spurious);
        Assert.Equal(published, FigureExtractor.ReadMetadata(html).Published);
    }
}
