using Microsoft.Extensions.Logging;

namespace IngestWorker.Core.Notifications;

/// <summary>Events of notification delivery (5xxx: operations).</summary>
internal static partial class NotificationLog
{
    [LoggerMessage(5101, LogLevel.Debug, "Notified {Webhook} of {FigureKey} {Period} {Measure} (attempt {Attempt})", EventName = "NotificationDelivered")]
    public static partial void Delivered(ILogger logger, string webhook, string figureKey, string period, string measure, int attempt);

    [LoggerMessage(5102, LogLevel.Warning, "Notification to {Webhook} failed (attempt {Attempt} of {MaxAttempts}): {Reason}; retrying in {RetryDelay}", EventName = "NotificationRetry")]
    public static partial void Retrying(ILogger logger, string webhook, int attempt, int maxAttempts, string reason, TimeSpan retryDelay);

    [LoggerMessage(5103, LogLevel.Error, "Notification to {Webhook} of {FigureKey} {Period} {Measure} given up after {Attempts} attempts: {Reason}", EventName = "NotificationFailed")]
    public static partial void GaveUp(ILogger logger, string webhook, string figureKey, string period, string measure, int attempts, string reason);

    [LoggerMessage(5104, LogLevel.Warning, "Notification queue full: {FigureKey} {Period} {Measure} not sent (Notifications:QueueCapacity)", EventName = "NotificationDropped")]
    public static partial void Dropped(ILogger logger, string figureKey, string period, string measure);

    [LoggerMessage(5105, LogLevel.Warning, "Stopped with {Pending} notifications undelivered", EventName = "NotificationsAbandoned")]
    public static partial void Abandoned(ILogger logger, int pending);
}
