using System.Net.Http.Headers;
using System.Text;
using System.Text.Unicode;
using UtfUnknown;

namespace IngestWorker.Core.Fetching;

/// <summary>
/// Turns fetched bytes into text the way a browser chooses an encoding (HTML Living Standard,
/// "Determining the character encoding"), with one deliberate difference, in this order:
/// <list type="number">
/// <item>a byte order mark (UTF-8, UTF-16LE, UTF-16BE) wins over everything;</item>
/// <item>an HTTP <c>Content-Type</c> charset of UTF-16LE/BE is obeyed (such text is not UTF-8);</item>
/// <item>bytes that are entirely valid UTF-8 are read as UTF-8 whatever the label says (the
/// difference: a page labelled EUC-KR but saved as UTF-8 is common on Korean sites, and Korean text
/// in EUC-KR/CP949 is practically never valid UTF-8);</item>
/// <item>the HTTP <c>Content-Type</c> charset, then the <c>&lt;meta&gt;</c> prescan of the first
/// 1024 bytes (HTML, "prescan a byte stream to determine its encoding": <c>charset</c> attribute,
/// or <c>http-equiv="content-type"</c> with <c>content</c>; a meta-declared UTF-16 means UTF-8 and
/// x-user-defined means windows-1252, as that section says). A declared encoding is trusted, with
/// one exception: a declared UTF-8 under which invalid sequences outnumber the valid multi-byte
/// ones is a lie (an EUC-KR page served as UTF-8) and is passed over, so the meta, then detection,
/// decides; a few stray bytes in UTF-8 text are not, and each becomes U+FFFD;</item>
/// <item>detection by UTF.Unknown (a port of Mozilla's universal charset detector): a CJK,
/// Cyrillic, Greek, etc. result is used; a result of any Latin single-byte code page
/// (ISO-8859-1/2/…, windows-1250/1252/…) is read as windows-1252, because the detector cannot tell
/// those apart on English text (it calls curly quotes windows-1250) and windows-1252 is the
/// Encoding Standard's reading of the Latin-1 labels;</item>
/// <item>no verdict (too little non-ASCII text): CP949 if the bytes are well-formed CP949, else
/// windows-1252.</item>
/// </list>
/// Labels are resolved as the WHATWG Encoding Standard ("Encodings" table, "get an encoding")
/// does for the labels that matter here: iso-8859-1, latin1, us-ascii and ascii are windows-1252;
/// euc-kr, ks_c_5601-1987, korean and windows-949 are CP949 (the standard's "EUC-KR" is Microsoft's
/// code page 949); gb2312 and gbk are GB18030. Other labels go to <see cref="Encoding.GetEncoding(string)"/>,
/// except UTF-7 and UTF-32, which the standard does not know; the standard's "replacement" labels
/// (iso-2022-kr, hz-gb-2312, …) and an HTTP-declared x-user-defined count as no label. Never
/// throws on any bytes or header value.
/// </summary>
public static class CharsetDecoder
{
    /// <summary>How many leading bytes the <c>&lt;meta&gt;</c> prescan reads (HTML spec: 1024).</summary>
    internal const int PrescanLength = 1024;

    /// <summary>Stand-in code page for the WHATWG x-user-defined encoding, which .NET lacks.</summary>
    private const int XUserDefined = -1;

    /// <summary>Stand-in code page for the WHATWG replacement encoding's labels.</summary>
    private const int Replacement = -2;

    private const int Utf8Page = 65001;
    private const int Windows1252 = 1252;
    private const int Cp949 = 949;
    private const int Utf16LE = 1200;
    private const int Utf16BE = 1201;

    /// <summary>
    /// Labels from the WHATWG Encoding Standard's "Encodings" table for the encodings that matter
    /// here (UTF-8, UTF-16, Latin, basic Cyrillic, the CJK encodings), mapped to .NET code pages;
    /// plus <c>cp949</c>, not a WHATWG label but common on Korean sites and what UTF.Unknown reports.
    /// </summary>
    private static readonly Dictionary<string, int> Labels = BuildLabels();

    /// <summary>Code pages of Latin-script single-byte encodings: a detector verdict of any of them reads as windows-1252.</summary>
    private static readonly HashSet<int> LatinSingleByte = [20127, 28591, 28592, 28593, 28594, 28599, 28603, 28605, 1250, 1252, 1254, 1257, 850, 852, 10029];

    static CharsetDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Where the encoding used by <see cref="Decode"/> came from.</summary>
    internal enum Basis
    {
        ByteOrderMark,
        HttpHeader,
        ValidUtf8,
        MetaPrescan,
        Detector,
        Fallback,
    }

    /// <summary>
    /// Decodes <paramref name="bytes"/> (a whole response body or file) to text, choosing the
    /// encoding as the class summary says. <paramref name="contentType"/> is the HTTP
    /// <c>Content-Type</c> value (e.g. <c>text/html; charset=EUC-KR</c>), or null; an unparsable
    /// value or unknown charset counts as none. A byte order mark is not part of the text. Bytes
    /// that do not form a character of the chosen encoding become U+FFFD.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? contentType)
    {
        var (encoding, _) = Choose(bytes, contentType);
        var bom = BomLength(bytes);
        return encoding.GetString(bytes[bom..]);
    }

    /// <summary>The encoding <see cref="Decode"/> uses for these bytes and header, and its basis.</summary>
    internal static (Encoding Encoding, Basis Basis) Choose(ReadOnlySpan<byte> bytes, string? contentType)
    {
        if (BomLength(bytes) > 0)
        {
            return (bytes[0] switch { 0xEF => Encoding.UTF8, 0xFF => Encoding.Unicode, _ => Encoding.BigEndianUnicode }, Basis.ByteOrderMark);
        }

        var header = Resolve(CharsetIn(contentType));
        if (header is Utf16LE or Utf16BE)
        {
            return (EncodingFor(header.Value), Basis.HttpHeader);
        }

        // Korean text in EUC-KR/CP949 is never valid UTF-8 (its byte pairs are not UTF-8
        // sequences), so a page labelled EUC-KR but saved as UTF-8 reads right, not as mojibake.
        if (Utf8.IsValid(bytes))
        {
            return (Encoding.UTF8, Basis.ValidUtf8);
        }

        if (Trusted(header, bytes) is { } fromHeader)
        {
            return (EncodingFor(fromHeader), Basis.HttpHeader);
        }

        if (Trusted(PrescanMeta(bytes), bytes) is { } fromMeta)
        {
            return (EncodingFor(fromMeta), Basis.MetaPrescan);
        }

        if (Detect(bytes) is { } detected)
        {
            return (EncodingFor(detected), Basis.Detector);
        }

        return (IsWellFormed(bytes, Cp949) ? EncodingFor(Cp949) : EncodingFor(Windows1252), Basis.Fallback);
    }

    /// <summary>
    /// The code page for an encoding label, as the WHATWG Encoding Standard's "get an encoding"
    /// (leading and trailing ASCII whitespace removed, ASCII case ignored), else as .NET names it;
    /// null for an unknown label, UTF-7, UTF-32, and the replacement labels.
    /// </summary>
    internal static int? Resolve(string? label)
    {
        if (label is null)
        {
            return null;
        }

        var key = label.Trim(' ', '\t', '\n', '\f', '\r').ToLowerInvariant();
        if (key.Length == 0)
        {
            return null;
        }

        if (Labels.TryGetValue(key, out var codePage))
        {
            return codePage is Replacement ? null : codePage;
        }

        try
        {
            codePage = Encoding.GetEncoding(key).CodePage;
            return codePage switch
            {
                65000 or 12000 or 12001 => null,
                51949 => Cp949,
                _ => codePage,
            };
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            // Unknown to .NET, or known but switched off (UTF-7).
            return null;
        }
    }

    private static int BomLength(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3
        : bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? 2
        : 0;

    /// <summary>
    /// The declared code page unless it cannot stand: x-user-defined (only meaningful in a meta,
    /// where the prescan has already made it windows-1252), or UTF-8 on bytes mostly not UTF-8.
    /// </summary>
    private static int? Trusted(int? declared, ReadOnlySpan<byte> bytes) => declared switch
    {
        null or XUserDefined => null,
        Utf8Page => MostlyUtf8(bytes) ? Utf8Page : null,
        _ => declared,
    };

    /// <summary>
    /// Whether the multi-byte UTF-8 sequences in <paramref name="bytes"/> at least match in number
    /// its invalid ones (each maximal invalid subsequence counted once, as the decoder replaces it).
    /// </summary>
    private static bool MostlyUtf8(ReadOnlySpan<byte> bytes)
    {
        var valid = 0;
        var invalid = 0;
        while (!bytes.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(bytes, out _, out var consumed);
            if (status == System.Buffers.OperationStatus.Done)
            {
                valid += consumed > 1 ? 1 : 0;
            }
            else
            {
                invalid++;
            }

            bytes = bytes[consumed..];
        }

        return valid >= invalid;
    }

    private static int? Detect(ReadOnlySpan<byte> bytes)
    {
        var verdict = CharsetDetector.DetectFromBytes(bytes).Detected;
        var codePage = Resolve(verdict?.EncodingName);
        return codePage switch
        {
            null or XUserDefined or Utf16LE or Utf16BE => null,
            _ when LatinSingleByte.Contains(codePage.Value) => Windows1252,
            _ => codePage,
        };
    }

    private static bool IsWellFormed(ReadOnlySpan<byte> bytes, int codePage)
    {
        try
        {
            _ = Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback).GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static Encoding EncodingFor(int codePage) => codePage switch
    {
        Utf8Page => Encoding.UTF8,
        Utf16LE => Encoding.Unicode,
        Utf16BE => Encoding.BigEndianUnicode,
        _ => Encoding.GetEncoding(codePage),
    };

    private static string? CharsetIn(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || mediaType.CharSet is not { } charset)
        {
            return null;
        }

        return charset.Length >= 2 && charset[0] is '"' or '\'' && charset[^1] == charset[0] ? charset[1..^1] : charset;
    }

    /// <summary>
    /// The HTML Living Standard's "prescan a byte stream to determine its encoding" over the first
    /// <see cref="PrescanLength"/> bytes: comments, other tags and <c>&lt;!</c>/<c>&lt;?</c> markup
    /// are skipped; the first <c>&lt;meta&gt;</c> giving a usable <c>charset</c>, or
    /// <c>http-equiv="content-type"</c> with a <c>content</c> naming one, decides. Null if none does.
    /// </summary>
    internal static int? PrescanMeta(ReadOnlySpan<byte> bytes)
    {
        var scan = new Prescan(bytes[..Math.Min(bytes.Length, PrescanLength)]);
        return scan.Run();
    }

    /// <summary>
    /// The HTML Living Standard's "algorithm for extracting a character encoding from a meta
    /// element", on a <c>content</c> value such as <c>text/html; charset=euc-kr</c>.
    /// </summary>
    internal static int? CharsetOfContent(string content)
    {
        var position = 0;
        while (true)
        {
            var at = content.IndexOf("charset", position, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return null;
            }

            position = SkipWhitespace(content, at + "charset".Length);
            if (position >= content.Length || content[position] != '=')
            {
                continue;
            }

            position = SkipWhitespace(content, position + 1);
            if (position >= content.Length)
            {
                return null;
            }

            if (content[position] is '"' or '\'')
            {
                var close = content.IndexOf(content[position], position + 1);
                return close < 0 ? null : Resolve(content[(position + 1)..close]);
            }

            var end = position;
            while (end < content.Length && !IsWhitespace(content[end]) && content[end] != ';')
            {
                end++;
            }

            return Resolve(content[position..end]);
        }
    }

    private static int SkipWhitespace(string text, int position)
    {
        while (position < text.Length && IsWhitespace(text[position]))
        {
            position++;
        }

        return position;
    }

    /// <summary>ASCII whitespace as the HTML spec's prescan means it: tab, LF, FF, CR, space.</summary>
    private static bool IsWhitespace(int c) => c is 0x09 or 0x0A or 0x0C or 0x0D or 0x20;

    private static Dictionary<string, int> BuildLabels()
    {
        var table = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(int codePage, params string[] labels)
        {
            foreach (var label in labels)
            {
                table.Add(label, codePage);
            }
        }

        Add(Utf8Page, "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8");
        Add(Utf16BE, "unicodefffe", "utf-16be");
        Add(Utf16LE, "csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le");
        Add(Windows1252, "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100",
            "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii", "windows-1252", "x-cp1252");
        Add(28592, "csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2", "iso_8859-2:1987", "l2", "latin2");
        Add(28605, "csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9");
        Add(1250, "cp1250", "windows-1250", "x-cp1250");
        Add(1254, "cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599", "iso_8859-9", "iso_8859-9:1989",
            "l5", "latin5", "windows-1254", "x-cp1254");
        Add(28595, "csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144", "iso8859-5", "iso88595", "iso_8859-5", "iso_8859-5:1988");
        Add(1251, "cp1251", "windows-1251", "x-cp1251");
        Add(20866, "cskoi8r", "koi", "koi8", "koi8-r", "koi8_r");
        Add(21866, "koi8-ru", "koi8-u");
        Add(54936, "chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk", "iso-ir-58", "x-gbk", "gb18030");
        Add(950, "big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5");
        Add(51932, "cseucpkdfmtjapanese", "euc-jp", "x-euc-jp");
        Add(50220, "csiso2022jp", "iso-2022-jp");
        Add(932, "csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j", "x-sjis");
        Add(Cp949, "cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601",
            "ksc_5601", "windows-949", "cp949");
        Add(Replacement, "csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr", "replacement");
        Add(XUserDefined, "x-user-defined");
        return table;
    }

    /// <summary>The prescan's cursor over the bytes it may read; running off their end ends the prescan with no answer.</summary>
    private ref struct Prescan(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _position;

        public int? Run()
        {
            while (_position < _bytes.Length)
            {
                var rest = _bytes[_position..];
                if (rest.StartsWith("<!--"u8))
                {
                    // To the '>' of the first "-->" whose dashes may be the opening's own.
                    var close = rest[2..].IndexOf("-->"u8);
                    if (close < 0)
                    {
                        return null;
                    }

                    _position += 2 + close + 3;
                    continue;
                }

                if (rest.Length >= 6 && Ascii.EqualsIgnoreCase(rest[..5], "<meta"u8) && (IsWhitespace(rest[5]) || rest[5] == '/'))
                {
                    _position += 5;
                    if (Meta() is { } found)
                    {
                        return found;
                    }

                    if (_position >= _bytes.Length)
                    {
                        return null;
                    }
                }
                else if (rest[0] == '<' && rest.Length >= 2 && (IsAsciiLetter(rest[1]) || (rest[1] == '/' && rest.Length >= 3 && IsAsciiLetter(rest[2]))))
                {
                    // Another tag: past its name, then past its attributes.
                    while (_position < _bytes.Length && !IsWhitespace(_bytes[_position]) && _bytes[_position] != '>')
                    {
                        _position++;
                    }

                    while (Attribute() is not null)
                    {
                    }

                    if (_position >= _bytes.Length)
                    {
                        return null;
                    }
                }
                else if (rest.StartsWith("<!"u8) || rest.StartsWith("</"u8) || rest.StartsWith("<?"u8))
                {
                    var close = rest.IndexOf((byte)'>');
                    if (close < 0)
                    {
                        return null;
                    }

                    _position += close;
                }

                _position++;
            }

            return null;
        }

        /// <summary>The attributes of one meta element; its encoding if it declares a usable one.</summary>
        private int? Meta()
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var gotPragma = false;
            bool? needPragma = null;
            int? charset = null;
            var failed = false;
            while (Attribute() is { } attribute)
            {
                if (!seen.Add(attribute.Name))
                {
                    continue;
                }

                switch (attribute.Name)
                {
                    case "http-equiv":
                        gotPragma |= attribute.Value == "content-type";
                        break;
                    case "content":
                        if (charset is null && !failed && CharsetOfContent(attribute.Value) is { } fromContent)
                        {
                            charset = fromContent;
                            needPragma = true;
                        }

                        break;
                    case "charset":
                        charset = Resolve(attribute.Value);
                        failed = charset is null;
                        needPragma = false;
                        break;
                }
            }

            if (needPragma is null || (needPragma == true && !gotPragma) || charset is null)
            {
                return null;
            }

            return charset switch
            {
                Utf16LE or Utf16BE => Utf8Page,
                XUserDefined => Windows1252,
                _ => charset,
            };
        }

        /// <summary>
        /// The HTML spec's "get an attribute" at the cursor: name and value ASCII-lowercased, value
        /// unquoted; null when the tag ends ('>') or the bytes do.
        /// </summary>
        private (string Name, string Value)? Attribute()
        {
            while (_position < _bytes.Length && (IsWhitespace(_bytes[_position]) || _bytes[_position] == '/'))
            {
                _position++;
            }

            if (_position >= _bytes.Length || _bytes[_position] == '>')
            {
                return null;
            }

            var name = new StringBuilder();
            var value = new StringBuilder();
            while (true)
            {
                if (_position >= _bytes.Length)
                {
                    return null;
                }

                var b = _bytes[_position];
                if (b == '=' && name.Length > 0)
                {
                    _position++;
                    break;
                }

                if (IsWhitespace(b))
                {
                    while (_position < _bytes.Length && IsWhitespace(_bytes[_position]))
                    {
                        _position++;
                    }

                    if (_position >= _bytes.Length)
                    {
                        return null;
                    }

                    if (_bytes[_position] != '=')
                    {
                        return (name.ToString(), "");
                    }

                    _position++;
                    break;
                }

                if (b is (byte)'/' or (byte)'>')
                {
                    return (name.ToString(), "");
                }

                name.Append(Lower(b));
                _position++;
            }

            while (_position < _bytes.Length && IsWhitespace(_bytes[_position]))
            {
                _position++;
            }

            if (_position >= _bytes.Length)
            {
                return null;
            }

            var first = _bytes[_position];
            if (first is (byte)'"' or (byte)'\'')
            {
                while (true)
                {
                    _position++;
                    if (_position >= _bytes.Length)
                    {
                        return null;
                    }

                    if (_bytes[_position] == first)
                    {
                        _position++;
                        return (name.ToString(), value.ToString());
                    }

                    value.Append(Lower(_bytes[_position]));
                }
            }

            if (first == '>')
            {
                return (name.ToString(), "");
            }

            while (true)
            {
                if (_position >= _bytes.Length)
                {
                    return null;
                }

                var b = _bytes[_position];
                if (IsWhitespace(b) || b == '>')
                {
                    return (name.ToString(), value.ToString());
                }

                value.Append(Lower(b));
                _position++;
            }
        }

        private static char Lower(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (char)(b + 0x20) : (char)b;

        private static bool IsAsciiLetter(byte b) => b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z');
    }
}
