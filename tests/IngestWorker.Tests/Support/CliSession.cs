using System.Diagnostics;

namespace IngestWorker.Tests.Support;

/// <summary>A long-running command (<c>watch</c>) as a child process whose output is read line by line as it comes.</summary>
public sealed class CliSession : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly SemaphoreSlim _arrived = new(0);

    private CliSession(Process process) => _process = process;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public static CliSession Start(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(CliProcess.Executable);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("INGESTWORKER_ROOT");
        var stream = new CliSession(new Process { StartInfo = start });
        stream._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stream._lines)
                {
                    stream._lines.Add(e.Data);
                }

                stream._arrived.Release();
            }
        };
        stream._process.ErrorDataReceived += (_, _) => { };
        stream._process.Start();
        stream._process.BeginOutputReadLine();
        stream._process.BeginErrorReadLine();
        return stream;
    }

    /// <summary>Waits (bounded) until some line satisfies <paramref name="wanted"/>.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> wanted)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (true)
        {
            if (Lines.FirstOrDefault(wanted) is { } line)
            {
                return line;
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the command exited ({_process.ExitCode}) before the line came; it printed:\n{string.Join('\n', Lines)}");
            }

            await _arrived.WaitAsync(TimeSpan.FromMilliseconds(200), deadline.Token);
        }
    }

    /// <summary>
    /// Stops the child as a supervisor or `kill` does (SIGTERM), then waits (bounded) for it to end.
    /// Not SIGINT: a test run started from a background shell job inherits SIGINT as ignored.
    /// </summary>
    public async Task InterruptAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(Patience);
        await _process.WaitForExitAsync(deadline.Token);
    }

    public bool HasExited => _process.HasExited;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _arrived.Dispose();
    }
}
