using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using IngestWorker.Core.Ingestion;
using IngestWorker.Core.Sources;
using IngestWorker.Hosting;
using IngestWorker.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IngestWorker.Tests.Operations;

/// <summary>With <c>Metrics:OtlpEndpoint</c> set, the meter reaches an OTLP/HTTP receiver (Kestrel on 127.0.0.1).</summary>
public sealed class MetricsExportTests : IAsyncLifetime
{
    private readonly TempFolder _root = new();
    private readonly ConcurrentQueue<(string Path, string ContentType, byte[] Body)> _received = new();
    private WebApplication _receiver = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        _receiver = builder.Build();
        _receiver.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            _received.Enqueue((context.Request.Path.Value ?? "", context.Request.ContentType ?? "", body.ToArray()));
            context.Response.StatusCode = 200;
        });
        await _receiver.StartAsync();
    }

    [Fact]
    public async Task Run_WithOtlpEndpoint_ExportsTheIngestWorkerMeter()
    {
        ContentRootBuilder.Write(_root.Path,
            [ContentRootBuilder.Source("exported", "folder", ("Folder", Path.Combine(ContentRootBuilder.Corpus, "cases")), ("Patterns", new JsonArray("bulletin.html")))],
            new JsonObject { ["Metrics"] = new JsonObject { ["OtlpEndpoint"] = _receiver.Urls.First() + "/v1/metrics", ["ExportInterval"] = "00:00:00.200" } });
        var host = ServiceHost.CreateBuilder(null, _root.Path).Build();
        await host.StartAsync();
        await using var running = new RunningHost(host);
        var source = host.Services.GetRequiredService<IOptions<SourcesOptions>>().Value.Find("exported")!;

        await host.Services.GetRequiredService<IngestionPipeline>().RunAsync(source, CancellationToken.None);

        // Exports are cumulative: one after the run's end carries every instrument. (Other tests'
        // hosts in this process have meters of the same name: only this run's source counts.)
        string[] expected = [IngestionMetrics.MeterName, "ingestworker.fetches", "ingestworker.fetch.bytes", "ingestworker.documents",
            "ingestworker.figures", "ingestworker.run.duration", "exported"];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!_received.Any(r => expected.All(e => Contains(r.Body, e))))
        {
            await Task.Delay(100, deadline.Token);
        }

        var export = _received.First(r => expected.All(e => Contains(r.Body, e)));
        Assert.Equal("/v1/metrics", export.Path);
        Assert.Equal("application/x-protobuf", export.ContentType);
    }

    [Fact]
    public async Task Start_NoEndpoint_SendsNothing()
    {
        ContentRootBuilder.Write(_root.Path, []);
        var host = ServiceHost.CreateBuilder(null, _root.Path).Build();
        await host.StartAsync();
        await using var running = new RunningHost(host);

        Assert.Null(host.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
    }

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    public async Task DisposeAsync()
    {
        await _receiver.StopAsync();
        await _receiver.DisposeAsync();
        _root.Dispose();
    }
}
