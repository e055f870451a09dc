using System.CommandLine;
using IngestWorker.Commands;

// Ctrl+C and SIGTERM are the host's to handle (graceful shutdown), not the parser's.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
try
{
    return await Cli.Create().Parse(args).InvokeAsync(invocation);
}
catch (Exception e) when (HostRunner.Describe(e) is { } message)
{
    // Whatever command met it, a problem the user can fix is one message and exit code 2, never a stack trace.
    await Console.Error.WriteLineAsync(message);
    return HostRunner.ConfigurationError;
}
