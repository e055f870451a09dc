using System.Threading.Channels;
using IngestWorker.Core.Ingestion;
using IngestWorker.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IngestWorker.Core.Notifications;

/// <summary>
/// Hands each new or revised figure that some webhook wants to the dispatcher through a bounded
/// channel. Never waits: when the queue is full the figure is dropped and logged, so a dead
/// receiver can never hold up ingestion.
/// </summary>
public sealed class NotificationInbox : IFigureObserver
{
    private readonly IOptions<NotificationOptions> _options;
    private readonly Lazy<Channel<FigureNotification>> _channel;
    private readonly ILogger<NotificationInbox> _logger;

    /// <remarks>Options are read at first use, after the host has validated them.</remarks>
    public NotificationInbox(IOptions<NotificationOptions> options, ILogger<NotificationInbox> logger)
    {
        _options = options;
        _logger = logger;
        _channel = new(() => Channel.CreateBounded<FigureNotification>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: refuse, so the drop is counted and logged
            SingleReader = true,
        }));
    }

    public ChannelReader<FigureNotification> Reader => _channel.Value.Reader;

    public void Recorded(StoredDocument document, RecordOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(outcome);
        if (_options.Value.Webhooks.Count == 0)
        {
            return;
        }

        var title = document.Title ?? document.Url;
        foreach (var figure in outcome.New)
        {
            Offer(new FigureNotification(FigureNotification.NewKind, figure, null, title));
        }

        foreach (var revision in outcome.Revised.Where(r => r.Current.Reason == VersionReason.Revised))
        {
            Offer(new FigureNotification(FigureNotification.RevisedKind, revision.Current, revision.Previous, title));
        }
    }

    /// <summary>No more figures: the dispatcher delivers what is queued and ends.</summary>
    public void Complete() => _channel.Value.Writer.TryComplete();

    private void Offer(FigureNotification notification)
    {
        if (!_options.Value.Webhooks.Exists(notification.Wanted))
        {
            return;
        }

        if (!_channel.Value.Writer.TryWrite(notification))
        {
            NotificationLog.Dropped(_logger, FigureText.Key(notification.Figure), notification.Figure.Period, notification.Figure.Measure);
        }
    }
}
