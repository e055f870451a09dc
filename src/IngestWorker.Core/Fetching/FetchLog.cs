using Microsoft.Extensions.Logging;

namespace IngestWorker.Core.Fetching;

/// <summary>
/// Fetch-stage events (11xx; 1001-1003 are the pipeline's). Debug and Information only: a
/// failing source is reported once per run by the pipeline, not once per retry.
/// </summary>
internal static partial class FetchLog
{
    [LoggerMessage(1101, LogLevel.Debug, "Retrying GET {Url} in {DelayMs} ms (retry {Retry}) after {Reason}", EventName = "FetchRetry")]
    public static partial void Retrying(ILogger logger, string url, long delayMs, int retry, string reason);

    [LoggerMessage(1102, LogLevel.Information, "Skipped {Url}: {Reason}", EventName = "DocumentSkipped")]
    public static partial void Skipped(ILogger logger, string url, string reason);

    [LoggerMessage(1103, LogLevel.Debug, "Read robots.txt of {Host}: {Status}", EventName = "RobotsRead")]
    public static partial void RobotsRead(ILogger logger, string host, string status);

    [LoggerMessage(1104, LogLevel.Debug, "Listing {Url} of {Source} unchanged; re-checking {Revisits} of {Known} known bulletins", EventName = "ListingUnchanged")]
    public static partial void ListingUnchanged(ILogger logger, string source, string url, int revisits, int known);

    [LoggerMessage(1105, LogLevel.Debug, "Not following {Url} from {Source}: {Reason}", EventName = "LinkRefused")]
    public static partial void LinkRefused(ILogger logger, string source, string url, string reason);

    [LoggerMessage(1106, LogLevel.Information, "{Source} lists {Worth} bulletins to fetch; fetching {Taken} this run (Fetching:MaxDocumentsPerRun), the rest on the next runs, newest first", EventName = "RunCapped")]
    public static partial void RunCapped(ILogger logger, string source, int worth, int taken);

    [LoggerMessage(1160, LogLevel.Information, "Page {Url} of {Source} has no text; its feed item's description is read as the bulletin (ItemText: page)", EventName = "PageEmptyUsingDescription")]
    public static partial void PageEmptyUsingDescription(ILogger logger, string source, string url);
}
