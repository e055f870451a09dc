using System.CommandLine;
using System.Net.Sockets;
using IngestWorker.Commands;
using IngestWorker.Core.Storage;
using IngestWorker.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Endpoint;

/// <summary>
/// While the service runs it owns the database file; the read commands (figures, history, …) run
/// by a user are forwarded here over a Unix socket beside the file (mode 0600) and answered from
/// the service's own store, so nobody opens the file a second time or in another LiteDB mode.
/// </summary>
internal sealed partial class QueryServer(StoreOpening opening, IConfiguration configuration, ILogger<QueryServer> logger) : BackgroundService
{
    // sun_path holds 108 bytes on Linux, fewer on other systems.
    private const int MaxSocketPath = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (await opening.WaitAsync() is not { } store)
        {
            return; // the host's start fails on it
        }

        var path = QueryProtocol.SocketPath(store.Path);
        if (path.Length > MaxSocketPath || !Socket.OSSupportsUnixDomainSockets)
        {
            LogUnavailable(logger, path);
            return;
        }

        // A socket file left by a crash: the database lock proves no other service owns it.
        File.Delete(path);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        listener.Listen(16);
        LogListening(logger, path);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var client = await listener.AcceptAsync(stoppingToken);
                _ = Task.Run(() => ServeAsync(client, store, stoppingToken), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task ServeAsync(Socket client, FigureStore store, CancellationToken stoppingToken)
    {
        await using var stream = new NetworkStream(client, ownsSocket: true);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            if (await QueryProtocol.ReadAsync(stream, timeout.Token) is not (QueryProtocol.Request, var payload))
            {
                return;
            }

            using var output = new QueryProtocol.FrameWriter(stream, QueryProtocol.Output);
            using var error = new QueryProtocol.FrameWriter(stream, QueryProtocol.Error);
            int code;
            using var session = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            _ = CancelOnHangUpAsync(stream, session);
            using (StoreAccess.UseServiceStore(store, configuration))
            {
                var invocation = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
                var parsed = Cli.CreateQueries().Parse(QueryProtocol.ParseRequest(payload));
                code = await parsed.InvokeAsync(invocation, session.Token);
                code = parsed.Errors.Count > 0 ? HostRunner.ConfigurationError : code;
            }

            output.Flush();
            error.Flush();
            QueryProtocol.WriteExit(stream, code);
        }
#pragma warning disable CA1031 // A broken client connection must never reach the service.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogClientFailed(logger, e.Message);
        }
    }

    /// <summary>
    /// A client sends nothing after its request, so a finished read means it hung up (Ctrl+C on
    /// <c>watch</c>): the command it asked for is cancelled rather than left running.
    /// </summary>
    private static async Task CancelOnHangUpAsync(Stream stream, CancellationTokenSource session)
    {
        try
        {
            await stream.ReadAtLeastAsync(new byte[1], 1, throwOnEndOfStream: false, session.Token);
            await session.CancelAsync();
        }
#pragma warning disable CA1031 // The command ended first and closed the stream: nothing to cancel.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    [LoggerMessage(4201, LogLevel.Debug, "Commands reach the running service at {SocketPath}", EventName = "QueryEndpointListening")]
    private static partial void LogListening(ILogger logger, string socketPath);

    [LoggerMessage(4202, LogLevel.Warning, "No command endpoint: the socket path {SocketPath} is too long or unsupported; stop the service to read its database", EventName = "QueryEndpointUnavailable")]
    private static partial void LogUnavailable(ILogger logger, string socketPath);

    [LoggerMessage(4203, LogLevel.Debug, "A command connection failed: {Reason}", EventName = "QueryClientFailed")]
    private static partial void LogClientFailed(ILogger logger, string reason);
}
