namespace IngestWorker.Core.Fetching;

/// <summary>
/// Sits below the resilience pipeline, so every attempt (retries included) waits for its host's
/// turn; the wait counts against the attempt's timeout, which is what a caller experiences.
/// </summary>
internal sealed class ThrottlingHandler(HostThrottle throttle) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await throttle.WaitTurnAsync(request.RequestUri!, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
