using Microsoft.Extensions.Options;

namespace IngestWorker.Core.Fetching;

/// <summary>
/// At most one request per interval to each host, whichever source asks: every request reserves
/// the host's next free slot and waits for it. One instance per process, so sources that share a
/// host share its budget.
/// </summary>
public sealed class HostThrottle(TimeProvider time, IOptions<FetchOptions> options)
{
    // A robots.txt Crawl-delay above this is treated as this: a year-long poll must still progress.
    private static readonly TimeSpan LongestCrawlDelay = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _nextSlot = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, TimeSpan> _crawlDelay = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits until <paramref name="url"/>'s host may be asked again, and takes that turn.</summary>
    public Task WaitTurnAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        TimeSpan wait;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var slot = _nextSlot.TryGetValue(url.Authority, out var next) && next > now ? next : now;
            _nextSlot[url.Authority] = slot + IntervalOf(url.Authority);
            wait = slot - now;
        }

        return wait > TimeSpan.Zero ? Task.Delay(wait, time, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>A host's robots.txt may ask for more time between requests than configured.</summary>
    public void SetCrawlDelay(Uri url, TimeSpan? delay)
    {
        ArgumentNullException.ThrowIfNull(url);
        lock (_gate)
        {
            if (delay is { } asked && asked > TimeSpan.Zero)
            {
                _crawlDelay[url.Authority] = asked < LongestCrawlDelay ? asked : LongestCrawlDelay;
            }
            else
            {
                _crawlDelay.Remove(url.Authority);
            }
        }
    }

    private TimeSpan IntervalOf(string authority)
    {
        var configured = options.Value.HostInterval;
        return _crawlDelay.TryGetValue(authority, out var asked) && asked > configured ? asked : configured;
    }
}
