using System.Text;
using System.Text.RegularExpressions;

namespace IngestWorker.Core.Fetching;

/// <summary>
/// Turns fetched bytes into text: BOM, then valid UTF-8, then the HTTP header's charset, then a
/// <c>&lt;meta&gt;</c> prescan, then CP949. Unlike a browser it trusts the bytes over the label
/// when they are valid UTF-8, and reads undeclared or mislabelled non-UTF-8 as CP949, the usual
/// case on Korean sites, so a wrong label does not turn figures into mojibake.
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
        if (declared is not null && declared.CodePage is 1200 or 1201 or 12000 or 12001)
        {
            return declared.GetString(bytes);
        }

        // Bytes that are valid UTF-8 are UTF-8 whatever the label says: Korean text in EUC-KR or
        // CP949 is never valid UTF-8 (its byte pairs are not UTF-8 sequences), so a page labelled
        // EUC-KR but saved as UTF-8 reads right instead of as mojibake.
        if (TryStrictUtf8(bytes, out var text))
        {
            return text;
        }

        return declared is not null && declared.CodePage != Encoding.UTF8.CodePage
            ? declared.GetString(bytes)
            : Encoding.GetEncoding(949).GetString(bytes);
    }

    private static bool TryStrictUtf8(ReadOnlySpan<byte> bytes, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
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
