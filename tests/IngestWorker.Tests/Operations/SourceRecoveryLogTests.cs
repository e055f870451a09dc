using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.Operations;

/// <summary>The log says once when a failing source works again.</summary>
public sealed class SourceRecoveryLogTests : IDisposable
{
    private readonly TempFolder _root = new();

    [Fact]
    public async Task Once_SourceFailsThenWorks_LogsTheRecoveryOnceWithTheFailureCount()
    {
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.Source("inbox", "folder", ("Folder", "inbox"))]);

        var failing = await CliProcess.RunAsync(_root.Path, "once");
        Assert.Equal(1, failing.ExitCode);
        Assert.DoesNotContain("recovered", failing.Output, StringComparison.Ordinal);

        Directory.CreateDirectory(_root.File("inbox"));
        var working = await CliProcess.RunAsync(_root.Path, "once");
        var again = await CliProcess.RunAsync(_root.Path, "once");

        Assert.Equal(0, working.ExitCode);
        Assert.Contains("Source inbox recovered after 1 failed runs (last error: ", working.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("recovered", again.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _root.Dispose();
}
