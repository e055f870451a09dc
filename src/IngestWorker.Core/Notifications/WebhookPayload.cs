using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IngestWorker.Core.Ingestion;
using IngestWorker.Core.Storage;

namespace IngestWorker.Core.Notifications;

/// <summary>The body of a notification in the receiver's format, and its signature.</summary>
public static class WebhookPayload
{
    public const string SignatureHeader = "X-IngestWorker-Signature";
    public const string EventHeader = "X-IngestWorker-Event";

    /// <summary>The event of every message: one bulletin's new and revised figures.</summary>
    public const string BulletinEvent = "bulletin.figures";

    /// <summary>One line a person reads: <c>New figure KR exports total/world 2025-11 value 61.04 bn USD</c>.</summary>
    public static string Text(FigureNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var f = notification.Figure;
        var line = $"{FigureText.Key(f)} {f.Period} {f.Measure} {FigureText.Value(f)}";
        return notification.Previous is { } previous
            ? $"Revised figure {line} (was {FigureText.Value(previous)}, version {f.Version})"
            : $"New figure {line}";
    }

    /// <summary>The digest a person reads: the bulletin (title, source, URL) on the first line, then one line per figure.</summary>
    public static string Text(BulletinNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var revised = notification.Figures.Count(f => f.Previous is not null);
        var counts = revised == 0 ? $"{notification.Figures.Count} new figures"
            : revised == notification.Figures.Count ? $"{revised} revised figures"
            : $"{notification.Figures.Count - revised} new and {revised} revised figures";
        return $"{counts} from {notification.SourceId}: {notification.Title} {notification.DocumentUrl}"
            + string.Concat(notification.Figures.Select(f => "\n" + Text(f)));
    }

    public static byte[] Body(BulletinNotification notification, string format)
    {
        ArgumentNullException.ThrowIfNull(notification);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("text", Text(notification));
            if (format != WebhookOptions.ChatFormat)
            {
                json.WriteString("event", BulletinEvent);
                json.WriteString("title", notification.Title);
                json.WriteString("document_url", notification.DocumentUrl);
                json.WriteString("source", notification.SourceId);
                json.WriteStartArray("figures");
                foreach (var figure in notification.Figures)
                {
                    json.WriteStartObject();
                    json.WriteString("event", "figure." + figure.Kind);
                    json.WriteString("text", Text(figure));
                    json.WritePropertyName("figure");
                    Write(json, figure.Figure);
                    if (figure.Previous is { } previous)
                    {
                        json.WritePropertyName("previous");
                        Write(json, previous);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of the body, as GitHub-style receivers check it.</summary>
    public static string Signature(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static void Write(Utf8JsonWriter json, FigureVersion f)
    {
        json.WriteStartObject();
        json.WriteString("reporter", f.Reporter);
        json.WriteString("flow", f.Flow);
        json.WriteString("product", f.Product);
        json.WriteString("partner", f.Partner);
        json.WriteString("period", f.Period);
        json.WriteString("measure", f.Measure);
        json.WriteString("basis", f.Basis);
        json.WriteString("adjustment", f.Adjustment);
        json.WriteNumber("value", f.Value);
        json.WriteString("unit", f.Unit);
        json.WriteString("display", FigureText.Value(f));
        json.WriteNumber("version", f.Version);
        json.WriteString("reason", f.Reason);
        json.WriteString("recorded_at", f.RecordedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        json.WriteString("source", f.SourceId);
        json.WriteString("document_url", f.DocumentUrl);
        json.WriteString("evidence", f.Evidence);
        json.WriteEndObject();
    }
}
