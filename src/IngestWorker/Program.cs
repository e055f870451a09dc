using System.CommandLine;
using IngestWorker.Commands;

// Ctrl+C and SIGTERM are the host's to handle (graceful shutdown), not the parser's.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
try
{
    var parsed = Cli.Create().Parse(args);
    var code = await parsed.InvokeAsync(invocation);
    // The parser reports a missing or unknown option, or a value not among those accepted, with exit
    // code 1; in IngestWorker 1 means a source failed, and bad input is 2.
    return parsed.Errors.Count > 0 ? HostRunner.ConfigurationError : code;
}
catch (Exception e) when (HostRunner.Describe(e) is { } message)
{
    // Whatever command met it, a problem the user can fix is one message and exit code 2, never a stack trace.
    await Console.Error.WriteLineAsync(message);
    return HostRunner.ConfigurationError;
}
