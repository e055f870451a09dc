using System.Text.RegularExpressions;
using IngestWorker.Core.Fetching;

namespace IngestWorker.Core.Sources;

/// <summary>
/// Which links of a listing or feed a source follows: http(s) only, on its own host or under its
/// allowed prefixes, never towards a private address its configuration does not name, no
/// attachments, and only those its keywords and pattern select.
/// </summary>
internal static class LinkPolicy
{
    // Boards attach the release as files too; these are never bulletins we can read, so no request is spent on them.
    private static readonly string[] Attachments = [".pdf", ".hwp", ".hwpx", ".doc", ".docx", ".xls", ".xlsx", ".zip", ".jpg", ".jpeg", ".png", ".gif"];

    /// <summary>Why <paramref name="url"/> is not followed from <paramref name="source"/>, or null when it is.</summary>
    /// <param name="attachment">The link is an attachment of a bulletin page (<paramref name="start"/>), not a bulletin: files are followed.</param>
    public static string? Refusal(SourceDefinition source, Uri start, string url, bool attachment = false)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
        {
            return "not an http or https URL";
        }

        if (Targets.IsPrivate(target) && !Reach.Of(source).Names(target.DnsSafeHost))
        {
            return "a private address its configuration does not name";
        }

        if (!attachment && Array.Exists(Attachments, a => target.AbsolutePath.EndsWith(a, StringComparison.OrdinalIgnoreCase)))
        {
            return "an attachment";
        }

        var sameHost = string.Equals(target.Host, start.Host, StringComparison.OrdinalIgnoreCase)
            && (target.Port == start.Port || (target.IsDefaultPort && start.IsDefaultPort));
        return sameHost || source.AllowedPrefixes.Exists(p => target.AbsoluteUri.StartsWith(p, StringComparison.OrdinalIgnoreCase))
            ? null
            : "another host, not among AllowedPrefixes";
    }

    /// <summary>
    /// Which setting leaves the link out, or null when its title or URL passes them: <c>Keywords</c>
    /// (it contains none of them) is named before <c>LinkPattern</c> (it does not match).
    /// </summary>
    public static string? Unselected(SourceDefinition source, Candidate candidate)
    {
        var title = candidate.Title ?? "";
        if (source.Keywords.Count > 0 && !source.Keywords.Exists(k =>
            title.Contains(k, StringComparison.OrdinalIgnoreCase) || candidate.Url.Contains(k, StringComparison.OrdinalIgnoreCase)))
        {
            return nameof(SourceDefinition.Keywords);
        }

        return string.IsNullOrEmpty(source.LinkPattern) || Matches(source.LinkPattern, title) || Matches(source.LinkPattern, candidate.Url)
            ? null
            : nameof(SourceDefinition.LinkPattern);
    }

    private static bool Matches(string pattern, string text) =>
        Regex.IsMatch(text, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
}
