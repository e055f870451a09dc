using System.Text.Json.Nodes;
using IngestWorker.Core.Storage;
using IngestWorker.Extraction;
using IngestWorker.Hosting;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IngestWorker.Tests.Commands;

/// <summary><c>changes --since 24h</c> and <c>changes --cursor NAME</c>, from the file and through the running service.</summary>
public sealed class ChangesCommandTests : IDisposable
{
    private readonly TempFolder _root = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 12, 1, 0, 30, 0, TimeSpan.Zero));

    public ChangesCommandTests() =>
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.Source("news", "http", ("Url", "https://news.example/"), ("Enabled", false))]);

    private string Database => Path.Combine(_root.Path, "data", "ingestworker.db");

    private static FigureRecord Exports(decimal value, string period = "2025-11") =>
        new("KR", "exports", "total", "world", period, "value", "actual", "none", value, "USD", "Exports reached ...");

    private static void Record(FigureStore store, string hash, params FigureRecord[] records) => store.RecordDocument(
        new StoredDocument { SourceId = "news", Url = "https://news.example/a", ContentHash = hash, Published = "2025-12-01", ExtractorVersion = "1" }, records);

    private async Task<List<decimal>> Changes(params string[] arguments)
    {
        var run = await CliProcess.RunAsync(_root.Path, ["changes", .. arguments, "--format", "json"]);
        Assert.True(run.ExitCode == 0, run.Error);
        return [.. JsonNode.Parse(run.Output)!.AsArray().Select(v => (decimal)v!["value"]!)];
    }

    [Theory]
    [InlineData("--since", "3x")]
    [InlineData("--since", "24")]
    [InlineData("--since", "h")]
    [InlineData("--since", "999999999w")]
    [InlineData("--cursor", "a b")]
    [InlineData("--cursor", "../feed")]
    public async Task Changes_BadSinceOrCursorName_OneLineNamingTheOptionAndExit2(string option, string value)
    {
        FigureStore.Open(Database, _time).Dispose();

        var run = await CliProcess.RunAsync(_root.Path, "changes", option, value);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"{option} '{value}' is not", line, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Cursor_FromTheFile_FiguresRecordedBetweenCalls_NextCallListsOnlyThose()
    {
        using (var store = FigureStore.Open(Database, _time))
        {
            Record(store, "h1", Exports(61_040_000_000m), Exports(56_300_000_000m, "2024-11"));
        }

        Assert.Equal([61_040_000_000m, 56_300_000_000m], await Changes("--cursor", "feed"));
        using (var store = FigureStore.Open(Database, _time))
        {
            _time.Advance(TimeSpan.FromHours(1));
            Record(store, "h2", Exports(61_050_000_000m), Exports(56_300_000_000m, "2024-11"));
        }

        Assert.Equal([61_050_000_000m], await Changes("--cursor", "feed"));
        Assert.Empty(await Changes("--cursor", "feed"));
        Assert.Equal([61_040_000_000m, 56_300_000_000m, 61_050_000_000m], await Changes("--cursor", "other"));
    }

    [Fact]
    public async Task SinceAndCursor_ThroughTheRunningService_UseItsClockAndMoveTheCursorInItsStore()
    {
        var builder = ServiceHost.CreateBuilder(null, _root.Path).ForService();
        builder.Services.AddSingleton<TimeProvider>(_time);
        var host = builder.Build();
        await host.StartAsync();
        await using var running = new RunningHost(host);
        var store = host.Services.GetRequiredService<FigureStore>();
        Record(store, "h1", Exports(61_040_000_000m));
        _time.Advance(TimeSpan.FromDays(2));
        Record(store, "h2", Exports(61_050_000_000m));
        for (var waited = 0; !File.Exists(Database + ".sock") && waited < 200; waited++)
        {
            await Task.Delay(50); // the endpoint starts listening in the background
        }

        Assert.Equal([61_050_000_000m], await Changes("--since", "24h"));
        Assert.Equal([61_040_000_000m, 61_050_000_000m], await Changes("--since", "2d1h"));
        Assert.Equal([61_050_000_000m], await Changes("--cursor", "feed", "--since", "1d"));
        _time.Advance(TimeSpan.FromMinutes(90));
        Record(store, "h3", Exports(61_060_000_000m));

        Assert.Equal([61_060_000_000m], await Changes("--cursor", "feed"));
        Assert.Empty(await Changes("--cursor", "feed"));
        Assert.Equal(store.ChangesAfter(0).UpTo, store.CursorPosition("feed"));
    }

    public void Dispose() => _root.Dispose();
}
