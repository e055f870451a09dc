namespace IngestWorker.Operations;

/// <summary>The <c>Health</c> section: when the service counts as unhealthy, and the optional HTTP endpoint.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>A source that failed this many runs in a row makes the service unhealthy.</summary>
    public int MaxConsecutiveFailures { get; set; } = 3;

    /// <summary>Port of <c>GET http://127.0.0.1:PORT/health</c>; 0 (the default) means no endpoint.</summary>
    public int HttpPort { get; set; }
}
