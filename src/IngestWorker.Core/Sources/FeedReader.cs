using System.Text.RegularExpressions;
using System.Net;
using System.Xml;
using System.Xml.Linq;
using CodeHollow.FeedReader.Feeds;
using Library = CodeHollow.FeedReader;

namespace IngestWorker.Core.Sources;

/// <summary>
/// Reads the items of a feed: RSS 0.91/0.92/1.0 (RDF)/2.0, Atom 1.0 and JSON Feed 1.0/1.1, through
/// CodeHollow.FeedReader. That library was chosen over System.ServiceModel.Syndication because it
/// reads all of these itself, while Syndication reads only RSS 2.0 and Atom 1.0 and would need
/// hand-written RSS 1.0 and JSON Feed readers beside it.
/// <para>
/// Safety: an XML feed is first parsed here with DTDs ignored and no resolver, and the library is
/// handed that parse re-serialised, so it never sees a DTD: no external entity is ever resolved and
/// no entity expanded (a feed that uses one does not parse and is no feed), yet feeds that merely
/// declare a DTD (the old Netscape RSS one) still read. (The library alone, through
/// <c>XDocument.Parse</c>, would expand internal entities.)
/// </para>
/// <para>
/// Links: a relative item link is resolved against <c>xml:base</c> (XML Base, W3C; honoured on any
/// element from the root down to the item, as Atom, RFC 4287 section 2, asks), an RSS channel's
/// <c>&lt;link&gt;</c> (the site its items belong to), then the feed's own URL.
/// </para>
/// <para>
/// Dates: the item's publication instant (RSS <c>pubDate</c>, RSS 1.0 <c>dc:date</c>, Atom
/// <c>published</c> else <c>updated</c>, JSON Feed <c>date_published</c>) is kept as
/// <see cref="Candidate.PublishedAt"/>, and its date is taken in the publisher's time zone:
/// <c>Sun, 30 Nov 2025 23:40:00 GMT</c> is 2025-12-01 in Asia/Seoul.
/// </para>
/// </summary>
public static partial class FeedReader
{
    private static readonly XNamespace Xml = XNamespace.Xml;

    /// <summary>
    /// The feed's items (link resolved, title, date in <paramref name="zone"/>, instant, and the
    /// item's content or description as HTML), or null when <paramref name="text"/> is not a feed.
    /// </summary>
    /// <param name="text">The feed as decoded text (XML or JSON).</param>
    /// <param name="feedUrl">Where it was read from: the last base relative links resolve against.</param>
    /// <param name="zone">The publisher's time zone (the source's <c>TimeZone</c>); UTC when null.</param>
    public static IReadOnlyList<Candidate>? TryRead(string text, Uri feedUrl, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(feedUrl);
        zone ??= TimeZoneInfo.Utc;
        var trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        string safe;
        if (trimmed.StartsWith('{'))
        {
            if (!trimmed.Contains("jsonfeed.org/version/", StringComparison.Ordinal))
            {
                return null;
            }

            safe = trimmed;
        }
        else if (trimmed.StartsWith('<') && SafeXml(trimmed) is { } document && IsFeedRoot(document.Root!))
        {
            safe = document.ToString(SaveOptions.DisableFormatting);
        }
        else
        {
            return null;
        }

        Library.Feed feed;
        try
        {
            feed = Library.FeedReader.ReadFromString(safe);
        }
#pragma warning disable CA1031 // The library throws several types (its own, XmlException, JSON, format) on what is no feed.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }

        var site = feed.Type is Library.FeedType.Atom or Library.FeedType.JsonFeed ? null : feed.Link;
        return [.. feed.Items.Select(item => Item(item, BaseOf(item.SpecificItem?.Element, feedUrl, site), zone)).OfType<Candidate>()];
    }

    /// <summary>The XML with DTDs skipped and nothing resolved, or null when it is not well-formed.</summary>
    private static XDocument? SafeXml(string text)
    {
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, MaxCharactersInDocument = 50_000_000 };
            using var reader = XmlReader.Create(new StringReader(text), settings);
            var document = XDocument.Load(reader);
            return document.Root is null ? null : document;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static bool IsFeedRoot(XElement root) => root.Name.LocalName is "rss" or "RDF" or "feed";

    /// <summary>What relative links of <paramref name="item"/> resolve against: the feed URL, the RSS channel link, then each <c>xml:base</c> from the root down.</summary>
    private static Uri BaseOf(XElement? item, Uri feedUrl, string? site)
    {
        var result = feedUrl;
        if (!string.IsNullOrWhiteSpace(site) && Uri.TryCreate(feedUrl, site.Trim(), out var channel) && channel.Scheme is "http" or "https")
        {
            result = channel;
        }

        foreach (var element in item?.AncestorsAndSelf().Reverse() ?? [])
        {
            if (element.Attribute(Xml + "base")?.Value.Trim() is { Length: > 0 } xmlBase && Uri.TryCreate(result, xmlBase, out var based))
            {
                result = based;
            }
        }

        return result;
    }

    private static Candidate? Item(Library.FeedItem item, Uri baseUrl, TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(item.Link) || !Uri.TryCreate(baseUrl, item.Link.Trim(), out var url) || url.Scheme is not ("http" or "https"))
        {
            return null;
        }

        var instant = Instant(item.PublishingDate ?? (item.SpecificItem as AtomFeedItem)?.UpdatedDate, item.PublishingDateString, zone);
        var date = instant is { } at ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime) : (DateOnly?)null;
        return new Candidate(url.AbsoluteUri, string.IsNullOrWhiteSpace(item.Title) ? null : item.Title.Trim(), date, PublishedAt: instant, Description: Html(item));
    }

    /// <summary>
    /// The library gives instants as UTC <see cref="DateTime"/>s, even for a date written with no zone
    /// at all (the customs board's <c>2025-12-01 09:00:12.0</c>, a Korean wall clock): a date whose
    /// text <paramref name="written"/> names no zone or offset is the publisher's wall-clock time.
    /// </summary>
    private static DateTimeOffset? Instant(DateTime? value, string? written, TimeZoneInfo zone)
    {
        if (value is not { } parsed)
        {
            return null;
        }

        if (parsed.Kind == DateTimeKind.Unspecified || (written is { Length: > 0 } && !StatesZone().IsMatch(written.Trim())))
        {
            var wall = DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified);
            return new DateTimeOffset(wall, zone.GetUtcOffset(wall));
        }

        return new DateTimeOffset(parsed.Kind == DateTimeKind.Local ? parsed.ToUniversalTime() : parsed);
    }

    /// <summary>A date text ending in a zone: <c>Z</c>, <c>+0900</c>, <c>-05:00</c>, or a name (<c>GMT</c>, <c>UT</c>, <c>EST</c>, <c>KST</c>).</summary>
    [GeneratedRegex(@"(?:[zZ]|[+-]\d{2}:?\d{2}|\b[A-Za-z]{1,5})$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex StatesZone();

    /// <summary>The item's full content (<c>content:encoded</c>, Atom <c>content</c>, <c>content_html</c>), else its description or summary, as HTML; null when empty.</summary>
    private static string? Html(Library.FeedItem item)
    {
        if (item.SpecificItem is JsonFeedItem json && string.IsNullOrWhiteSpace(json.ContentHtml) && !string.IsNullOrWhiteSpace(json.ContentText))
        {
            return "<pre>" + WebUtility.HtmlEncode(json.ContentText.Trim()) + "</pre>";
        }

        return !string.IsNullOrWhiteSpace(item.Content) ? item.Content.Trim()
            : !string.IsNullOrWhiteSpace(item.Description) ? item.Description.Trim()
            : null;
    }
}
