using IngestWorker.Core.Sources;
using IngestWorker.Core.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IngestWorker.Operations;

/// <summary>Healthy when the database answers a count.</summary>
internal sealed class StoreHealthCheck(FigureStore store) : IHealthCheck
{
    public const string Name = "store";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var (documents, figures, current) = store.Counts();
            return Task.FromResult(HealthCheckResult.Healthy($"{documents} documents, {figures} figure versions ({current} current)"));
        }
#pragma warning disable CA1031 // Whatever the database throws, the answer is "unhealthy", not a crash.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"the database cannot be read: {e.Message}", e));
        }
    }
}

/// <summary>
/// Unhealthy when an enabled source has not succeeded for longer than <see cref="HealthOptions.UnhealthyAfter"/>
/// (counted from its last success, or from the first run of its streak of failures); degraded while one
/// fails for less than that, or while one works but robots.txt disallows every bulletin link it lists.
/// Restarts, and sources whose schedule is days apart, do not make it unhealthy.
/// </summary>
internal sealed class SourcesHealthCheck(FigureStore store, IOptions<SourcesOptions> sources, IOptions<HealthOptions> health, TimeProvider time) : IHealthCheck
{
    public const string Name = "sources";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var limit = health.Value.UnhealthyAfter;
        var now = time.GetUtcNow().UtcDateTime;
        var enabled = sources.Value.Items.Where(s => s.Enabled).ToList();
        var failing = enabled.Select(s => store.SourceState(s.Id)).Where(s => s.ConsecutiveFailures > 0).ToList();
        var data = failing.ToDictionary(s => s.Id, s => (object)s.ConsecutiveFailures);
        var failed = failing.Where(s => Since(s) is { } since && now - since > limit).ToList();
        if (failed.Count > 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(string.Join("; ", failed.Select(s => Describe(s, now))), data: data));
        }

        var degraded = enabled.Select(s => store.SourceState(s.Id)).Where(s => s.ConsecutiveFailures == 0 && s.Degraded is not null).ToList();
        var problems = failing.Select(s => Describe(s, now)).Concat(degraded.Select(s => $"source {s.Id} yields nothing: {s.Degraded}")).ToList();
        return Task.FromResult(problems.Count > 0
            ? HealthCheckResult.Degraded(string.Join("; ", problems), data: data)
            : HealthCheckResult.Healthy($"{enabled.Count} enabled sources, none failing", data));
    }

    /// <summary>Since when the source has not succeeded: null when unknown (a streak that began before the store recorded it and no success).</summary>
    private static DateTime? Since(SourceState state) => (state.FailingSince ?? state.LastSuccessAt)?.ToUniversalTime();

    private static string Describe(SourceState state, DateTime now) =>
        $"source {state.Id} failed {state.ConsecutiveFailures} runs in a row"
        + (Since(state) is { } since ? $", no success for {Duration(now - since)}" : "")
        + $": {state.LastError}";

    private static string Duration(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{span.TotalDays:0.#} day{(span.TotalDays >= 1.05 ? "s" : "")}" : span.TotalHours >= 1 ? $"{span.TotalHours:0.#} hours" : $"{Math.Max(span.TotalMinutes, 0):0} minutes";
}
