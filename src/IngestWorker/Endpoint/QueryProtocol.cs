using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace IngestWorker.Endpoint;

/// <summary>
/// The frames a command and the running service exchange over the service's Unix socket: the
/// command's arguments, then its output and error text as they are written, then its exit code.
/// A frame is one kind byte, a 32-bit little-endian length and the payload.
/// </summary>
internal static class QueryProtocol
{
    public const byte Request = 0;
    public const byte Output = 1;
    public const byte Error = 2;
    public const byte Exit = 3;
    private const int MaxRequestBytes = 64 * 1024;

    /// <summary>Where the service listens: beside the database file it owns.</summary>
    public static string SocketPath(string databasePath) => databasePath + ".sock";

    public static void Write(Stream stream, byte kind, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[5];
        header[0] = kind;
        BinaryPrimitives.WriteInt32LittleEndian(header[1..], payload.Length);
        stream.Write(header);
        stream.Write(payload);
    }

    public static void WriteRequest(Stream stream, IReadOnlyList<string> arguments) =>
        Write(stream, Request, JsonSerializer.SerializeToUtf8Bytes(arguments));

    public static void WriteExit(Stream stream, int code)
    {
        Span<byte> payload = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(payload, code);
        Write(stream, Exit, payload);
    }

    /// <summary>The next frame, or null at the end of the stream.</summary>
    public static async Task<(byte Kind, byte[] Payload)?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[5];
        if (!await ReadExactlyOrEndAsync(stream, header, cancellationToken))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(1));
        if (length < 0 || (header[0] == Request && length > MaxRequestBytes))
        {
            throw new InvalidDataException($"a frame of {length} bytes is not acceptable");
        }

        var payload = new byte[length];
        await stream.ReadExactlyAsync(payload, cancellationToken);
        return (header[0], payload);
    }

    public static string[] ParseRequest(byte[] payload) => JsonSerializer.Deserialize<string[]>(payload) ?? [];

    private static async Task<bool> ReadExactlyOrEndAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        return read == buffer.Length;
    }

    /// <summary>A writer that sends what a command prints as frames of one kind.</summary>
    public sealed class FrameWriter(Stream stream, byte kind) : TextWriter
    {
        private readonly StringBuilder _buffer = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            _buffer.Append(value);
            if (_buffer.Length >= 32 * 1024)
            {
                Flush();
            }
        }

        public override void Write(string? value)
        {
            _buffer.Append(value);
            if (_buffer.Length >= 32 * 1024)
            {
                Flush();
            }
        }

        public override void Flush()
        {
            if (_buffer.Length > 0)
            {
                QueryProtocol.Write(stream, kind, Encoding.UTF8.GetBytes(_buffer.ToString()));
                _buffer.Clear();
            }
        }
    }
}
