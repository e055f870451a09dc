using System.Diagnostics;

namespace IngestWorker.Tests.Support;

/// <summary>Runs the executable as a user does: a child process with its own working directory.</summary>
public static class CliProcess
{
    public static readonly string Executable = BuiltExecutable();

    public sealed record Result(int ExitCode, string Output, string Error);

    public static Task<Result> RunAsync(string workingDirectory, params string[] arguments) => RunAsync(workingDirectory, arguments, []);

    public static async Task<Result> RunAsync(string workingDirectory, string[] arguments, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Executable);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("INGESTWORKER_ROOT");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(deadline.Token);
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>
    /// The executable in its own build output: the copy beside the tests binds to the test host's
    /// ASP.NET Core framework, not to the packages the executable ships with.
    /// </summary>
    private static string BuiltExecutable()
    {
        var tests = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (tests.Name, tests.Parent!.Name);
        for (var folder = tests; folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "IngestWorker.sln")))
            {
                return Path.Combine(folder.FullName, "src", "IngestWorker", "bin", configuration, framework, "ingestworker.dll");
            }
        }

        throw new InvalidOperationException("IngestWorker.sln not found above " + tests.FullName);
    }
}
