using System.Text;

namespace IngestWorker.Core.Tests.Support;

/// <summary>
/// Bulletins whose bytes and labels disagree the way real sites' do (issue 12), as the bytes a
/// server sends, with the figures a right reading yields.
/// </summary>
public static class LyingPages
{
    static LyingPages() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Windows1252 => Encoding.GetEncoding(1252);

    public static Encoding Cp949 => Encoding.GetEncoding(949);

    /// <summary>An English bulletin with curly quotes, an en dash in "January–November" and a euro sign.</summary>
    public const string EnglishText =
        "<p>South Korea’s exports in January–November rose 2.9% from a year earlier to $640.2 billion, "
        + "the “highest ever” for the period, the trade ministry said on Sunday.</p>"
        + "<p>Officials – speaking before a visit by European buyers – put the bloc’s orders at over €4 billion.</p>";

    /// <summary><see cref="EnglishText"/> in a page with no charset anywhere, saved as windows-1252.</summary>
    public static byte[] UndeclaredWindows1252Bulletin(string head = "") => Windows1252.GetBytes(
        "<!DOCTYPE html><html><head><title>Korea’s January–November exports hit a record</title>"
        + "<meta property=\"article:published_time\" content=\"2025-12-07\">" + head + "</head><body><article>"
        + "<h1>Korea’s January–November exports hit a record</h1>" + EnglishText + "</article></body></html>");

    /// <summary>A Korean bulletin, declared UTF-8 in its meta and saved as UTF-8, but for one stray 0xFF byte in its heading.</summary>
    public static byte[] KoreanUtf8WithStrayByte()
    {
        var page = Encoding.UTF8.GetBytes(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>11월 수출입 동향</title>"
            + "<meta property=\"article:published_time\" content=\"2025-12-01\"></head><body><article>"
            + "<h1>11월 수출입 동향 @</h1><p>" + KoreanSentence + "</p></article></body></html>");
        page[Array.IndexOf(page, (byte)'@')] = 0xFF;
        return page;
    }

    public const string KoreanSentence = "11월 수출은 517억 달러로 전년 동월 대비 14.0% 감소했다.";
}
