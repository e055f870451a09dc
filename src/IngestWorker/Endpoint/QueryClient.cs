using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace IngestWorker.Endpoint;

/// <summary>Sends a read command to the running service that owns the database, and prints its answer.</summary>
internal static class QueryClient
{
    /// <summary>The command's exit code, or null when no service is listening for this database.</summary>
    public static async Task<int?> TryForwardAsync(string databasePath, IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        var path = QueryProtocol.SocketPath(databasePath);
        if (!File.Exists(path))
        {
            return null;
        }

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException)
        {
            return null; // a socket file left by a service that has gone: read the file directly
        }

        await using var stream = new NetworkStream(socket, ownsSocket: false);
        QueryProtocol.WriteRequest(stream, arguments);
        while (await QueryProtocol.ReadAsync(stream, CancellationToken.None) is var (kind, payload))
        {
            switch (kind)
            {
                case QueryProtocol.Output:
                    await output.WriteAsync(Encoding.UTF8.GetString(payload));
                    break;
                case QueryProtocol.Error:
                    await error.WriteAsync(Encoding.UTF8.GetString(payload));
                    break;
                case QueryProtocol.Exit:
                    await output.FlushAsync();
                    return BinaryPrimitives.ReadInt32LittleEndian(payload);
                default:
                    break;
            }
        }

        await error.WriteLineAsync("The running service closed the connection before answering.");
        return 1;
    }
}
