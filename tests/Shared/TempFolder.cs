namespace IngestWorker.Testing;

/// <summary>A fresh folder under the system temp folder, removed with everything in it.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Path = Directory.CreateTempSubdirectory("ingestworker-test-").FullName;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a failing test must not hide that test's own failure.
        }
    }
}
