using IngestWorker.Hosting;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IngestWorker.Tests.Hosting;

/// <summary>
/// The store opens while the other services start (side by side), and the start still waits for
/// it and fails on it with one message, however many services wanted the store.
/// </summary>
public sealed class StoreOpeningTests : IDisposable
{
    private readonly TempFolder _root = new();

    [Fact]
    public async Task Start_EndsWithTheStoreOpen()
    {
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.Source("one", "folder", ("Folder", "inbox"), ("RunAtStartup", false))]);

        await using var host = await ServiceRuns.StartServiceAsync(_root.Path);

        var opened = host.Services.GetRequiredService<StoreOpening>().Opened;
        Assert.True(opened.IsCompletedSuccessfully);
        Assert.True(File.Exists((await opened).Path));
    }

    [Fact]
    public async Task Start_DamagedDatabase_FailsWithOneClearMessage()
    {
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.Source("one", "folder", ("Folder", "inbox"))]);
        Directory.CreateDirectory(_root.File("data"));
        await File.WriteAllBytesAsync(_root.File("data/ingestworker.db"), [.. Enumerable.Repeat((byte)0x5A, 40_000)]);

        var message = await StartFailure.MessageAsync(_root.Path);

        Assert.StartsWith("IngestWorker cannot start: ", message, StringComparison.Ordinal);
    }

    public void Dispose() => _root.Dispose();
}
