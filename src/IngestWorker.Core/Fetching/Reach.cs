using IngestWorker.Core.Sources;

namespace IngestWorker.Core.Fetching;

/// <summary>
/// The private hosts one source's requests may reach: those its configuration names (its URL, its
/// page template, its allowed prefixes). Every other private address is refused, whether a listing,
/// a redirect or a DNS answer leads there. Travels with each request, so the connect step can judge
/// the addresses a name resolves to.
/// </summary>
public sealed class Reach
{
    public static readonly HttpRequestOptionsKey<Reach> Key = new("IngestWorker.Reach");

    /// <summary>No private host at all: what content found on the web gets.</summary>
    public static readonly Reach PublicOnly = new([]);

    private readonly HashSet<string> _hosts;

    private Reach(IEnumerable<string> hosts) => _hosts = new HashSet<string>(hosts, StringComparer.OrdinalIgnoreCase);

    /// <summary>The hosts of the URLs a source's configuration names.</summary>
    public static Reach Of(SourceDefinition source)
    {
        ArgumentNullException.ThrowIfNull(source);
        IEnumerable<string?> named = [source.Url, source.PageUrlTemplate?.Replace("{page}", "1", StringComparison.Ordinal), .. source.AllowedPrefixes];
        return new Reach(named.Select(u => Uri.TryCreate(u, UriKind.Absolute, out var url) ? url.DnsSafeHost : null).OfType<string>());
    }

    /// <summary>Only the host of <paramref name="url"/>, as for a source configured with that URL alone.</summary>
    public static Reach Of(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new Reach([url.DnsSafeHost]);
    }

    /// <summary>Whether the configuration names <paramref name="host"/> (as written in a URL, or as the connect step sees it).</summary>
    public bool Names(string host) => _hosts.Contains(host.Trim('[', ']'));

    /// <summary>Why <paramref name="target"/> is refused before any request, or null: a private literal or localhost not named.</summary>
    public string? Refusal(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Targets.IsPrivate(target) && !Names(target.DnsSafeHost) ? $"{target.Authority} is a private address the source's configuration does not name" : null;
    }
}
