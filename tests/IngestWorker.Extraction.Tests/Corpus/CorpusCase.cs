using System.Globalization;
using System.Text.Json;
using IngestWorker.Extraction;

namespace IngestWorker.Extraction.Tests.Corpus;

/// <summary>One labelled bulletin of the corpus: a case, or one version of a revision pair.</summary>
public sealed record CorpusCase(string Name, string BulletinPath, DateOnly Published, string? Language, IReadOnlyList<ExpectedRecord> Expected)
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "fixtures", "corpus");

    /// <summary>Folders of labelled bulletins beside the 14 seed cases, copied from the shared corpus: cases 015-025 and the 50 pattern reproducers.</summary>
    public static IReadOnlyList<string> AddedFolders { get; } = ["cases-added", "patterns"];

    /// <summary>The 14 seed cases (the ones the bundled samples and host tests use) and both versions of every revision pair.</summary>
    public static IReadOnlyList<CorpusCase> All()
    {
        var list = new List<CorpusCase>(InFolder("cases"));

        foreach (var dir in Directory.GetDirectories(Path.Combine(Root, "revisions")).Order(StringComparer.Ordinal))
        {
            using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "meta.json")));
            var versions = meta.RootElement.GetProperty("versions");
            var language = meta.RootElement.TryGetProperty("language", out var l) ? l.GetString() : null;
            for (var v = 1; v <= 2; v++)
            {
                var published = Date(versions[v - 1].GetProperty("published").GetString());
                list.Add(new CorpusCase($"{Path.GetFileName(dir)}/v{v}", Path.Combine(dir, $"v{v}.html"), published, language,
                    ExpectedRecord.Load(Path.Combine(dir, $"expected-v{v}.json"))));
            }
        }

        return list;
    }

    /// <summary>The labelled bulletins of one folder under fixtures/corpus, each folder a case.</summary>
    public static IReadOnlyList<CorpusCase> InFolder(string folder)
    {
        var list = new List<CorpusCase>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(Root, folder)).Order(StringComparer.Ordinal))
        {
            using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "meta.json")));
            var bulletin = File.Exists(Path.Combine(dir, "bulletin.html")) ? Path.Combine(dir, "bulletin.html") : Path.Combine(dir, "bulletin.txt");
            list.Add(new CorpusCase(Path.GetFileName(dir), bulletin, Date(meta.RootElement.GetProperty("published").GetString()),
                meta.RootElement.TryGetProperty("language", out var l) ? l.GetString() : null, ExpectedRecord.Load(Path.Combine(dir, "expected.json"))));
        }

        return list;
    }

    private static DateOnly Date(string? text) => DateOnly.ParseExact(text![..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>A record of expected.json; keys as in the contract, basis and adjustment defaulted.</summary>
public sealed record ExpectedRecord(string Reporter, string Flow, string Product, string Partner, string Period, string Measure, string Basis, string Adjustment, string Unit, decimal Value)
{
    public bool IsHeadline => Product == "total" && Partner == "world";

    public string Key => string.Join(' ', Reporter, Flow, Product, Partner, Period, Measure, Basis, Adjustment, Unit);

    public static IReadOnlyList<ExpectedRecord> Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var list = new List<ExpectedRecord>();
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            list.Add(new ExpectedRecord(S(e, "reporter"), S(e, "flow"), S(e, "product"), S(e, "partner"), S(e, "period"), S(e, "measure"),
                S(e, "basis", "actual"), S(e, "adjustment", "none"), S(e, "unit"), e.GetProperty("value").GetDecimal()));
        }

        return list;
    }

    public static ExpectedRecord From(FigureRecord r) =>
        new(r.Reporter, r.Flow, r.Product, r.Partner, r.Period, r.Measure, r.Basis, r.Adjustment, r.Unit, r.Value);

    private static string S(JsonElement e, string name, string fallback = "") =>
        e.TryGetProperty(name, out var p) ? p.GetString()?.Trim() ?? fallback : fallback;
}
