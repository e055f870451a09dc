using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IngestWorker.Core.Notifications;

/// <summary>
/// Delivers queued notifications in the background, each receiver from its own queue on its own
/// loop, so a slow or dead receiver delays only itself; a failed POST is retried with doubling
/// delays. At shutdown it is given <see cref="NotificationOptions.DrainTimeout"/> to deliver what is queued.
/// </summary>
public sealed class NotificationDispatcher(
    NotificationInbox queue,
    IHttpClientFactory clients,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<NotificationDispatcher> logger) : BackgroundService
{
    public const string ClientName = "notifications";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(options.Value.Webhooks.Select((webhook, index) => DeliverAllAsync(webhook, index, stoppingToken)));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        if (ExecuteTask is { } running)
        {
            await Task.WhenAny(running, Task.Delay(options.Value.DrainTimeout, time, cancellationToken));
        }

        await base.StopAsync(cancellationToken);
    }

    private async Task DeliverAllAsync(WebhookOptions webhook, int index, CancellationToken stoppingToken)
    {
        var reader = queue.Reader(index);
        try
        {
            // Reading is not cancelled by the stop: the queue is completed first, and what is in it still goes out.
            await foreach (var notification in reader.ReadAllAsync(CancellationToken.None))
            {
                await DeliverAsync(webhook, index, notification, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            NotificationLog.Abandoned(logger, webhook.DisplayName(index), reader.Count + 1);
        }
    }

    private async Task DeliverAsync(WebhookOptions webhook, int index, BulletinNotification notification, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var body = WebhookPayload.Body(notification, webhook.Format);
        var name = webhook.DisplayName(index);
        for (var attempt = 1; ; attempt++)
        {
            var failure = await SendAsync(webhook, body, stoppingToken);
            if (failure is null)
            {
                NotificationLog.Delivered(logger, name, notification.Figures.Count, notification.Title, attempt);
                return;
            }

            if (!failure.Value.Retry || attempt >= settings.MaxAttempts)
            {
                NotificationLog.GaveUp(logger, name, notification.Figures.Count, notification.Title, attempt, failure.Value.Reason);
                return;
            }

            var delay = settings.RetryDelay * Math.Pow(2, attempt - 1);
            NotificationLog.Retrying(logger, name, attempt, settings.MaxAttempts, failure.Value.Reason, delay);
            await Task.Delay(delay, time, stoppingToken);
        }
    }

    /// <summary>An exception's message with the causes under it ("... (Connection refused (127.0.0.1:9))"), each said once.</summary>
    internal static string Describe(Exception e)
    {
        var text = e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (!text.Contains(inner.Message, StringComparison.Ordinal))
            {
                text += $" ({inner.Message})";
            }
        }

        return text;
    }

    /// <summary>Null when delivered; else why, and whether another attempt may succeed.</summary>
    private async Task<(string Reason, bool Retry)?> SendAsync(WebhookOptions webhook, byte[] body, CancellationToken stoppingToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookPayload.EventHeader, WebhookPayload.BulletinEvent);
        if (!string.IsNullOrEmpty(webhook.Secret))
        {
            request.Headers.TryAddWithoutValidation(WebhookPayload.SignatureHeader, WebhookPayload.Signature(webhook.Secret, body));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return null;
            }

            var status = (int)response.StatusCode;
            var retry = status >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;
            return ($"HTTP {status} {response.ReasonPhrase}", retry);
        }
        catch (HttpRequestException e)
        {
            return (Describe(e), true);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return ($"no answer within {options.Value.Timeout}", true);
        }
    }
}
