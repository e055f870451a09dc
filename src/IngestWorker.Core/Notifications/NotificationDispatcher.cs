using System.Net;
using System.Net.Http.Headers;
using IngestWorker.Core.Ingestion;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IngestWorker.Core.Notifications;

/// <summary>
/// Delivers queued notifications in the background, one receiver at a time, retrying a failed
/// POST with doubling delays. At shutdown it is given <see cref="NotificationOptions.DrainTimeout"/>
/// to deliver what is queued.
/// </summary>
public sealed class NotificationDispatcher(
    NotificationInbox queue,
    IHttpClientFactory clients,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<NotificationDispatcher> logger) : BackgroundService
{
    public const string ClientName = "notifications";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Reading is not cancelled by the stop: the queue is completed first, and what is in it still goes out.
            await foreach (var notification in queue.Reader.ReadAllAsync(CancellationToken.None))
            {
                foreach (var webhook in options.Value.Webhooks.Where(notification.Wanted))
                {
                    await DeliverAsync(webhook, notification, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            NotificationLog.Abandoned(logger, queue.Reader.Count + 1);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        if (ExecuteTask is { } running)
        {
            await Task.WhenAny(running, Task.Delay(options.Value.DrainTimeout, time, cancellationToken));
        }

        await base.StopAsync(cancellationToken);
    }

    private async Task DeliverAsync(WebhookOptions webhook, FigureNotification notification, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var body = WebhookPayload.Body(notification, webhook.Format);
        var figure = notification.Figure;
        for (var attempt = 1; ; attempt++)
        {
            var failure = await SendAsync(webhook, notification.Kind, body, stoppingToken);
            if (failure is null)
            {
                NotificationLog.Delivered(logger, webhook.DisplayName, FigureText.Key(figure), figure.Period, figure.Measure, attempt);
                return;
            }

            if (!failure.Value.Retry || attempt >= settings.MaxAttempts)
            {
                NotificationLog.GaveUp(logger, webhook.DisplayName, FigureText.Key(figure), figure.Period, figure.Measure, attempt, failure.Value.Reason);
                return;
            }

            var delay = settings.RetryDelay * Math.Pow(2, attempt - 1);
            NotificationLog.Retrying(logger, webhook.DisplayName, attempt, settings.MaxAttempts, failure.Value.Reason, delay);
            await Task.Delay(delay, time, stoppingToken);
        }
    }

    /// <summary>Null when delivered; else why, and whether another attempt may succeed.</summary>
    private async Task<(string Reason, bool Retry)?> SendAsync(WebhookOptions webhook, string kind, byte[] body, CancellationToken stoppingToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookPayload.EventHeader, "figure." + kind);
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
            return (e.Message, true);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return ($"no answer within {options.Value.Timeout}", true);
        }
    }
}
