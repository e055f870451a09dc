using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.Commands;

/// <summary>
/// <c>sources test ID</c> run as a user does, against a real Kestrel board on 127.0.0.1 whose rows
/// are script links read through a LinkRecipe: the links with their verdicts, what a run would
/// fetch, the newest bulletin's figures and its attachment's; and never a database file.
/// </summary>
public sealed class SourcesTestCommandTests : IAsyncLifetime
{
    private const string Recipe = """{ "Pattern": "article\\.view\\('(?<id>\\d+)'", "UrlTemplate": "/board/{id}/view" }""";

    private readonly TempFolder _root = new();
    private readonly TempFolder _pages = new();
    private TestSite _site = null!;

    public async Task InitializeAsync()
    {
        Write("board/list.html", """
            <html><body><table>
            <tr><td class="subject"><a href="javascript:article.view('101');">Exports and imports in November 2025</a></td></tr>
            <tr><td class="subject"><a href="javascript:article.view('102');">Notice: holiday opening hours</a></td></tr>
            </table></body></html>
            """);
        Write("board/101/view", """
            <html><head><title>Korea's exports in November 2025</title>
            <meta property="article:published_time" content="2025-12-01"></head>
            <body><h1>Korea's exports in November 2025</h1>
            <p>Exports rose 8.4% from a year earlier to $61.04 billion in November.</p>
            <p>The full release is attached: <a href="/files/release.hwpx">release.hwpx</a></p>
            </body></html>
            """);
        Directory.CreateDirectory(_pages.File("files"));
        await File.WriteAllBytesAsync(_pages.File("files/release.hwpx"), Hwpx("11월 수입은 513.1억 달러로 집계되었다."));
        _site = await TestSite.StartAsync(_pages.Path);
    }

    [Fact]
    public async Task Board_PrintsBothLinksWithVerdictsTheNewestBulletinsFiguresAndItsAttachments_AndCreatesNoDatabase()
    {
        WriteSources(Board());

        var result = await CliProcess.RunAsync(_root.Path, "sources", "test", "board");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Error}\n{result.Output}");
        var lines = result.Output.Split('\n');
        Assert.Contains(lines, l => l.Contains("Exports and imports in November 2025", StringComparison.Ordinal)
            && l.Contains(_site.Url("board/101/view").AbsoluteUri, StringComparison.Ordinal) && l.TrimEnd().EndsWith("selected", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Notice: holiday opening hours", StringComparison.Ordinal)
            && l.Contains(_site.Url("board/102/view").AbsoluteUri, StringComparison.Ordinal) && l.Contains("not selected (Keywords)", StringComparison.Ordinal));
        Assert.Contains("would fetch: 1 (newest first", result.Output, StringComparison.Ordinal);
        Assert.Contains("title: Korea's exports in November 2025", lines);
        Assert.Contains("stated date: 2025-12-01", lines);
        Assert.Contains(lines, l => Cells(l) is ["KR", "exports", "total", "world", "2025-11", "value", "actual", "none", "61040000000", "USD"]);
        Assert.Contains(lines, l => Cells(l) is ["KR", "exports", "total", "world", "2025-11", "yoy_pct", "actual", "none", "8.4", ..]);
        Assert.Contains(lines, l => l.Contains(_site.Url("files/release.hwpx").AbsoluteUri, StringComparison.Ordinal) && l.Contains("read by a run", StringComparison.Ordinal));
        Assert.Contains(lines, l => Cells(l) is ["KR", "imports", "total", "world", "2025-11", "value", "actual", "none", "51310000000", "USD"]);
        Assert.Contains($"reading {_site.Url("board/list.html").AbsoluteUri} (page 1)", result.Error, StringComparison.Ordinal);
        // Read, not stored: the bulletin was asked for once, and no database (nor its folder) exists.
        Assert.Equal(1, _site.Requests["/board/101/view"]);
        Assert.False(Directory.Exists(_root.File("data")), "sources test created the database folder");
    }

    [Fact]
    public async Task Json_CarriesTheLinksVerdictsAndFigures()
    {
        WriteSources(Board());

        var result = await CliProcess.RunAsync(_root.Path, "sources", "test", "board", "--format", "json");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Error}");
        var report = JsonNode.Parse(result.Output)!;
        Assert.Equal(["selected", "not-selected"], report["links"]!.AsArray().Select(l => (string)l!["verdict"]!));
        Assert.Equal("Keywords", (string?)report["links"]![1]!["reason"]);
        Assert.Equal([_site.Url("board/101/view").AbsoluteUri], report["would_fetch"]!.AsArray().Select(u => (string)u!));
        Assert.Contains(report["bulletin"]!["figures"]!.AsArray(), f => (string)f!["flow"]! == "exports" && (string)f["measure"]! == "value" && (decimal)f["value"]! == 61_040_000_000m);
    }

    [Fact]
    public async Task ListingMatchingNothing_Exit1WithTheMessageNamingLinkXPath()
    {
        var board = Board();
        board["LinkXPath"] = "//td[@class='title']/a";
        WriteSources(board);

        var result = await CliProcess.RunAsync(_root.Path, "sources", "test", "board");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => !l.StartsWith("reading ", StringComparison.Ordinal));
        Assert.Equal($"{_site.Url("board/list.html")} listed no bulletin link: LinkXPath '//td[@class='title']/a' matched no link; check it against the page", line);
        Assert.False(_site.Requests.ContainsKey("/board/101/view"));
    }

    [Theory]
    [InlineData("nosuch", "No source 'nosuch' is configured; 'sources' lists them.")]
    [InlineData("local", "Source 'local' is a folder source; 'sources test' reads http sources (try a file with 'extract FILE').")]
    public async Task UnknownOrFolderSource_OneLineExit2(string id, string message)
    {
        Directory.CreateDirectory(_root.File("bulletins"));
        WriteSources(Board(), ContentRootBuilder.Source("local", "folder", ("Folder", "bulletins")));

        var result = await CliProcess.RunAsync(_root.Path, "sources", "test", id);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(message, result.Error.Trim());
        Assert.Equal("", result.Output);
        Assert.Empty(_site.Requests);
    }

    [Fact]
    public async Task Sources_WithoutSubcommand_StillListsTheSourcesAfterARunThatDiscoversThroughTheSameListing()
    {
        WriteSources(Board());
        Assert.Equal(0, (await CliProcess.RunAsync(_root.Path, "once", "--no-notify")).ExitCode);
        Assert.True(Directory.Exists(_root.File("data")), "a run stores its database elsewhere than the other tests assume");

        var result = await CliProcess.RunAsync(_root.Path, "sources", "--format", "csv");

        Assert.Equal(0, result.ExitCode);
        var rows = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,kind,enabled,schedule,time_zone,priority,last_run,last_success,failures,last_error", rows[0], StringComparison.Ordinal);
        var board = rows[1].Split(',');
        Assert.Equal(("board", "http", "0"), (board[0], board[1], board[8]));
        Assert.NotEqual("", board[7]);
        // The run fetched what 'sources test' says it would: the selected bulletin, not the notice.
        Assert.Equal(1, _site.Requests["/board/101/view"]);
        Assert.False(_site.Requests.ContainsKey("/board/102/view"));
    }

    private JsonObject Board() => ContentRootBuilder.Source("board", "http",
        ("Url", _site.Url("board/list.html").AbsoluteUri), ("Shape", "listing"), ("LinkXPath", "//td[@class='subject']/a"),
        ("LinkRecipe", JsonNode.Parse(Recipe)), ("Keywords", new JsonArray("exports")), ("Reporter", "KR"));

    private void WriteSources(params JsonObject[] sources) => ContentRootBuilder.Write(_root.Path, [.. sources]);

    private void Write(string path, string content)
    {
        var file = _pages.File(path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
    }

    private static string[] Cells(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>An HWPX file (a zip: its mimetype and one section of hp:p paragraphs) holding one sentence.</summary>
    private static byte[] Hwpx(string sentence)
    {
        var section = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><hs:sec xmlns:hs=\"http://www.hancom.co.kr/hwpml/2011/section\" "
            + $"xmlns:hp=\"http://www.hancom.co.kr/hwpml/2011/paragraph\"><hp:p><hp:run><hp:t>{sentence}</hp:t></hp:run></hp:p></hs:sec>";
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in new[] { ("mimetype", "application/hwp+zip"), ("Contents/section0.xml", section) })
            {
                using var stream = zip.CreateEntry(name, name == "mimetype" ? CompressionLevel.NoCompression : CompressionLevel.Optimal).Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }

        return buffer.ToArray();
    }

    public Task DisposeAsync()
    {
        _root.Dispose();
        _pages.Dispose();
        return _site.DisposeAsync().AsTask();
    }
}
