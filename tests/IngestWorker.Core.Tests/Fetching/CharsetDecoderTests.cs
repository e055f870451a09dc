using System.Text;
using IngestWorker.Core.Fetching;
using IngestWorker.Core.Tests.Support;

namespace IngestWorker.Core.Tests.Fetching;

public sealed class CharsetDecoderTests
{
    private const string Korean = "<p>11월 수출은 517억 달러로 전년 동월 대비 14.0% 감소했다.</p>";

    static CharsetDecoderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static byte[] EucKr(string text) => Encoding.GetEncoding("euc-kr").GetBytes(text);

    [Fact]
    public void Decode_HeaderCharsetEucKr_ReadsHangul() =>
        Assert.Equal(Korean, CharsetDecoder.Decode(EucKr(Korean), "text/html; charset=EUC-KR"));

    [Fact]
    public void Decode_MetaCharsetOnly_ReadsHangul()
    {
        var page = "<html><head><meta charset=\"euc-kr\"></head><body>" + Korean + "</body></html>";

        Assert.Contains(Korean, CharsetDecoder.Decode(EucKr(page), "text/html"), StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_DeclaredUtf8ButEucKrBytes_DoesNotProduceMojibake() =>
        Assert.Equal(Korean, CharsetDecoder.Decode(EucKr(Korean), "text/html; charset=utf-8"));

    [Fact]
    public void Decode_Utf8Bom_WinsOverHeader() =>
        Assert.Equal(Korean, CharsetDecoder.Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Korean)], "text/html; charset=iso-8859-1"));

    [Fact]
    public void Decode_UnknownCharset_FallsBackToUtf8() =>
        Assert.Equal(Korean, CharsetDecoder.Decode(Encoding.UTF8.GetBytes(Korean), "text/html; charset=x-nonsense"));

    [Fact]
    public void Decode_DeclaredEucKrButUtf8Bytes_ReadsHangul() =>
        Assert.Equal(Korean, CharsetDecoder.Decode(Encoding.UTF8.GetBytes(Korean), "text/html; charset=euc-kr"));

    [Fact]
    public void Decode_MetaSaysEucKrButUtf8Bytes_ReadsHangul()
    {
        var page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-kr\"></head><body>" + Korean + "</body></html>";

        Assert.Contains(Korean, CharsetDecoder.Decode(Encoding.UTF8.GetBytes(page), null), StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UndeclaredEucKr_ReadsHangul() =>
        Assert.Equal(Korean, CharsetDecoder.Decode(EucKr(Korean), "text/html"));

    [Fact]
    public void Decode_DeclaredLatin1WithLatin1Bytes_KeepsTheDeclaredReading() =>
        Assert.Equal("café 1,5 %", CharsetDecoder.Decode(Encoding.Latin1.GetBytes("café 1,5 %"), "text/html; charset=iso-8859-1"));

    [Fact]
    public void Decode_UndeclaredWindows1252_ReadsCurlyQuotesDashesAndEuro()
    {
        var text = CharsetDecoder.Decode(LyingPages.UndeclaredWindows1252Bulletin(), "text/html");

        Assert.Contains(LyingPages.EnglishText, text, StringComparison.Ordinal);
        Assert.Equal(CharsetDecoder.Basis.Detector, CharsetDecoder.Choose(LyingPages.UndeclaredWindows1252Bulletin(), "text/html").Basis);
    }

    [Fact]
    public void Decode_Windows1252WithMetaPastThePrescan_IsReadAsWindows1252ByDetection()
    {
        // The meta sits past 2048 bytes of scripts, beyond the HTML spec's 1024-byte prescan.
        var padding = "<script>var tracking = '" + new string('x', 2100) + "';</script><meta charset=\"windows-1252\">";
        var bytes = LyingPages.UndeclaredWindows1252Bulletin(padding);

        var (encoding, basis) = CharsetDecoder.Choose(bytes, "text/html");

        Assert.Contains(LyingPages.EnglishText, CharsetDecoder.Decode(bytes, "text/html"), StringComparison.Ordinal);
        Assert.Equal((1252, CharsetDecoder.Basis.Detector), (encoding.CodePage, basis));
    }

    [Fact]
    public void Decode_MetaPastTheFirst1024Bytes_IsNotHeeded()
    {
        // A wrong meta at byte ~1100: a browser never sees it, and neither do we.
        var padding = "<script>var tracking = '" + new string('x', 1000) + "';</script><meta charset=\"euc-kr\">";
        var bytes = LyingPages.UndeclaredWindows1252Bulletin(padding);

        Assert.Contains(LyingPages.EnglishText, CharsetDecoder.Decode(bytes, "text/html"), StringComparison.Ordinal);
        Assert.Null(CharsetDecoder.PrescanMeta(bytes));
    }

    [Theory]
    [InlineData("iso-8859-1")]
    [InlineData("ISO-8859-1")]
    [InlineData("latin1")]
    [InlineData("us-ascii")]
    [InlineData("ascii")]
    public void Decode_Latin1OrAsciiLabel_ReadsAsWindows1252(string label)
    {
        byte[] bytes = [0x93, .. "exports"u8, 0x94, (byte)' ', 0x80, .. "4 billion "u8, 0x96, .. " caf"u8, 0xE9];

        Assert.Equal("“exports” €4 billion – café", CharsetDecoder.Decode(bytes, $"text/html; charset={label}"));
    }

    [Fact]
    public void Decode_MetaIso88591_ReadsAsWindows1252()
    {
        var bytes = LyingPages.Windows1252.GetBytes("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body>€4 – “up”</body></html>");

        Assert.Contains("€4 – “up”", CharsetDecoder.Decode(bytes, null), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/html; charset=utf-8", "")]
    [InlineData("text/html", "<meta charset=\"utf-8\">")]
    [InlineData("text/html", "<meta http-equiv=\"content-type\" content=\"text/html; charset=UTF-8\">")]
    public void Decode_DeclaredUtf8WithOneStrayByte_ReadsUtf8WithOneReplacementCharacter(string contentType, string meta)
    {
        var bytes = Encoding.UTF8.GetBytes($"<html><head>{meta}</head><body><h1>수출 @</h1>{Korean}</body></html>");
        bytes[Array.IndexOf(bytes, (byte)'@')] = 0xFF;

        var text = CharsetDecoder.Decode(bytes, contentType);

        Assert.Contains("<h1>수출 \uFFFD</h1>" + Korean, text, StringComparison.Ordinal);
        Assert.Single(text, c => c == '\uFFFD');
    }

    [Fact]
    public void Decode_DeclaredWindows1252OnKoreanBytes_TrustsTheDeclaration()
    {
        // Not valid UTF-8, so a non-UTF-8 label stands, as in a browser, whatever the bytes look like.
        var (encoding, basis) = CharsetDecoder.Choose(LyingPages.Cp949.GetBytes(Korean), "text/html; charset=windows-1252");

        Assert.Equal((1252, CharsetDecoder.Basis.HttpHeader), (encoding.CodePage, basis));
    }

    [Fact]
    public void Decode_ShortUndeclaredKorean_FallsBackToCp949()
    {
        // Too few characters for the detector to speak; well-formed CP949, so read as such.
        const string Short = "수출 감소";

        Assert.Equal(Short, CharsetDecoder.Decode(LyingPages.Cp949.GetBytes(Short), null));
        Assert.Equal(CharsetDecoder.Basis.Fallback, CharsetDecoder.Choose(LyingPages.Cp949.GetBytes(Short), null).Basis);
    }

    [Fact]
    public void Decode_HttpUtf16WithoutBom_ReadsUtf16()
    {
        Assert.Equal(Korean, CharsetDecoder.Decode(Encoding.Unicode.GetBytes(Korean), "text/html; charset=utf-16le"));
        Assert.Equal(Korean, CharsetDecoder.Decode(Encoding.BigEndianUnicode.GetBytes(Korean), "text/html; charset=\"UTF-16BE\""));
    }

    [Theory]
    [InlineData("euc-kr", 949)]
    [InlineData("EUC-KR", 949)]
    [InlineData("ks_c_5601-1987", 949)]
    [InlineData("korean", 949)]
    [InlineData("windows-949", 949)]
    [InlineData("cp949", 949)]
    [InlineData(" utf8 ", 65001)]
    [InlineData("unicode-1-1-utf-8", 65001)]
    [InlineData("iso-8859-1", 1252)]
    [InlineData("latin1", 1252)]
    [InlineData("us-ascii", 1252)]
    [InlineData("gb2312", 54936)]
    [InlineData("gbk", 54936)]
    [InlineData("shift_jis", 932)]
    [InlineData("sjis", 932)]
    [InlineData("euc-jp", 51932)]
    [InlineData("big5", 950)]
    [InlineData("koi8-r", 20866)]
    [InlineData("windows-1251", 1251)]
    [InlineData("iso-8859-7", 28597)]
    public void Resolve_Label_IsTheEncodingStandardsEncoding(string label, int codePage) =>
        Assert.Equal(codePage, CharsetDecoder.Resolve(label));

    [Theory]
    [InlineData("utf-7")]
    [InlineData("utf-32")]
    [InlineData("iso-2022-kr")]
    [InlineData("x-nonsense")]
    [InlineData("")]
    public void Resolve_LabelTheStandardDoesNotDecode_IsNone(string label) =>
        Assert.Null(CharsetDecoder.Resolve(label));

    [Theory]
    [InlineData("<meta charset=euc-kr>", 949)]
    [InlineData("<META CHARSET='EUC-KR'>", 949)]
    [InlineData("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=shift_jis\">", 932)]
    [InlineData("<meta content='text/html;charset=\"big5\"' http-equiv=content-type>", 950)]
    [InlineData("<meta charset=\"utf-16le\">", 65001)]
    [InlineData("<meta charset=\"x-user-defined\">", 1252)]
    [InlineData("<meta charset=\"latin1\">", 1252)]
    public void PrescanMeta_Declaration_GivesItsEncoding(string head, int codePage) =>
        Assert.Equal(codePage, CharsetDecoder.PrescanMeta(Encoding.ASCII.GetBytes($"<!DOCTYPE html><html><head>{head}<title>t</title></head>")));

    [Theory]
    [InlineData("<!-- <meta charset=euc-kr> -->")]
    [InlineData("<meta content=\"text/html; charset=euc-kr\">")]
    [InlineData("<div title=\"<meta charset=euc-kr>\"></div>")]
    [InlineData("<metadata charset=euc-kr>")]
    [InlineData("<meta charset=x-nonsense>")]
    [InlineData("<meta charset=\"euc-kr")]
    public void PrescanMeta_NoUsableDeclaration_GivesNone(string head) =>
        Assert.Null(CharsetDecoder.PrescanMeta(Encoding.ASCII.GetBytes($"<html><head>{head}")));

    [Fact]
    public void PrescanMeta_UnknownCharsetThenAGoodMeta_TakesTheGoodOne() =>
        Assert.Equal(949, CharsetDecoder.PrescanMeta("<meta charset=x-nonsense><meta charset=euc-kr>"u8));
}
