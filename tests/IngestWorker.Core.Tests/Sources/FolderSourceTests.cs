using IngestWorker.Core.Fetching;
using IngestWorker.Core.Sources;
using IngestWorker.Core.Tests.Support;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace IngestWorker.Core.Tests.Sources;

public sealed class FolderSourceTests : IDisposable
{
    private readonly TempFolder _root = new();
    private readonly FolderSource _source;
    private readonly SourceDefinition _definition = new() { Id = "samples", Kind = "folder", Folder = "bulletins" };

    public FolderSourceTests()
    {
        _source = new FolderSource(new HostingEnvironment { ContentRootPath = _root.Path }, Options.Create(new FetchOptions { MaxDocumentBytes = 1000 }));
        Directory.CreateDirectory(_root.File("bulletins/2025"));
        File.WriteAllText(_root.File("bulletins/b.html"), "<p>b</p>");
        File.WriteAllText(_root.File("bulletins/2025/a.htm"), "<p>a</p>");
        File.WriteAllText(_root.File("bulletins/notes.pdf"), "not a bulletin");
    }

    [Fact]
    public async Task Discover_FolderRelativeToContentRoot_ListsBulletinFilesInOrder()
    {
        var found = await _source.DiscoverAsync(_definition, CancellationToken.None);

        Assert.Equal(["folder:2025/a.htm", "folder:b.html"], found.Select(c => c.Url));
    }

    [Fact]
    public async Task Fetch_File_ReturnsItsBytes()
    {
        var fetched = await _source.FetchAsync(_definition, new Candidate("folder:b.html"), null, CancellationToken.None);

        Assert.Equal("<p>b</p>"u8.ToArray(), fetched.Content);
    }

    [Fact]
    public async Task Fetch_DotDotPath_IsRefused()
    {
        File.WriteAllText(_root.File("secret.html"), "secret");

        await Assert.ThrowsAsync<FetchException>(() => _source.FetchAsync(_definition, new Candidate("folder:../secret.html"), null, CancellationToken.None));
    }

    [Fact]
    public async Task Discover_SymlinkToOutside_IsNotFollowed()
    {
        File.WriteAllText(_root.File("outside.html"), "outside");
        File.CreateSymbolicLink(_root.File("bulletins/link.html"), _root.File("outside.html"));
        Directory.CreateSymbolicLink(_root.File("bulletins/linked-dir"), _root.Path);

        var found = await _source.DiscoverAsync(_definition, CancellationToken.None);

        Assert.DoesNotContain(found, c => c.Url.Contains("link", StringComparison.Ordinal));
        await Assert.ThrowsAsync<FetchException>(() => _source.FetchAsync(_definition, new Candidate("folder:link.html"), null, CancellationToken.None));
    }

    [Fact]
    public async Task Fetch_FileOverTheSizeLimit_IsRefused()
    {
        File.WriteAllText(_root.File("bulletins/big.html"), new string('x', 5000));

        var error = await Assert.ThrowsAsync<FetchException>(() => _source.FetchAsync(_definition, new Candidate("folder:big.html"), null, CancellationToken.None));

        Assert.Contains("MaxDocumentBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discover_MissingFolder_SaysWhich()
    {
        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() =>
            _source.DiscoverAsync(new SourceDefinition { Id = "x", Kind = "folder", Folder = "nowhere" }, CancellationToken.None));

        Assert.Contains("nowhere", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _root.Dispose();
}
