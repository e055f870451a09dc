namespace IngestWorker.Core.Notifications;

/// <summary>The <c>Notifications</c> section: who is told of new and revised figures, and how hard we try.</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>Where to POST; none by default.</summary>
    public List<WebhookOptions> Webhooks { get; set; } = [];

    /// <summary>Bulletins waiting for delivery to one receiver; past this, new ones are dropped (and logged) rather than slowing ingestion.</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Attempts per delivery, the first included.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before the second attempt; it doubles for each further attempt.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Per request.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>At shutdown, how long queued deliveries may still take.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>One receiver and the figures it wants; an unset filter field matches everything.</summary>
public sealed class WebhookOptions
{
    public const string JsonFormat = "json";
    public const string ChatFormat = "chat";

    /// <summary>Names the receiver in the log; defaults to its place in the list and the URL's host (never its path, which may be the secret).</summary>
    public string? Name { get; set; }

    public string Url { get; set; } = "";

    /// <summary><c>json</c> (the figure's fields) or <c>chat</c> (<c>{"text": …}</c>, accepted by Slack, Teams and Mattermost incoming webhooks).</summary>
    public string Format { get; set; } = JsonFormat;

    /// <summary>When set, each request carries <c>X-IngestWorker-Signature: sha256=HEX</c>, the HMAC-SHA256 of the body with this key.</summary>
    public string? Secret { get; set; }

    public bool New { get; set; } = true;
    public bool Revised { get; set; } = true;
    public string? Reporter { get; set; }
    public string? Flow { get; set; }
    public string? Product { get; set; }
    public string? Partner { get; set; }
    public string? Measure { get; set; }
    public string? Source { get; set; }

    /// <param name="index">The receiver's place in <c>Notifications:Webhooks</c>.</param>
    public string DisplayName(int index) =>
        Name ?? $"webhook {index} ({(Uri.TryCreate(Url, UriKind.Absolute, out var url) ? url.Authority : "?")})";
}
