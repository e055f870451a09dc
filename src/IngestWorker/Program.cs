using System.CommandLine;
using IngestWorker.Commands;

// Ctrl+C and SIGTERM are the host's to handle (graceful shutdown), not the parser's.
return await Cli.Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
