using System.Globalization;
using System.Text;

namespace IngestWorker.Core.Fetching;

/// <summary>
/// The rules of one robots.txt (RFC 9309) for one product token: the group naming the token, else
/// the <c>*</c> group. The longest matching pattern (in octets, as percent-encoded) decides; on a
/// tie Allow wins; <c>*</c> and a final <c>$</c> are understood. Rules and the URL's path are
/// compared in one percent-encoded form (RFC 9309 section 2.2.2): non-ASCII characters as their
/// UTF-8 octets percent-encoded, percent-encodings with upper-case hex, and percent-encoded
/// unreserved characters (RFC 3986: letters, digits, <c>-._~</c>) decoded; other encoded octets,
/// such as <c>%2F</c>, stay encoded, so <c>Disallow: /보도자료/</c> and
/// <c>Disallow: /%eb%b3%b4%eb%8f%84%ec%9e%90%eb%a3%8c/</c> both refuse
/// <c>/%EB%B3%B4%EB%8F%84%EC%9E%90%EB%A3%8C/1</c>.
/// </summary>
public sealed class RobotsRules
{
    public static readonly RobotsRules AllowAll = new([], crawlDelay: null);

    private readonly List<(string Pattern, bool Allow)> _rules;

    private RobotsRules(List<(string Pattern, bool Allow)> rules, TimeSpan? crawlDelay)
    {
        _rules = rules;
        CrawlDelay = crawlDelay;
    }

    /// <summary>The non-standard but common Crawl-delay of the chosen group, if any.</summary>
    public TimeSpan? CrawlDelay { get; }

    public static RobotsRules Parse(string text, string productToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var mine = new Group();
        var everyone = new Group();
        var agents = new List<string>();
        var inRules = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#', 2)[0].Trim();
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (key is "user-agent")
            {
                // A user-agent line after rules starts a new group; consecutive ones share a group.
                if (inRules)
                {
                    agents.Clear();
                    inRules = false;
                }

                agents.Add(value);
                continue;
            }

            if (key is not ("allow" or "disallow" or "crawl-delay") || agents.Count == 0)
            {
                continue;
            }

            inRules = true;
            var target = agents.Exists(a => a.Equals(productToken, StringComparison.OrdinalIgnoreCase)) ? mine
                : agents.Contains("*") ? everyone
                : null;
            if (target is null)
            {
                continue;
            }

            target.Seen = true;
            if (key is "crawl-delay")
            {
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 86_400)
                {
                    target.CrawlDelay = TimeSpan.FromSeconds(seconds);
                }
            }
            else if (value.Length > 0)
            {
                // An empty Disallow allows everything, which is what no rule does too.
                target.Rules.Add((Normalize(value), key is "allow"));
            }
        }

        var chosen = mine.Seen ? mine : everyone;
        return new RobotsRules(chosen.Rules, chosen.CrawlDelay);
    }

    /// <summary>Whether the path and query of <paramref name="url"/> may be fetched (robots.txt itself always may).</summary>
    public bool Allows(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var path = Normalize(url.PathAndQuery);
        var best = -1;
        var allowed = true;
        foreach (var (pattern, allow) in _rules)
        {
            if (Matches(pattern, path) && (pattern.Length > best || (pattern.Length == best && allow)))
            {
                best = pattern.Length;
                allowed = allow;
            }
        }

        return allowed || path == "/robots.txt";
    }

    /// <summary>Prefix match with <c>*</c> for any run of characters and <c>$</c> for the end.</summary>
    internal static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        var body = anchored ? pattern[..^1] : pattern;
        var parts = body.Split('*');
        if (!path.StartsWith(parts[0], StringComparison.Ordinal))
        {
            return false;
        }

        var position = parts[0].Length;
        for (var i = 1; i < parts.Length; i++)
        {
            // With a '$' the last part must sit at the very end, so look for it there first.
            var at = anchored && i == parts.Length - 1
                ? (path.EndsWith(parts[i], StringComparison.Ordinal) && path.Length - parts[i].Length >= position ? path.Length - parts[i].Length : -1)
                : path.IndexOf(parts[i], position, StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }

            position = at + parts[i].Length;
        }

        return !anchored || position == path.Length;
    }

    /// <summary>
    /// The form in which RFC 9309 section 2.2.2 compares paths: each non-ASCII character as its
    /// UTF-8 octets percent-encoded, every percent-encoding in upper-case hex, and a percent-encoded
    /// unreserved character (RFC 3986 section 2.3) as itself. A '%' not followed by two hex digits
    /// is kept as it is. Pure: the same string always gives the same form, and the form of a form is itself.
    /// </summary>
    internal static string Normalize(string path)
    {
        var normal = new StringBuilder(path.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '%' && i + 2 < path.Length && char.IsAsciiHexDigit(path[i + 1]) && char.IsAsciiHexDigit(path[i + 2]))
            {
                var octet = (char)byte.Parse(path.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                if (char.IsAsciiLetterOrDigit(octet) || octet is '-' or '.' or '_' or '~')
                {
                    normal.Append(octet);
                }
                else
                {
                    normal.Append('%').Append(char.ToUpperInvariant(path[i + 1])).Append(char.ToUpperInvariant(path[i + 2]));
                }

                i += 2;
            }
            else if (char.IsAscii(c))
            {
                normal.Append(c);
            }
            else
            {
                // A lone surrogate becomes U+FFFD, as any UTF-8 encoder makes it.
                var rune = Rune.TryGetRuneAt(path, i, out var r) ? r : Rune.ReplacementChar;
                var length = rune.EncodeToUtf8(utf8);
                foreach (var octet in utf8[..length])
                {
                    normal.Append('%').Append(octet.ToString("X2", CultureInfo.InvariantCulture));
                }

                i += rune.Utf16SequenceLength - 1;
            }
        }

        return normal.ToString();
    }

    private sealed class Group
    {
        public bool Seen { get; set; }
        public List<(string, bool)> Rules { get; } = [];
        public TimeSpan? CrawlDelay { get; set; }
    }
}
