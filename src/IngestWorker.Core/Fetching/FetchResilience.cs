using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace IngestWorker.Core.Fetching;

/// <summary>
/// The resilience pipeline of one host (the handler selects a pipeline per authority, so a
/// failing host's circuit never pauses another): retry, then circuit breaker, then the attempt
/// timeout.
/// </summary>
internal static class FetchResilience
{
    // Failures are counted over this window: long enough to span one document's retries.
    private static readonly TimeSpan SamplingWindow = TimeSpan.FromMinutes(5);

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<FetchOptions>>().Value;
        var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
        var logger = context.ServiceProvider.GetRequiredService<ILogger<HttpFetcher>>();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                // Retry-After is read here rather than by the library so that a long one can be refused.
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, options.MaxRetryDelay, time)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryAfter(response, time) : null),
                OnRetry = args =>
                {
                    var url = args.Context.GetRequestMessage()?.RequestUri?.AbsoluteUri ?? "";
                    FetchLog.Retrying(logger, url, (long)args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 1, Describe(args.Outcome));
                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = 0.5,
            MinimumThroughput = options.CircuitMinimumThroughput,
            SamplingDuration = SamplingWindow,
            BreakDuration = options.CircuitBreakDuration,
        });
        builder.AddTimeout(options.Timeout);
    }

    /// <summary>
    /// Transient failures are retried, except a name that does not resolve (it will not resolve in a
    /// few seconds either; the next scheduled run is the retry) and a Retry-After longer than we wait.
    /// </summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeSpan maxDelay, TimeProvider time) => outcome switch
    {
        { Exception: HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } } => false,
        { Result: { } response } when RetryAfter(response, time) > maxDelay => false,
        _ => HttpClientResiliencePredicates.IsTransient(outcome),
    };

    /// <summary>The wait a 429 or 503 asks for, as seconds or as a date.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            || response.Headers.RetryAfter is not RetryConditionHeaderValue header)
        {
            return null;
        }

        var wait = header.Delta ?? (header.Date is { } date ? date - time.GetUtcNow() : null);
        return wait is { } w && w < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response ? $"{(int)response.StatusCode} {response.ReasonPhrase}" : outcome.Exception?.Message ?? "failure";
}
