using System.Text;
using IngestWorker.Core.Fetching;

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
}
