using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace IngestWorker.Core.Archive;

/// <summary>How raw documents are identified and kept: a SHA-256 of the bytes (or of the main text), Brotli for storage.</summary>
public static class ContentHash
{
    public static string Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>SHA-256 (lower-case hex) of <paramref name="text"/> as UTF-8 with every run of white space made one space and the ends trimmed.</summary>
    public static string OfText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Of(Encoding.UTF8.GetBytes(string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));
    }

    public static byte[] Compress(byte[] content)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Optimal))
        {
            brotli.Write(content);
        }

        return output.ToArray();
    }

    public static byte[] Decompress(byte[] compressed)
    {
        using var input = new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
