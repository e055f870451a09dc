using Microsoft.Extensions.Logging;

namespace IngestWorker.Core.Ingestion;

/// <summary>
/// The events people and machines read. Ids by stage: 1xxx fetch, 2xxx extraction, 3xxx store,
/// 4xxx scheduling and runs.
/// </summary>
internal static partial class IngestionLog
{
    [LoggerMessage(1001, LogLevel.Warning, "Fetch of {Url} for source {Source} failed: {Reason}", EventName = "DocumentFailed")]
    public static partial void DocumentFailed(ILogger logger, string source, string url, string reason);

    [LoggerMessage(1007, LogLevel.Warning, "Page {Url} of source {Source} is not a bulletin: {Reason}", EventName = "PageNotABulletin")]
    public static partial void PageNotABulletin(ILogger logger, string source, string url, string reason);

    [LoggerMessage(1006, LogLevel.Information, "Not fetching {Url} for source {Source}: {Reason}", EventName = "DocumentRefusedByRobots")]
    public static partial void DocumentRefusedByRobots(ILogger logger, string source, string url, string reason);

    [LoggerMessage(1002, LogLevel.Debug, "Unchanged {Url} from {Source}", EventName = "DocumentUnchanged")]
    public static partial void DocumentUnchanged(ILogger logger, string source, string url);

    [LoggerMessage(1003, LogLevel.Warning, "Source {Source} failed ({ConsecutiveFailures} in a row): {Reason}", EventName = "SourceFailed")]
    public static partial void SourceFailed(ILogger logger, string source, int consecutiveFailures, string reason);

    [LoggerMessage(1004, LogLevel.Warning, "Source {Source} failed ({ConsecutiveFailures} in a row): {Reason}; next attempt {NextAttempt}", EventName = "SourceFailedUntil")]
    public static partial void SourceFailedUntil(ILogger logger, string source, int consecutiveFailures, string reason, string nextAttempt);

    [LoggerMessage(1005, LogLevel.Information, "Source {Source} recovered after {FailedRuns} failed runs (last error: {Reason})", EventName = "SourceRecovered")]
    public static partial void SourceRecovered(ILogger logger, string source, int failedRuns, string reason);

    [LoggerMessage(2001, LogLevel.Warning, "Extraction of {Url} from {Source} failed: {Reason}", EventName = "ExtractionFailed")]
    public static partial void ExtractionFailed(ILogger logger, string source, string url, string reason);

    [LoggerMessage(2002, LogLevel.Debug, "Read {FigureCount} figures from {Url} (published {Published})", EventName = "DocumentExtracted")]
    public static partial void DocumentExtracted(ILogger logger, int figureCount, string url, string published);

    [LoggerMessage(3001, LogLevel.Information, "New figure {FigureKey} {Period} {Measure} {Value}{Change} from {Source}: \"{Title}\"", EventName = "NewFigure")]
    public static partial void NewFigure(ILogger logger, string figureKey, string period, string measure, string value, string change, string source, string title);

    [LoggerMessage(3002, LogLevel.Information, "Revised figure {FigureKey} {Period} {Measure} {Value} (was {PreviousValue}, version {Version}) from {Source}: \"{Title}\"", EventName = "RevisedFigure")]
    public static partial void RevisedFigure(ILogger logger, string figureKey, string period, string measure, string value, string previousValue, int version, string source, string title);

    [LoggerMessage(3003, LogLevel.Information, "Re-extracted figure {FigureKey} {Period} {Measure} {Value} (was {PreviousValue}, version {Version}) from {Source}: \"{Title}\"", EventName = "ReExtractedFigure")]
    public static partial void ReExtractedFigure(ILogger logger, string figureKey, string period, string measure, string value, string previousValue, int version, string source, string title);

    [LoggerMessage(3004, LogLevel.Warning, "Sources disagree on {FigureKey} {Period} {Measure}: {Value} from {Source}, {OtherValue} from {OtherSource}", EventName = "FigureConflict")]
    public static partial void FigureConflict(ILogger logger, string figureKey, string period, string measure, string value, string source, string otherValue, string otherSource);

    [LoggerMessage(4002, LogLevel.Information, "Reprocessed {Documents} documents with extractor {ExtractorVersion}: figures {NewFigures} new, {ChangedFigures} changed, {UnchangedFigures} unchanged", EventName = "Reprocessed")]
    public static partial void Reprocessed(ILogger logger, int documents, string extractorVersion, int newFigures, int changedFigures, int unchangedFigures);

    [LoggerMessage(4003, LogLevel.Warning, "Source {Source} run cut short by shutdown after {Documents} documents ({NewDocuments} new; figures {NewFigures} new, {RevisedFigures} revised); the rest is read on its next run", EventName = "SourceRunCutShort")]
    public static partial void SourceRunCutShort(ILogger logger, string source, int documents, int newDocuments, int newFigures, int revisedFigures);

    [LoggerMessage(4001, LogLevel.Information, "Source {Source} run: {Documents} documents, {NewDocuments} new, {UnchangedDocuments} unchanged, {FailedDocuments} failed; figures {NewFigures} new, {RevisedFigures} revised; {ElapsedMs} ms", EventName = "SourceRun")]
    public static partial void SourceRun(ILogger logger, string source, int documents, int newDocuments, int unchangedDocuments, int failedDocuments, int newFigures, int revisedFigures, long elapsedMs);
}
