using IngestWorker.Core.Ingestion;
using IngestWorker.Core.Sources;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IngestWorker.Hosting;

/// <summary>Runs every enabled source (or the one asked for) once, records the outcome, and stops the host.</summary>
internal sealed class OnceRunner(
    OnceRunner.Request request,
    IngestionPipeline pipeline,
    IOptions<SourcesOptions> sources,
    IHostApplicationLifetime lifetime) : BackgroundService
{
    public sealed record Request(string? SourceId);

    /// <summary>0 when every source ran cleanly, 1 when one failed, 2 when the source asked for does not exist.</summary>
    public int ExitCode { get; private set; } = 1;

    public IReadOnlyList<RunSummary> Summaries { get; private set; } = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var chosen = request.SourceId is null
                ? sources.Value.Items.Where(s => s.Enabled).ToList()
                : sources.Value.Find(request.SourceId) is { } one ? [one] : [];
            if (chosen.Count == 0)
            {
                ExitCode = 2;
                await Console.Error.WriteLineAsync(request.SourceId is null
                    ? "No enabled source is configured (config/sources.json)."
                    : $"No source '{request.SourceId}' is configured; 'sources' lists them.");
                return;
            }

            var summaries = new List<RunSummary>();
            foreach (var source in chosen)
            {
                stoppingToken.ThrowIfCancellationRequested();
                summaries.Add(await pipeline.RunAsync(source, stoppingToken));
            }

            Summaries = summaries;
            ExitCode = summaries.Exists(s => s.Failed) ? 1 : 0;
        }
        finally
        {
            lifetime.StopApplication();
        }
    }
}
