using System.Threading.Channels;
using IngestWorker.Core.Ingestion;
using IngestWorker.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IngestWorker.Core.Notifications;

/// <summary>
/// Hands each bulletin's new and revised figures to the receivers that want some of them: one
/// bounded queue per receiver, one message (a digest) per bulletin. Never waits: when a receiver's
/// queue is full the digest is dropped and logged, so a dead receiver holds up neither ingestion
/// nor the other receivers.
/// </summary>
public sealed class NotificationInbox : IFigureObserver
{
    private readonly IOptions<NotificationOptions> _options;
    private readonly Lazy<Channel<BulletinNotification>[]> _queues;
    private readonly ILogger<NotificationInbox> _logger;
    private volatile bool _suppressed;

    /// <remarks>Options are read at first use, after the host has validated them.</remarks>
    public NotificationInbox(IOptions<NotificationOptions> options, ILogger<NotificationInbox> logger)
    {
        _options = options;
        _logger = logger;
        _queues = new(() => [.. options.Value.Webhooks.Select(_ => Channel.CreateBounded<BulletinNotification>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: refuse, so the drop is counted and logged
            SingleReader = true,
        }))]);
    }

    /// <summary>The queue of the receiver at <paramref name="index"/> in <c>Notifications:Webhooks</c>.</summary>
    public ChannelReader<BulletinNotification> Reader(int index) => _queues.Value[index].Reader;

    /// <summary>Digests waiting in every queue.</summary>
    public int Pending => _queues.Value.Sum(q => q.Reader.Count);

    /// <summary>Nothing recorded from now on is notified (<c>--no-notify</c>: a backfill is not news).</summary>
    public void Suppress() => _suppressed = true;

    public void Recorded(StoredDocument document, RecordOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(outcome);
        var webhooks = _options.Value.Webhooks;
        if (webhooks.Count == 0 || _suppressed)
        {
            return;
        }

        List<FigureNotification> figures =
        [
            .. outcome.New.Select(f => new FigureNotification(FigureNotification.NewKind, f, null)),
            .. outcome.Revised.Where(r => r.Current.Reason == VersionReason.Revised).Select(r => new FigureNotification(FigureNotification.RevisedKind, r.Current, r.Previous)),
        ];
        var title = document.Title ?? document.Url;
        for (var i = 0; i < webhooks.Count; i++)
        {
            var wanted = figures.FindAll(f => f.Wanted(webhooks[i]));
            if (wanted.Count > 0 && !_queues.Value[i].Writer.TryWrite(new BulletinNotification(title, document.Url, document.SourceId, wanted)))
            {
                NotificationLog.Dropped(_logger, webhooks[i].DisplayName(i), title, wanted.Count);
            }
        }
    }

    /// <summary>No more bulletins: the dispatcher delivers what is queued and ends.</summary>
    public void Complete()
    {
        foreach (var queue in _queues.Value)
        {
            queue.Writer.TryComplete();
        }
    }
}
