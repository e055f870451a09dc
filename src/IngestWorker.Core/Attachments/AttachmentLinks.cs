using System.Text.RegularExpressions;
using HtmlAgilityPack;

namespace IngestWorker.Core.Attachments;

/// <summary>
/// The attachment links of a bulletin page: <c>a</c> elements whose <c>href</c> is a URL, or a
/// <c>javascript:</c> call (in <c>href</c> or <c>onclick</c>) such as <c>location.href='/attach/down/1'</c>
/// or <c>fnDown('/files/r.pdf')</c> whose quoted argument is a path, and whose resolved URL matches the
/// source's <see cref="Sources.SourceDefinition.AttachmentPattern"/> (else <see cref="DefaultPattern"/>).
/// A call whose arguments are only ids (<c>fn_download('FILE_0001', '0')</c>) gives no URL and is not followed.
/// </summary>
public static partial class AttachmentLinks
{
    /// <summary>
    /// Files ending in .pdf, .hwp or .hwpx (before any query), and the download endpoints Korean boards
    /// use: a path or query containing <c>download</c>, <c>fileDown</c>, <c>/attach/</c> or <c>atchFile</c>.
    /// </summary>
    public const string DefaultPattern = @"\.(pdf|hwpx?)([?#;]|$)|download|filedown|/attach/|atchfile";

    /// <summary>A link found on a page: the resolved URL and its text, if any.</summary>
    public sealed record Link(Uri Url, string? Text);

    [GeneratedRegex(@"['""]([^'""]{1,2000})['""]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex QuotedArgument();

    // A quoted argument is taken as a path when it is one: absolute, relative with ./ or ../, or a file or script name with a query.
    [GeneratedRegex(@"^(https?://|/|\./|\.\./)|^[\w\-./]+\.(pdf|hwpx?|do|jsp|php|aspx?)([?#].*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex PathLike();

    /// <summary>Distinct attachment links of <paramref name="html"/> in page order, resolved against <paramref name="page"/>; never the page itself.</summary>
    /// <param name="pattern">The source's pattern; null or empty for <see cref="DefaultPattern"/>.</param>
    public static IReadOnlyList<Link> Find(string html, Uri page, string? pattern)
    {
        ArgumentNullException.ThrowIfNull(page);
        var document = new HtmlDocument();
        document.LoadHtml(html ?? "");
        var matcher = new Regex(string.IsNullOrEmpty(pattern) ? DefaultPattern : pattern,
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        var found = new List<Link>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { page.AbsoluteUri };
        foreach (var anchor in document.DocumentNode.SelectNodes("//a[@href or @onclick]") ?? Enumerable.Empty<HtmlNode>())
        {
            var target = Target(HtmlEntity.DeEntitize(anchor.GetAttributeValue("href", "")).Trim())
                ?? Target(HtmlEntity.DeEntitize(anchor.GetAttributeValue("onclick", "")).Trim(), script: true);
            if (target is null || !Uri.TryCreate(page, target, out var url) || url.Scheme is not ("http" or "https"))
            {
                continue;
            }

            // The fragment never reaches the server, so it does not make another attachment.
            url = new UriBuilder(url) { Fragment = "" }.Uri;
            if (Matches(matcher, url.AbsoluteUri) && seen.Add(url.AbsoluteUri))
            {
                var text = HtmlEntity.DeEntitize(anchor.InnerText).Trim();
                found.Add(new Link(url, text.Length > 0 ? text : null));
            }
        }

        return found;
    }

    /// <summary>The URL or path a link leads to: the href itself, or the first path-like quoted argument of a script.</summary>
    private static string? Target(string value, bool script = false)
    {
        if (value.Length == 0 || value.StartsWith('#'))
        {
            return null;
        }

        if (!script && !value.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
        {
            return value;
        }

        try
        {
            foreach (Match argument in QuotedArgument().Matches(value))
            {
                var candidate = argument.Groups[1].Value.Trim();
                if (PathLike().IsMatch(candidate))
                {
                    return candidate;
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A script no sane board writes: no link.
        }

        return null;
    }

    private static bool Matches(Regex matcher, string url)
    {
        try
        {
            return matcher.IsMatch(url);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
