using System.Globalization;
using System.Text.RegularExpressions;
using HtmlAgilityPack;
using IngestWorker.Extraction.Parsing;

namespace IngestWorker.Extraction.Html;

/// <summary>Reads what a page says about itself: title, stated publication date, language.</summary>
internal static partial class Metadata
{
    private static readonly string[] DateMetaNames =
    [
        "article:published_time", "og:published_time", "published_time", "dcterms.date", "dc.date", "dc.date.issued", "date",
        "pubdate", "publishdate", "publish-date", "article.published", "sailthru.date", "parsely-pub-date", "datepublished",
        "citation_publication_date", "release_date",
    ];

    private const string Mon = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

    [GeneratedRegex(@"(?<y>(?:19|20)\d{2})[-./]\s?(?<m>\d{1,2})[-./]\s?(?<d>\d{1,2})(?!\d)", RegexOptions.CultureInvariant, 500)]
    private static partial Regex IsoDateRegex();

    [GeneratedRegex(@"\b(?<d>\d{1,2})(?:st|nd|rd|th)?\s(?<mon>" + Mon + @")\.?,?\s(?<y>(?:19|20)\d{2})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex DayMonthYearRegex();

    [GeneratedRegex(@"\b(?<mon>" + Mon + @")\.?\s(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s(?<y>(?:19|20)\d{2})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex MonthDayYearRegex();

    [GeneratedRegex(@"(?<m>\d{1,2})/(?<d>\d{1,2})/(?<y>(?:19|20)\d{2})|(?<d>\d{1,2})-(?<m>\d{1,2})-(?<y>(?:19|20)\d{2})", RegexOptions.CultureInvariant, 500)]
    private static partial Regex UsDateRegex();

    [GeneratedRegex(@"(?<y>(?:19|20)\d{2})년\s?(?<m>\d{1,2})월\s?(?<d>\d{1,2})일", RegexOptions.CultureInvariant, 500)]
    private static partial Regex KoreanDateRegex();

    [GeneratedRegex(@"\s(?:[-|–—·:]|&middot;)\s[^-|–—·:]{2,60}$", RegexOptions.CultureInvariant, 500)]
    private static partial Regex SiteSuffixRegex();

    public static BulletinMetadata Read(HtmlDocument doc, string raw)
    {
        var metas = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? titleTag = null;
        string? h1 = null;
        string? subHeadline = null;
        string? lang = null;
        string? timeAttr = null;
        var stack = new Stack<HtmlNode>();
        stack.Push(doc.DocumentNode);
        var visited = 0;
        while (stack.Count > 0 && visited++ < 400_000)
        {
            var n = stack.Pop();
            if (n.NodeType == HtmlNodeType.Element)
            {
                switch (n.Name)
                {
                    case "meta":
                        var key = n.GetAttributeValue("property", null) ?? n.GetAttributeValue("name", null) ?? n.GetAttributeValue("itemprop", null);
                        var content = n.GetAttributeValue("content", null);
                        if (key is not null && content is not null)
                        {
                            metas.TryAdd(key, HtmlEntity.DeEntitize(content));
                        }

                        break;
                    case "title":
                        titleTag ??= HtmlText.Visible(n, 1000);
                        break;
                    case "h1":
                        h1 ??= HtmlText.Visible(n, 1000);
                        break;
                    case "h2" or "h3":
                        subHeadline ??= HtmlText.Visible(n, 1000) is { } sub && WordCount(sub) >= 5 ? sub : null;
                        break;
                    case "html":
                        lang ??= n.GetAttributeValue("lang", null);
                        break;
                    case "time":
                        timeAttr ??= n.GetAttributeValue("datetime", null);
                        break;
                }
            }

            for (var child = n.LastChild; child is not null; child = child.PreviousSibling)
            {
                if (child.NodeType == HtmlNodeType.Element)
                {
                    stack.Push(child);
                }
            }
        }

        var title = Title(metas, titleTag, h1, subHeadline);
        var text = HtmlText.Visible(doc.DocumentNode, 200_000);
        var published = PublishedFromMeta(metas) ?? ParseDate(timeAttr) ?? DateLine(text, raw);

        // A page re-published with a correction or revision carries the date of this version.
        if (LatestLabelled(text, UpdatedLabelRegex()) is { } updated && (published is null || (updated > published && updated.DayNumber - published.Value.DayNumber < 120)))
        {
            published = updated;
        }

        var language = Language(lang, raw);
        return new BulletinMetadata(title, published, language);
    }

    /// <summary>
    /// The bulletin's headline: og:title, else its h1, else the first h2/h3 that reads as a headline (five words or more;
    /// a ministry board titles every page with the board's name and puts the release's headline in a lower heading), else
    /// the title tag without its site suffix.
    /// </summary>
    private static string? Title(Dictionary<string, string> metas, string? titleTag, string? h1, string? subHeadline)
    {
        if (metas.TryGetValue("og:title", out var og) && og.Trim().Length > 0)
        {
            return TextNormalizer.Collapse(og);
        }

        if (!string.IsNullOrWhiteSpace(h1) && WordCount(h1) >= 3)
        {
            return TextNormalizer.Collapse(h1);
        }

        if (subHeadline is not null)
        {
            return TextNormalizer.Collapse(subHeadline);
        }

        if (titleTag is not null && TextNormalizer.Collapse(titleTag) is { Length: > 0 } t)
        {
            // "Headline - Site Name": drop the site suffix when what is left still reads as a headline.
            var m = SafeRegex.Match(SiteSuffixRegex(), t);
            return m is not null && m.Index > 15 ? t[..m.Index].Trim() : t;
        }

        return string.IsNullOrWhiteSpace(h1) ? null : h1;
    }

    private static int WordCount(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private static DateOnly? PublishedFromMeta(Dictionary<string, string> metas)
    {
        foreach (var name in DateMetaNames)
        {
            if (metas.TryGetValue(name, out var v) && ParseDate(v) is { } d)
            {
                return d;
            }
        }

        return null;
    }

    [GeneratedRegex(@"(?:\b(?:published|posted(?:\son)?|release\sdate|date)\b|입력|게재|등록|작성|발행)\s?:?\s?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex PublishedLabelRegex();

    [GeneratedRegex(@"(?:\b(?:updated|revised|corrected|modified)\b(?:\son\b)?|수정)\s?:?\s?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex UpdatedLabelRegex();

    /// <summary>
    /// A date line in the page ("Published: 01 Dec. 2025", "입력 2021.07.01", "Aug. 2, 2019"): a date after a
    /// "published"-like label first, then one after "updated", then the first date of the page.
    /// </summary>
    private static DateOnly? DateLine(string text, string raw)
    {
        if (text.Length == 0)
        {
            text = raw.Length > 200_000 ? raw[..200_000] : raw;
        }

        return Labelled(text, PublishedLabelRegex()) ?? Labelled(text, UpdatedLabelRegex()) ?? FirstDate(text);
    }

    private static DateOnly? LatestLabelled(string text, Regex label)
    {
        DateOnly? latest = null;
        foreach (var m in SafeRegex.Matches(label, text))
        {
            var end = m.Index + m.Length;
            var window = text[end..Math.Min(text.Length, end + 40)];
            if (FirstDate(window) is { } d && FirstDateIndex(window) < 12 && (latest is null || d > latest))
            {
                latest = d;
            }
        }

        return latest;
    }

    private static DateOnly? Labelled(string text, Regex label)
    {
        foreach (var m in SafeRegex.Matches(label, text))
        {
            var end = m.Index + m.Length;
            var window = text[end..Math.Min(text.Length, end + 40)];
            if (FirstDate(window) is { } d && FirstDateIndex(window) < 12)
            {
                return d;
            }
        }

        return null;
    }

    private static int FirstDateIndex(string text)
    {
        var best = int.MaxValue;
        foreach (var regex in new[] { IsoDateRegex(), DayMonthYearRegex(), MonthDayYearRegex(), UsDateRegex(), KoreanDateRegex() })
        {
            if (SafeRegex.Match(regex, text) is { } m && FromMatch(m) is not null)
            {
                best = Math.Min(best, m.Index);
            }
        }

        return best;
    }

    private static DateOnly? FirstDate(string text)
    {
        DateOnly? best = null;
        var bestIndex = int.MaxValue;
        Regex[] regexes = [IsoDateRegex(), DayMonthYearRegex(), MonthDayYearRegex(), UsDateRegex(), KoreanDateRegex()];
        foreach (var regex in regexes)
        {
            var m = SafeRegex.Match(regex, text);
            if (m is not null && m.Index < bestIndex && FromMatch(m) is { } d)
            {
                best = d;
                bestIndex = m.Index;
            }
        }

        return best;
    }

    internal static DateOnly? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var dto) && value.Length >= 8)
        {
            // The date as the publisher wrote it, in its own offset.
            return DateOnly.FromDateTime(dto.DateTime);
        }

        foreach (var regex in new[] { IsoDateRegex(), DayMonthYearRegex(), MonthDayYearRegex(), KoreanDateRegex() })
        {
            if (SafeRegex.Match(regex, value) is { } m && FromMatch(m) is { } d)
            {
                return d;
            }
        }

        return null;
    }

    private static DateOnly? FromMatch(Match m)
    {
        var y = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        var month = m.Groups["mon"].Success ? Periods.MonthNumber(m.Groups["mon"].Value.ToLowerInvariant()) : int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        var d = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
        return month is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, month) ? new DateOnly(y, month, d) : null;
    }

    private static string? Language(string? lang, string raw)
    {
        if (!string.IsNullOrWhiteSpace(lang))
        {
            var l = lang.Trim().ToLowerInvariant();
            return l.Split('-', '_')[0];
        }

        return raw.Length == 0 ? null : Text.Language.IsKorean(raw) ? "ko" : "en";
    }
}
