using IngestWorker.Core.Storage;
using IngestWorker.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace IngestWorker.Core.Tests.Storage;

/// <summary>When the store cannot be opened, the message names the true cause, not the first one that comes to mind.</summary>
public sealed class StoreOpeningCauseTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Open_FileOpenElsewhere_SaysInUse()
    {
        var path = _folder.File("figures.db");
        using var first = FigureStore.Open(path, _time);

        var failure = Assert.Throws<StoreException>(() => FigureStore.Open(path, _time));

        Assert.Contains("in use by another IngestWorker", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_FolderThatRefusesWrites_SaysSoNotInUse()
    {
        // sysfs refuses new files even to root, so this is a real EACCES whoever runs the tests.
        var failure = Assert.Throws<StoreException>(() => FigureStore.Open("/sys/ingestworker.db", _time));

        Assert.Contains("cannot write in the database folder '/sys'", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("in use", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LockFailure_ReadOnlyFileSystem_NamesItNotInUse()
    {
        // EROFS cannot be staged without mounting a file system; this is the exception .NET raises for it.
        var readOnly = new IOException("Read-only file system : '/srv/ro/figures.db.lock'", 30);

        var message = FigureStore.LockFailure("/srv/ro/figures.db", readOnly);

        Assert.Equal("cannot write in the database folder '/srv/ro': Read-only file system : '/srv/ro/figures.db.lock'", message);
    }

    [Fact]
    public void Open_PathIsAFolder_SaysSo()
    {
        var path = Directory.CreateDirectory(_folder.File("data")).FullName;

        var failure = Assert.Throws<StoreException>(() => FigureStore.Open(path, _time));

        Assert.Contains("is a folder; Storage:DatabasePath names the database file", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_AFileWhereAFolderOfThePathShouldBe_NamesIt()
    {
        File.WriteAllText(_folder.File("occupied"), "a file where the folder should be");

        var failure = Assert.Throws<StoreException>(() => FigureStore.Open(_folder.File("occupied/store/figures.db"), _time));

        Assert.Equal($"cannot create the database folder '{_folder.File("occupied/store")}': '{_folder.File("occupied")}' is a file, not a folder", failure.Message);
    }

    public void Dispose() => _folder.Dispose();
}
