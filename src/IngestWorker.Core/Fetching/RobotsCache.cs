using Microsoft.Extensions.Options;

namespace IngestWorker.Core.Fetching;

/// <summary>Each host's robots.txt rules, trusted for <see cref="FetchOptions.RobotsCacheDuration"/>.</summary>
public sealed class RobotsCache(TimeProvider time, IOptions<FetchOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (RobotsRules Rules, DateTimeOffset Until)> _byAuthority = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SemaphoreSlim> _readers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Held while a host's robots.txt is read, so concurrent requests read it once, not once each.</summary>
    public SemaphoreSlim ReaderOf(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        lock (_gate)
        {
            if (!_readers.TryGetValue(Key(url), out var reader))
            {
                reader = new SemaphoreSlim(1, 1);
                _readers[Key(url)] = reader;
            }

            return reader;
        }
    }

    public bool TryGet(Uri url, out RobotsRules rules)
    {
        ArgumentNullException.ThrowIfNull(url);
        lock (_gate)
        {
            if (_byAuthority.TryGetValue(Key(url), out var entry) && entry.Until > time.GetUtcNow())
            {
                rules = entry.Rules;
                return true;
            }
        }

        rules = RobotsRules.AllowAll;
        return false;
    }

    public void Set(Uri url, RobotsRules rules)
    {
        ArgumentNullException.ThrowIfNull(url);
        lock (_gate)
        {
            _byAuthority[Key(url)] = (rules, time.GetUtcNow() + options.Value.RobotsCacheDuration);
        }
    }

    // robots.txt applies per scheme, host and port (RFC 9309 section 2.3).
    private static string Key(Uri url) => url.Scheme + "://" + url.Authority;
}
