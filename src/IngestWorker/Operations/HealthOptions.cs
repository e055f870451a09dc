namespace IngestWorker.Operations;

/// <summary>The <c>Health</c> section: when the service counts as unhealthy, and the optional HTTP endpoint.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>
    /// A failing source makes the service unhealthy once it has not succeeded for this long (a failed
    /// run only makes it degraded): restarts and sources polled rarely do not count, time does.
    /// </summary>
    public TimeSpan UnhealthyAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Port of <c>GET http://127.0.0.1:PORT/health</c>; 0 (the default) means no endpoint.</summary>
    public int HttpPort { get; set; }
}
