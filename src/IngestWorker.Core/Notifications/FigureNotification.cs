using IngestWorker.Core.Storage;

namespace IngestWorker.Core.Notifications;

/// <summary>A new or revised figure on its way to the receivers that want it, within its bulletin's digest.</summary>
public sealed record FigureNotification(string Kind, FigureVersion Figure, FigureVersion? Previous)
{
    public const string NewKind = "new";
    public const string RevisedKind = "revised";

    public bool Wanted(WebhookOptions webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        return (Kind == NewKind ? webhook.New : webhook.Revised)
            && Is(webhook.Reporter, Figure.Reporter) && Is(webhook.Flow, Figure.Flow) && Is(webhook.Product, Figure.Product)
            && Is(webhook.Partner, Figure.Partner) && Is(webhook.Measure, Figure.Measure) && Is(webhook.Source, Figure.SourceId);
    }

    private static bool Is(string? wanted, string actual) =>
        string.IsNullOrEmpty(wanted) || string.Equals(wanted, actual, StringComparison.OrdinalIgnoreCase);
}
