using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Engines;
using IngestWorker.Core.Fetching;
using IngestWorker.Core.Ingestion;
using IngestWorker.Core.Sources;
using IngestWorker.Core.Storage;
using IngestWorker.Extraction;
using Microsoft.Extensions.Logging.Abstractions;

namespace IngestWorker.Benchmarks;

/// <summary>
/// End-to-end ingest of 1,000 bulletin files (archive + extract + record into a fresh LiteDB file)
/// beside the parse-and-extract-only loop over the same files. The files are the corpus's bulletins,
/// each published at 72 different dates, so every one of them yields figures for new periods.
/// Two ways in: file by file, a transaction each (what <c>ingest FILE</c> and a scheduled run do),
/// and as one list (what <c>ingest --manifest</c> does: extraction runs ahead on a second thread
/// while batches of documents are stored).
/// Each runs twice: with the runtime's own gen0 budget, and with a 64 MB one. The runtime sizes the
/// budget from the CPU cache it reads in /sys; where that is missing (as on the VMs this was
/// measured on) it falls back to a small budget, and collections stop both threads of the list
/// ingest hundreds of times a run.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(TwoGen0Budgets))]
public partial class IngestBenchmarks
{
    private sealed class TwoGen0Budgets : ManualConfig
    {
        public TwoGen0Budgets()
        {
            var job = Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(4).WithIterationCount(7);
            AddJob(job.WithId("runtime gen0 budget"));
            AddJob(job.WithEnvironmentVariables(new EnvironmentVariable("DOTNET_GCgen0size", "0x4000000")).WithId("gen0 budget 64 MB"));
        }
    }

    private const int Files = 1000;
    private (string Url, byte[] Content, DateOnly Published)[] _files = [];
    private string _folder = "";
    private FigureStore? _store;
    private IngestionPipeline? _pipeline;
    private readonly FigureExtractor _extractor = new();
    private readonly SourceDefinition _source = new() { Id = "bench", Kind = "http", Url = "https://bench.example/" };

    [GlobalSetup]
    public void Setup()
    {
        var cases = Directory.GetDirectories(Path.Combine(RepositoryRoot(), "tests", "fixtures", "corpus", "cases")).Order(StringComparer.Ordinal).ToArray();
        _files = [.. Enumerable.Range(0, Files).Select(i =>
        {
            // Variant i of a case moves every year in it (and its publication date) on by i / cases + 1
            // years, so each file states figures for periods no other file states.
            var folder = cases[i % cases.Length];
            var shift = (i / cases.Length) + 1;
            var html = Year().Replace(File.ReadAllText(Path.Combine(folder, "bulletin.html")),
                m => (int.Parse(m.Value, CultureInfo.InvariantCulture) + shift).ToString(CultureInfo.InvariantCulture));
            var meta = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "meta.json")))!;
            var published = DateOnly.ParseExact((string)meta["published"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddYears(shift);
            return ($"https://bench.example/{i}", Encoding.UTF8.GetBytes(html), published);
        })];
        _folder = Directory.CreateTempSubdirectory("ingestworker-bench-ingest-").FullName;
    }

    /// <summary>For every method, the baseline too, so all run as one job and BenchmarkDotNet prints their ratios.</summary>
    [IterationSetup]
    public void FreshStore()
    {
        _store?.Dispose();
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.db");
        _store = FigureStore.Open(path, TimeProvider.System);
        _pipeline = new IngestionPipeline([], _store, _extractor, TimeProvider.System, new OutcomeLogger(NullLogger<OutcomeLogger>.Instance), NullLogger<IngestionPipeline>.Instance);
    }

    [Benchmark(Baseline = true, Description = "parse + extract only")]
    public int ExtractOnly()
    {
        var figures = 0;
        foreach (var (_, content, published) in _files)
        {
            // What ingest does short of archiving and recording: decode, then metadata and figures from one parse.
            var text = CharsetDecoder.Decode(content, "text/html");
            figures += _extractor.Read(text, _ => new BulletinContext(published)).Records.Count;
        }

        return figures;
    }

    [Benchmark(Description = "archive + extract + record, file by file")]
    public int IngestEach()
    {
        foreach (var (url, content, published) in _files)
        {
            _pipeline!.IngestFile(_source, url, content, "text/html", published, language: null);
        }

        return Stored();
    }

    [Benchmark(Description = "archive + extract + record, as one list")]
    public int IngestList()
    {
        _pipeline!.IngestFiles(_source, _files.Select(f => new BulletinFile(f.Url, f.Content, "text/html", f.Published)), progress: null, CancellationToken.None);
        return Stored();
    }

    private int Stored()
    {
        var versions = _store!.Counts().Figures;
        Console.WriteLine($"// {versions} figure versions stored");
        return versions;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [GeneratedRegex(@"(?<![\d.])20[0-2]\d(?![\d.])", RegexOptions.None, 1000)]
    private static partial Regex Year();

    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "IngestWorker.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("run the benchmarks from inside the repository");
    }
}
