using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace IngestWorker.Core.Sources;

/// <summary>
/// Reads the items of an RSS 2.0 or Atom feed. A DTD is skipped, never read: no external entity is
/// resolved and no entity expanded (a feed that uses one does not parse), yet feeds that merely
/// declare the old Netscape RSS DTD still read.
/// </summary>
public static class FeedReader
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    /// <summary>The feed's items with links resolved against <paramref name="feedUrl"/>, or null when the text is not a feed.</summary>
    public static IReadOnlyList<Candidate>? TryRead(string text, Uri feedUrl)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.TrimStart().StartsWith('<') || !(text.Contains("<rss", StringComparison.Ordinal) || text.Contains("<feed", StringComparison.Ordinal)))
        {
            return null;
        }

        XDocument document;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, MaxCharactersInDocument = 50_000_000 };
            using var reader = XmlReader.Create(new StringReader(text), settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }

        var root = document.Root;
        if (root is null)
        {
            return null;
        }

        if (root.Name.LocalName == "rss")
        {
            return [.. root.Descendants("item").Select(item => Item(
                feedUrl,
                (string?)item.Element("link"),
                (string?)item.Element("title"),
                (string?)item.Element("pubDate"))).OfType<Candidate>()];
        }

        if (root.Name == Atom + "feed")
        {
            return [.. root.Elements(Atom + "entry").Select(entry => Item(
                feedUrl,
                entry.Elements(Atom + "link").FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate")?.Attribute("href")?.Value,
                (string?)entry.Element(Atom + "title"),
                (string?)entry.Element(Atom + "published") ?? (string?)entry.Element(Atom + "updated"))).OfType<Candidate>()];
        }

        return null;
    }

    private static Candidate? Item(Uri feedUrl, string? link, string? title, string? date)
    {
        if (string.IsNullOrWhiteSpace(link) || !Uri.TryCreate(feedUrl, link.Trim(), out var url))
        {
            return null;
        }

        return new Candidate(url.AbsoluteUri, title?.Trim(), ParseDate(date));
    }

    /// <summary>RFC 822 (RSS) or ISO 8601 (Atom) dates, as the publisher's local date.</summary>
    internal static DateOnly? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        string[] formats = ["ddd, dd MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm:ss zzz", "dd MMM yyyy HH:mm:ss zzz", "ddd, dd MMM yyyy HH:mm zzz"];
        var rfc822 = trimmed.Replace("GMT", "+00:00", StringComparison.Ordinal).Replace("UT", "+00:00", StringComparison.Ordinal);
        if (rfc822.Length > 5 && rfc822[^5] is '+' or '-' && rfc822[^4..].All(char.IsAsciiDigit))
        {
            rfc822 = rfc822[..^2] + ":" + rfc822[^2..];
        }

        if (DateTimeOffset.TryParseExact(rfc822, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            || DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out parsed))
        {
            return DateOnly.FromDateTime(parsed.DateTime);
        }

        return null;
    }
}
