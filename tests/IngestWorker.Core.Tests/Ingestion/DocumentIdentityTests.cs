using IngestWorker.Core.Fetching;
using IngestWorker.Core.Ingestion;
using IngestWorker.Core.Sources;
using IngestWorker.Core.Storage;
using IngestWorker.Core.Tests.Support;
using IngestWorker.Extraction;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IngestWorker.Core.Tests.Ingestion;

/// <summary>A document belongs to its source: source + URL (source + relative path for folders) is its identity.</summary>
public sealed class DocumentIdentityTests : IDisposable
{
    private readonly TempFolder _root = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FigureStore _store;
    private readonly IngestionPipeline _pipeline;
    private readonly SourceDefinition _first = new() { Id = "first", Kind = "folder", Folder = "first", Reporter = "KR" };
    private readonly SourceDefinition _second = new() { Id = "second", Kind = "folder", Folder = "second", Reporter = "KR" };

    public DocumentIdentityTests()
    {
        _store = FigureStore.Open(_root.File("d.db"), _time);
        var folders = new FolderSource(new HostingEnvironment { ContentRootPath = _root.Path }, Options.Create(new FetchOptions()));
        _pipeline = new IngestionPipeline([folders], _store, new FigureExtractor(), _time,
            new OutcomeLogger(NullLogger<OutcomeLogger>.Instance), NullLogger<IngestionPipeline>.Instance);
    }

    private void Put(SourceDefinition source, string file)
    {
        Directory.CreateDirectory(_root.File(source.Folder!));
        File.Copy(file, Path.Combine(_root.File(source.Folder!), "release.html"), overwrite: true);
    }

    [Fact]
    public async Task Run_SameFileInTwoFolderSources_GivesEachSourceItsFigures()
    {
        Put(_first, Fixtures.Seed);
        Put(_second, Fixtures.Seed);

        var first = await _pipeline.RunAsync(_first, CancellationToken.None);
        var second = await _pipeline.RunAsync(_second, CancellationToken.None);

        Assert.True(first.NewFigures > 0);
        Assert.Equal((1, first.NewFigures), (second.NewDocuments, second.NewFigures));
        Assert.Equal(first.NewFigures, _store.Current(new FigureFilter(Source: "second")).Count);
        Assert.Equal(["first", "second"], _store.AllDocuments().Select(d => d.SourceId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Run_TwoSourcesWithASameNamedFileOfDifferentContent_DoNotFlipFlop()
    {
        Put(_first, Path.Combine(Fixtures.Revision("01-kr-2019-09-ministry-correction"), "v1.html"));
        Put(_second, Path.Combine(Fixtures.Revision("01-kr-2019-09-ministry-correction"), "v2.html"));

        for (var run = 0; run < 3; run++)
        {
            var first = await _pipeline.RunAsync(_first, CancellationToken.None);
            var second = await _pipeline.RunAsync(_second, CancellationToken.None);
            Assert.Equal(run == 0 ? (1, 1) : (0, 0), (first.NewDocuments, second.NewDocuments));
        }

        Assert.Equal(2, _store.Counts().Documents);
        Assert.DoesNotContain(_store.History(FigureFilter.All), v => v.Reason == VersionReason.Revised);
    }

    [Fact]
    public void LatestDocuments_SameUrlInTwoSources_AreTwoDocumentsToReExtract()
    {
        Put(_first, Fixtures.Seed);
        _pipeline.IngestFile(_first, "https://news.test/a", File.ReadAllBytes(Fixtures.Seed), "text/html", null, null);
        _pipeline.IngestFile(_second, "https://news.test/a", File.ReadAllBytes(Fixtures.Seed), "text/html", null, null);

        Assert.Equal(["first", "second"], _store.LatestDocuments().Select(d => d.SourceId).Order(StringComparer.Ordinal));
    }

    public void Dispose()
    {
        _store.Dispose();
        _root.Dispose();
    }
}
