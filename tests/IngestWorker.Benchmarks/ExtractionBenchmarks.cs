using BenchmarkDotNet.Attributes;
using HtmlAgilityPack;
using IngestWorker.Extraction;

namespace IngestWorker.Benchmarks;

/// <summary>
/// Full extraction of each corpus bulletin against the floor of parsing the same HTML with
/// HtmlAgilityPack alone. The target is extraction within 1.5x of the bare parse.
/// </summary>
[MemoryDiagnoser]
public class ExtractionBenchmarks
{
    private readonly FigureExtractor _extractor = new();
    private string _html = "";
    private BulletinContext _context = new(new DateOnly(2025, 12, 1));

    public static IEnumerable<string> Bulletins() =>
        Directory.GetDirectories(Path.Combine(RepoRoot(), "tests", "fixtures", "corpus", "cases")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    [ParamsSource(nameof(Bulletins))]
    public string Bulletin { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var dir = Path.Combine(RepoRoot(), "tests", "fixtures", "corpus", "cases", Bulletin);
        _html = File.ReadAllText(Path.Combine(dir, "bulletin.html"));
        var meta = File.ReadAllText(Path.Combine(dir, "meta.json"));
        var at = meta.IndexOf("\"published\"", StringComparison.Ordinal);
        var date = meta.Substring(meta.IndexOf('"', at + 11) + 1, 10);
        _context = new BulletinContext(DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Benchmark(Baseline = true)]
    public HtmlDocument ParseOnly()
    {
        var doc = new HtmlDocument();
        doc.LoadHtml(_html);
        return doc;
    }

    [Benchmark]
    public IReadOnlyList<FigureRecord> Extract() => _extractor.Extract(_html, _context);

    /// <summary>The folder holding IngestWorker.sln, found by walking up from the binaries.</summary>
    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IngestWorker.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("IngestWorker.sln not found above " + AppContext.BaseDirectory);
    }
}
