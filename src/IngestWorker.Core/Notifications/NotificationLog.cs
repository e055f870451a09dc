using Microsoft.Extensions.Logging;

namespace IngestWorker.Core.Notifications;

/// <summary>Events of notification delivery (5xxx: operations).</summary>
internal static partial class NotificationLog
{
    [LoggerMessage(5101, LogLevel.Debug, "Notified {Webhook} of {Figures} figures of \"{Title}\" (attempt {Attempt})", EventName = "NotificationDelivered")]
    public static partial void Delivered(ILogger logger, string webhook, int figures, string title, int attempt);

    [LoggerMessage(5102, LogLevel.Warning, "Notification to {Webhook} failed (attempt {Attempt} of {MaxAttempts}): {Reason}; retrying in {RetryDelay}", EventName = "NotificationRetry")]
    public static partial void Retrying(ILogger logger, string webhook, int attempt, int maxAttempts, string reason, TimeSpan retryDelay);

    [LoggerMessage(5103, LogLevel.Error, "Notification to {Webhook} of {Figures} figures of \"{Title}\" given up after {Attempts} attempts: {Reason}", EventName = "NotificationFailed")]
    public static partial void GaveUp(ILogger logger, string webhook, int figures, string title, int attempts, string reason);

    [LoggerMessage(5104, LogLevel.Warning, "Notification queue of {Webhook} full: {Figures} figures of \"{Title}\" not sent (Notifications:QueueCapacity)", EventName = "NotificationDropped")]
    public static partial void Dropped(ILogger logger, string webhook, string title, int figures);

    [LoggerMessage(5105, LogLevel.Warning, "Stopped with {Pending} notifications to {Webhook} undelivered", EventName = "NotificationsAbandoned")]
    public static partial void Abandoned(ILogger logger, string webhook, int pending);
}
