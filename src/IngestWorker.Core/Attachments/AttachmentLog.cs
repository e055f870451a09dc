using Microsoft.Extensions.Logging;

namespace IngestWorker.Core.Attachments;

/// <summary>Attachment events (1170-1179, with the fetch stage's).</summary>
internal static partial class AttachmentLog
{
    [LoggerMessage(1170, LogLevel.Warning, "Attachment {Url} of {PageUrl} from {Source} not read: " + AttachmentReader.BinaryHwpUnsupported, EventName = "BinaryHwpUnsupported")]
    public static partial void BinaryHwp(ILogger logger, string source, string url, string pageUrl);

    [LoggerMessage(1171, LogLevel.Warning, "Attachment {Url} of {PageUrl} from {Source} not read: {Reason}", EventName = "AttachmentUnsupported")]
    public static partial void Unsupported(ILogger logger, string source, string url, string pageUrl, string reason);

    [LoggerMessage(1172, LogLevel.Warning, "Attachment {Url} of {PageUrl} from {Source} refused: {Reason}", EventName = "AttachmentRefused")]
    public static partial void Refused(ILogger logger, string source, string url, string pageUrl, string reason);

    [LoggerMessage(1173, LogLevel.Information, "{PageUrl} from {Source} links {Found} attachments; following the first {Taken} (Fetching:MaxAttachmentsPerPage)", EventName = "AttachmentsCapped")]
    public static partial void Capped(ILogger logger, string source, string pageUrl, int found, int taken);

    [LoggerMessage(1174, LogLevel.Debug, "Read attachment {Url} of {PageUrl} ({Bytes} bytes) as {Characters} characters of HTML", EventName = "AttachmentRead")]
    public static partial void Read(ILogger logger, string url, string pageUrl, int bytes, int characters);

    [LoggerMessage(1175, LogLevel.Debug, "Not following attachment {Url} of {PageUrl} from {Source}: {Reason}", EventName = "AttachmentLinkRefused")]
    public static partial void LinkRefused(ILogger logger, string source, string url, string pageUrl, string reason);
}
