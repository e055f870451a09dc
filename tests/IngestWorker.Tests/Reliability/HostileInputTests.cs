using System.Text;
using IngestWorker.Core.Storage;
using IngestWorker.Hosting;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace IngestWorker.Tests.Reliability;

/// <summary>
/// A folder of hostile files beside one real bulletin: each yields a logged, readable error or no
/// figures, and the run goes on to the real bulletin, whose figures are all recorded.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _root = new();

    private static readonly Dictionary<string, Func<byte[]>> Hostile = new(StringComparer.Ordinal)
    {
        ["a-empty.html"] = () => [],
        ["b-image.html"] = () => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. Enumerable.Range(0, 4096).Select(i => (byte)(i * 31))],
        ["c-document.html"] = () => Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n" + new string('\u0001', 2000)),
        ["d-truncated.html"] = () => Encoding.UTF8.GetBytes("<html><body><article><p>Exports in November reached $61.0"),
        ["e-oversized.html"] = () => Encoding.ASCII.GetBytes("<p>" + new string('x', 50 * 1024 * 1024) + "</p>"),
        ["f-nested.html"] = () => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("<div>", 100_000)) + "Exports rose 5 percent in March." + string.Concat(Enumerable.Repeat("</div>", 100_000))),
        ["g-invalid-utf8.html"] = () => [.. "<p>Exports in May rose "u8, 0xC3, 0x28, 0xA0, 0xA1, .. " 3.2 percent.</p>"u8],
        ["h-wrong-charset.html"] = () => Encoding.GetEncoding(949).GetBytes("<meta charset=\"utf-8\"><p>11월 수출은 517억달러로 14.0% 감소했다.</p>"),
        ["i-implausible.html"] = () => Encoding.UTF8.GetBytes("<p>Exports in November reached $9,999,999 trillion, up 1e308 percent on-year.</p>"),
        ["j-all-numbers.html"] = () => Encoding.ASCII.GetBytes(string.Join(' ', Enumerable.Range(0, 200_000).Select(i => (i * 7919 % 100_000).ToString(System.Globalization.CultureInfo.InvariantCulture)))),
        ["k-respectively.html"] = () => Encoding.ASCII.GetBytes("<p>Exports of " + string.Join(", ", Enumerable.Range(0, 10_000).Select(i => "item" + i))
            + " rose " + string.Join(", ", Enumerable.Range(0, 10_000).Select(i => (i % 90) + ".5")) + " percent, respectively, in March.</p>"),
    };

    static HostileInputTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public async Task Run_FolderOfHostileFiles_RecordsTheRealBulletinAndSurvivesTheRest()
    {
        var folder = Directory.CreateDirectory(_root.File("inbox")).FullName;
        foreach (var (name, bytes) in Hostile)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, name), bytes());
        }

        File.Copy(Path.Combine(ContentRootBuilder.Corpus, "cases", "001-kr-2025-11-joongang", "bulletin.html"), Path.Combine(folder, "z-real.html"));
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.Source("inbox", "folder", ("Folder", "inbox"), ("Reporter", "KR"))]);

        var result = await CliProcess.RunAsync(_root.Path, "once", "--db", _root.File("h.db"));

        output.WriteLine(result.Output);
        Assert.Contains($"Source inbox run: {Hostile.Count + 1} documents", result.Output, StringComparison.Ordinal);
        Assert.Contains("Fetch of folder:e-oversized.html for source inbox failed: ", result.Output, StringComparison.Ordinal);
        Assert.Contains("MaxDocumentBytes", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", result.Error, StringComparison.Ordinal);
        using var store = FigureStore.Open(_root.File("h.db"), TimeProvider.System);
        Assert.Contains(store.Current(FigureFilter.All), f => f.Period == "2025-11" && f.Value == 61_040_000_000m);
        Assert.DoesNotContain(store.Current(FigureFilter.All), f => f.Measure.EndsWith("_pct", StringComparison.Ordinal) && Math.Abs(f.Value) > 100_000m);
        var wrongCharset = store.LatestDocument("inbox", "folder:h-wrong-charset.html");
        Assert.NotNull(wrongCharset);
        Assert.DoesNotContain(store.Current(new FigureFilter(Source: "inbox")), f => f.DocumentUrl == "folder:h-wrong-charset.html" && f.Evidence.Contains('\uFFFD', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Once_WithPassword_KeepsItOutOfTheLogAndEncryptsTheFile()
    {
        const string secret = "s3cret-Pa55phrase";
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.Source("one", "folder", ("Folder", "inbox"))],
            new System.Text.Json.Nodes.JsonObject { ["Log"] = new System.Text.Json.Nodes.JsonObject { ["Folder"] = "logs", ["MinimumLevel"] = "Debug" } });
        Directory.CreateDirectory(_root.File("inbox"));
        File.Copy(Path.Combine(ContentRootBuilder.Corpus, "cases", "001-kr-2025-11-joongang", "bulletin.html"), _root.File("inbox/a.html"));

        var result = await CliProcess.RunAsync(_root.Path, ["once"], ("INGESTWORKER_Storage__Password", secret));

        Assert.Equal(0, result.ExitCode);
        var logs = string.Concat(Directory.GetFiles(_root.File("logs")).Select(File.ReadAllText));
        Assert.DoesNotContain(secret, logs + result.Output + result.Error, StringComparison.Ordinal);
        Assert.Throws<StoreException>(() => FigureStore.Open(_root.File("data/ingestworker.db"), TimeProvider.System));
        using var store = FigureStore.Open(_root.File("data/ingestworker.db"), TimeProvider.System, secret);
        Assert.NotEmpty(store.Current(FigureFilter.All));
    }

    public void Dispose() => _root.Dispose();
}
