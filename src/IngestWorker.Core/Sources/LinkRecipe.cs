using System.Text.RegularExpressions;
using HtmlAgilityPack;

namespace IngestWorker.Core.Sources;

/// <summary>
/// How a board whose rows are script links (<c>href="javascript:article.view('172077');"</c>, or
/// <c>href="javascript:" data-id="10165743"</c>) leads to its bulletins: the id(s) are taken out of
/// the link element and put into the address of the bulletin's page.
/// </summary>
/// <example>
/// The trade ministry's Korean board: <c>{ "Attribute": "href", "Pattern": "article\\.view\\('(?&lt;id&gt;\\d+)'",
/// "UrlTemplate": "/kor/article/ATCL3f49a5a8c/{id}/view" }</c>. The customs board:
/// <c>{ "UrlTemplate": "selectNttInfo.do?mi=2891&amp;bbsId=1362&amp;nttSn={@data-id}&amp;nttSnUrl={@data-url}" }</c>.
/// </example>
public sealed partial class LinkRecipe
{
    /// <summary>The attribute of the link element that <see cref="Pattern"/> reads: <c>href</c>, <c>onclick</c>, <c>data-id</c>…</summary>
    public string Attribute { get; set; } = "href";

    /// <summary>
    /// A regular expression (.NET syntax, case-insensitive) on <see cref="Attribute"/>'s value whose
    /// named groups fill the template's <c>{name}</c> places. An element it does not match is not a
    /// bulletin link. Empty: the template uses attribute values only.
    /// </summary>
    public string? Pattern
    {
        get => _pattern;
        set => (_pattern, _compiled) = (value, null);
    }

    /// <summary>
    /// The bulletin's address, absolute or relative to the listing (or its <c>&lt;base href&gt;</c>):
    /// <c>{name}</c> is the named group <c>name</c> of <see cref="Pattern"/>, <c>{@attr}</c> the value of
    /// the element's attribute <c>attr</c>. Values are URL-escaped where they are put.
    /// </summary>
    public string UrlTemplate { get; set; } = "";

    /// <summary>The placeholders of <see cref="UrlTemplate"/>: <c>{name}</c> or <c>{@attr}</c>.</summary>
    [GeneratedRegex(@"\{(@?)([A-Za-z_][A-Za-z0-9_:\-]*)\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Placeholder();

    /// <summary>Why the recipe cannot work (a message for the configuration check), or null.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(UrlTemplate))
        {
            return "UrlTemplate is empty: it is the address the recipe builds";
        }

        Regex? pattern;
        try
        {
            pattern = Compiled();
        }
        catch (ArgumentException e)
        {
            return $"Pattern '{Pattern}' is not a valid regular expression: {e.Message}";
        }

        foreach (Match place in Placeholder().Matches(UrlTemplate))
        {
            var name = place.Groups[2].Value;
            if (place.Groups[1].Value.Length == 0 && (pattern is null || Array.IndexOf(pattern.GetGroupNames(), name) < 0))
            {
                return $"UrlTemplate names {{{name}}}, which is not a named group of Pattern (write {{@{name}}} for an attribute)";
            }
        }

        var sample = Placeholder().Replace(UrlTemplate, "1");
        return Uri.TryCreate(new Uri("http://listing.example/board/"), sample, out var url) && url.Scheme is "http" or "https"
            ? null
            : $"UrlTemplate '{UrlTemplate}' does not make an http or https address";
    }

    /// <summary>
    /// The bulletin address <paramref name="link"/> leads to, resolved against <paramref name="baseUrl"/>;
    /// null when the pattern does not match or an attribute the template needs is missing or empty.
    /// </summary>
    public Uri? Build(HtmlNode link, Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(link);
        Match? match = null;
        if (Compiled() is { } pattern)
        {
            match = pattern.Match(HtmlEntity.DeEntitize(link.GetAttributeValue(Attribute, "")));
            if (!match.Success)
            {
                return null;
            }
        }

        var missing = false;
        var address = Placeholder().Replace(UrlTemplate, place =>
        {
            var name = place.Groups[2].Value;
            var value = place.Groups[1].Value.Length > 0
                ? HtmlEntity.DeEntitize(link.GetAttributeValue(name, "")).Trim()
                : match!.Groups[name].Value;
            missing |= value.Length == 0;
            return Uri.EscapeDataString(value);
        });
        return !missing && Uri.TryCreate(baseUrl, address, out var url) && url.Scheme is "http" or "https" ? url : null;
    }

    private string? _pattern;
    private Regex? _compiled;

    private Regex? Compiled() => string.IsNullOrEmpty(_pattern) ? null
        : _compiled ??= new Regex(_pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    /// <summary>The recipe as one line, for the discovery-settings fingerprint.</summary>
    public override string ToString() => string.Join('\t', Attribute, Pattern, UrlTemplate);
}
