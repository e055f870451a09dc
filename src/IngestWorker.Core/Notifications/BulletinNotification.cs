namespace IngestWorker.Core.Notifications;

/// <summary>
/// One bulletin's new and revised figures that one receiver wants: a receiver gets one message per
/// bulletin (a digest), not one per figure.
/// </summary>
public sealed record BulletinNotification(string Title, string DocumentUrl, string SourceId, IReadOnlyList<FigureNotification> Figures);
