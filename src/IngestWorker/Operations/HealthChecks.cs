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

/// <summary>Unhealthy when an enabled source has failed <see cref="HealthOptions.MaxConsecutiveFailures"/> runs in a row; degraded when one failed its last run.</summary>
internal sealed class SourcesHealthCheck(FigureStore store, IOptions<SourcesOptions> sources, IOptions<HealthOptions> health) : IHealthCheck
{
    public const string Name = "sources";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var limit = health.Value.MaxConsecutiveFailures;
        var enabled = sources.Value.Items.Where(s => s.Enabled).ToList();
        var failing = enabled.Select(s => store.SourceState(s.Id)).Where(s => s.ConsecutiveFailures > 0).ToList();
        var data = failing.ToDictionary(s => s.Id, s => (object)s.ConsecutiveFailures);
        var failed = failing.Where(s => s.ConsecutiveFailures >= limit).ToList();
        if (failed.Count > 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(string.Join("; ", failed.Select(Describe)), data: data));
        }

        return Task.FromResult(failing.Count > 0
            ? HealthCheckResult.Degraded(string.Join("; ", failing.Select(Describe)), data: data)
            : HealthCheckResult.Healthy($"{enabled.Count} enabled sources, none failing", data));
    }

    private static string Describe(SourceState state) =>
        $"source {state.Id} failed {state.ConsecutiveFailures} runs in a row: {state.LastError}";
}
