using System.Text;
using System.Text.RegularExpressions;

namespace IngestWorker.Core.Fetching;

/// <summary>
/// Turns fetched bytes into text the way browsers do: BOM, then the HTTP header's charset, then a
/// <c>&lt;meta&gt;</c> prescan, then UTF-8. A declared UTF-8 that is not valid UTF-8 is re-read as
/// CP949, the usual mislabel on Korean sites, rather than turned into mojibake.
/// </summary>
public static partial class CharsetDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static CharsetDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Decode(ReadOnlySpan<byte> bytes, string? contentType)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(bytes[3..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        var declared = EncodingOf(CharsetIn(contentType)) ?? EncodingOf(MetaCharset(bytes));
        if (declared is not null && declared.CodePage != Encoding.UTF8.CodePage)
        {
            return declared.GetString(bytes);
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(949).GetString(bytes);
        }
    }

    private static string? CharsetIn(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }

        var match = CharsetPattern().Match(contentType);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static string? MetaCharset(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 2048)]);
        var match = CharsetPattern().Match(head);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static Encoding? EncodingOf(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        try
        {
            // ks_c_5601-1987 and euc-kr are in practice always CP949, which is their superset.
            var encoding = Encoding.GetEncoding(name.Trim());
            return encoding.CodePage is 51949 ? Encoding.GetEncoding(949) : encoding;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex("""charset\s*=\s*["']?([A-Za-z0-9_\-:.]+)""", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 100)]
    private static partial Regex CharsetPattern();
}
