using System.Text.Json.Nodes;
using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.Commands;

/// <summary>
/// Exit codes as the README states them: 0 success, 1 a source failed (or nothing to read), 2 bad
/// input or configuration; and a write command refused while the service runs leaves the service alone.
/// </summary>
public sealed class ExitCodeTests : IDisposable
{
    private readonly TempFolder _root = new();

    public ExitCodeTests()
    {
        var bulletins = Directory.CreateDirectory(_root.File("bulletins")).FullName;
        File.Copy(Path.Combine(ContentRootBuilder.ShippedConfig, "samples", "001-kr-2025-11-joongang.html"), Path.Combine(bulletins, "001.html"));
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.Source("one", "folder", ("Folder", bulletins))],
            new JsonObject { ["Log"] = new JsonObject { ["Folder"] = "logs" }, ["Fetching"] = new JsonObject { ["HostInterval"] = "00:00:00" } });
    }

    [Theory]
    [InlineData("changes")]
    [InlineData("figures", "--format", "xml")]
    [InlineData("status", "--format", "xml")]
    [InlineData("once", "--no-such-option")]
    [InlineData("chart", "--reporter", "KR", "--out", "/no/such/folder/x.svg")]
    [InlineData("reprocess", "--source", "nosuch")]
    [InlineData("once", "--source", "nosuch")]
    public async Task BadInput_Exits2(params string[] command)
    {
        if (command[0] is "chart" or "reprocess")
        {
            Assert.Equal(0, (await CliProcess.RunAsync(_root.Path, "once")).ExitCode);
        }

        var result = await CliProcess.RunAsync(_root.Path, command);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Error}");
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChartIntoMissingFolder_SaysWhichFolder()
    {
        Assert.Equal(0, (await CliProcess.RunAsync(_root.Path, "once")).ExitCode);

        var result = await CliProcess.RunAsync(_root.Path, "chart", "--reporter", "KR", "--flow", "exports", "--product", "total", "--partner", "world", "--out", _root.File("missing/x.svg"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"--out: the folder '{_root.File("missing")}' does not exist", result.Error.Trim());
    }

    [Theory]
    [InlineData("pdf", "is a PDF file, not an HTML or text bulletin; nothing was recorded.")]
    [InlineData("random", "is binary (it contains NUL bytes), not an HTML or text bulletin; nothing was recorded.")]
    [InlineData("large", "over the limit of 4,096 (Fetching:MaxDocumentBytes); nothing was recorded.")]
    public async Task IngestFile_BinaryOrOverTheLimit_OneLineExit2AndNothingStored(string kind, string message)
    {
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.Source("one", "folder", ("Folder", _root.File("bulletins")))],
            new JsonObject { ["Fetching"] = new JsonObject { ["MaxDocumentBytes"] = 4096 } });
        var random = new Random(14);
        var content = kind switch
        {
            "pdf" => [.. "%PDF-1.7\n"u8.ToArray(), .. Enumerable.Range(0, 2000).Select(i => (byte)('a' + (i % 26)))],
            "random" => Enumerable.Range(0, 3000).Select(_ => (byte)random.Next(256)).ToArray(),
            _ => Enumerable.Range(0, 8000).Select(i => (byte)('a' + random.Next(26))).ToArray(),
        };
        var file = _root.File("file.html");
        await File.WriteAllBytesAsync(file, content);

        var result = await CliProcess.RunAsync(_root.Path, "ingest", file, "--url", "https://example.test/bulletin", "--source", "one");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{file} " + (kind == "large" ? "is 8,000 bytes, " : "") + message, result.Error.Trim());
        var export = await CliProcess.RunAsync(_root.Path, "export", "--format", "json");
        Assert.DoesNotContain("example.test/bulletin", export.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteCommands_WhileTheServiceRuns_OneLineExit2AndTheServiceLogUntouched()
    {
        using var service = CliSession.Start(_root.Path, "run");
        await service.WaitForLineAsync(l => l.Contains("Source one run:", StringComparison.Ordinal));
        var logs = _root.File("logs");
        // The console line can come before the file's copy of it: the snapshot waits for the file.
        var before = Snapshot(logs);
        for (var tries = 0; !before.Values.Any(v => v.Contains("Source one run:", StringComparison.Ordinal)) && tries < 100; tries++)
        {
            await Task.Delay(100);
            before = Snapshot(logs);
        }

        var dataBefore = Directory.GetFiles(_root.File("data")).Order(StringComparer.Ordinal).ToList();

        string[][] writes =
        [
            ["once"], ["run"], ["reprocess"], ["compact"],
            ["ingest", Path.Combine(_root.File("bulletins"), "001.html"), "--url", "https://example.test/1", "--source", "one"],
        ];
        foreach (var command in writes)
        {
            var result = await CliProcess.RunAsync(_root.Path, command);

            Assert.True(result.ExitCode == 2, $"{command[0]}: exit {result.ExitCode}");
            Assert.Equal("", result.Output);
            var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("which the running service holds; stop the service first", line, StringComparison.Ordinal);
        }

        var after = Snapshot(logs);
        Assert.True(before.Count == after.Count && before.All(b => after[b.Key] == b.Value), "log changed:\n" + string.Join("\n", after.Select(a => a.Value[(before.TryGetValue(a.Key, out var b) ? b.Length : 0)..])));
        Assert.Equal(dataBefore, Directory.GetFiles(_root.File("data")).Order(StringComparer.Ordinal).ToList());
        Assert.False(service.HasExited);
    }

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), f =>
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd();
        });

    public void Dispose() => _root.Dispose();
}
