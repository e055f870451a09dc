using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using IngestWorker.Core.Ingestion;
using IngestWorker.Core.Sources;
using IngestWorker.Core.Storage;
using IngestWorker.Hosting;
using IngestWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IngestWorker.Tests.Operations;

/// <summary>The <c>IngestWorker</c> meter as <c>dotnet-counters</c> or OpenTelemetry would see it, through a MeterListener.</summary>
public sealed class IngestionMetricsTests : IDisposable
{
    private readonly TempFolder _root = new();

    [Fact]
    public async Task Run_OverTheCorpus_RecordsFetchesBytesDocumentsFiguresAndDuration()
    {
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.CorpusCases()]);
        var host = ServiceHost.CreateBuilder(null, _root.Path).Build();
        await host.StartAsync();
        await using var running = new RunningHost(host);
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        var measured = new ConcurrentBag<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        // Other tests' hosts run in parallel: only this host's meter counts.
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == IngestionMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measured.Add((i.Name, v, Tags(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measured.Add((i.Name, v, Tags(tags))));
        listener.Start();
        var source = host.Services.GetRequiredService<IOptions<SourcesOptions>>().Value.Find("corpus")!;

        var summary = await host.Services.GetRequiredService<IngestionPipeline>().RunAsync(source, CancellationToken.None);

        double Sum(string instrument, string? tag = null, string? value = null) => measured
            .Where(m => m.Instrument == instrument && (tag is null || Equals(m.Tags.GetValueOrDefault(tag), value)))
            .Sum(m => m.Value);
        var bytes = Directory.GetDirectories(Path.Combine(ContentRootBuilder.Corpus, "cases")).Sum(d => new FileInfo(Path.Combine(d, "bulletin.html")).Length);
        Assert.Equal(14, Sum("ingestworker.fetches"));
        Assert.Equal(bytes, Sum("ingestworker.fetch.bytes"));
        Assert.Equal(14, Sum("ingestworker.documents", "outcome", "new"));
        Assert.Equal(0, Sum("ingestworker.failures"));
        Assert.Equal(summary.NewFigures, Sum("ingestworker.figures", "kind", "new"));
        Assert.Equal(summary.RevisedFigures, Sum("ingestworker.figures", "kind", "revised"));
        Assert.Equal(host.Services.GetRequiredService<FigureStore>().Counts().Figures, Sum("ingestworker.figures"));
        var duration = Assert.Single(measured, m => m.Instrument == "ingestworker.run.duration");
        Assert.Equal(("corpus", "succeeded"), (duration.Tags["source"], duration.Tags["outcome"]));
        Assert.True(duration.Value > 0);
        Assert.All(measured, m => Assert.Equal("corpus", m.Tags["source"]));
    }

    [Fact]
    public async Task Run_SourceMissing_CountsOneSourceFailure()
    {
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.Source("broken", "folder", ("Folder", "missing"))]);
        var host = ServiceHost.CreateBuilder(null, _root.Path).Build();
        await host.StartAsync();
        await using var running = new RunningHost(host);
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        var failures = new ConcurrentBag<(long Value, string? Kind)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "ingestworker.failures" && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, v, tags, _) => failures.Add((v, (string?)Tags(tags).GetValueOrDefault("kind"))));
        listener.Start();
        var source = host.Services.GetRequiredService<IOptions<SourcesOptions>>().Value.Find("broken")!;

        await host.Services.GetRequiredService<IngestionPipeline>().RunAsync(source, CancellationToken.None);

        Assert.Equal((1L, "source"), Assert.Single(failures));
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var all = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            all[tag.Key] = tag.Value;
        }

        return all;
    }

    public void Dispose() => _root.Dispose();
}
