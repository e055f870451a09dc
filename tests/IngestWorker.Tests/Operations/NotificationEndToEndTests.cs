using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using IngestWorker.Core.Ingestion;
using IngestWorker.Core.Notifications;
using IngestWorker.Core.Sources;
using IngestWorker.Core.Storage;
using IngestWorker.Hosting;
using IngestWorker.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IngestWorker.Tests.Operations;

/// <summary>Ingestion notifies webhooks on a real Kestrel receiver on 127.0.0.1, with filters, signatures and retries.</summary>
public sealed class NotificationEndToEndTests : IAsyncLifetime
{
    private const string Secret = "s3cret";
    private readonly TempFolder _root = new();
    private readonly ConcurrentQueue<(string Path, int Status, string Body, string? Signature)> _received = new();
    private WebApplication _receiver = null!;
    private int _hookRequests;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        _receiver = builder.Build();
        _receiver.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var path = context.Request.Path.Value ?? "";
            // The JSON receiver is down for its first request: the figure must still arrive, once.
            var status = path == "/hook" && Interlocked.Increment(ref _hookRequests) == 1 ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status204NoContent;
            _received.Enqueue((path, status, body, context.Request.Headers[WebhookPayload.SignatureHeader].FirstOrDefault()));
            context.Response.StatusCode = status;
        });
        await _receiver.StartAsync();
    }

    [Fact]
    public async Task Run_WithFilteredWebhooks_DeliversEachWantedFigureOnceSignedAfterRetrying()
    {
        var receiver = _receiver.Urls.First();
        JsonObject Webhook(string path, string format) => new()
        {
            ["Url"] = receiver + "/" + path, ["Format"] = format, ["Secret"] = Secret,
            ["Reporter"] = "KR", ["Product"] = "total", ["Partner"] = "world", ["Measure"] = "value",
        };
        ContentRootBuilder.Write(_root.Path,
            [ContentRootBuilder.CorpusCases()],
            new JsonObject
            {
                ["Notifications"] = new JsonObject
                {
                    ["Webhooks"] = new JsonArray(Webhook("hook", "json"), Webhook("chat", "chat")),
                    ["RetryDelay"] = "00:00:00.050",
                    ["DrainTimeout"] = "00:01:00",
                },
            });
        var host = ServiceHost.CreateBuilder(null, _root.Path).Build();
        await host.StartAsync();
        var source = host.Services.GetRequiredService<IOptions<SourcesOptions>>().Value.Find("corpus")!;
        var store = host.Services.GetRequiredService<FigureStore>();

        await host.Services.GetRequiredService<IngestionPipeline>().RunAsync(source, CancellationToken.None);
        var wanted = store.History(new FigureFilter("KR", Product: "total", Partner: "world", Measure: "value")).ToList();
        await host.StopAsync(); // delivers what is queued, within DrainTimeout
        host.Dispose();

        Assert.NotEmpty(wanted);
        var hook = _received.Where(r => r.Path == "/hook").ToList();
        Assert.Equal(503, hook[0].Status);
        var delivered = hook.Where(r => r.Status == 204).Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Equal(wanted.Count, delivered.Count);
        Assert.Equal(wanted.Count + 1, hook.Count);
        Assert.All(hook, r => Assert.Equal(WebhookPayload.Signature(Secret, System.Text.Encoding.UTF8.GetBytes(r.Body)), r.Signature));
        Assert.Equal(
            wanted.Select(v => (v.Flow, v.Period, v.Basis, v.Value, v.Version)).Order(),
            delivered.Select(d => d["figure"]!).Select(f => ((string)f["flow"]!, (string)f["period"]!, (string)f["basis"]!, (decimal)f["value"]!, (int)f["version"]!)).Order());
        Assert.All(delivered, d => Assert.Equal(("KR", "total", "world", "value"),
            ((string)d["figure"]!["reporter"]!, (string)d["figure"]!["product"]!, (string)d["figure"]!["partner"]!, (string)d["figure"]!["measure"]!)));
        Assert.Contains(delivered, d => (string)d["text"]! == "New figure KR exports total/world 2025-11 value 61.04 bn USD from corpus: "
            + (string)d["title"]! + " " + (string)d["figure"]!["document_url"]!);

        var chat = _received.Where(r => r.Path == "/chat").Select(r => JsonNode.Parse(r.Body)!.AsObject()).ToList();
        Assert.Equal(wanted.Count, chat.Count);
        Assert.All(chat, c => Assert.Equal(["text"], c.Select(p => p.Key)));
    }

    [Fact]
    public void Recorded_QueueFull_DropsWithoutWaiting()
    {
        var options = Options.Create(new NotificationOptions { QueueCapacity = 2, Webhooks = [new WebhookOptions { Url = "http://127.0.0.1:9/" }] });
        var inbox = new NotificationInbox(options, Microsoft.Extensions.Logging.Abstractions.NullLogger<NotificationInbox>.Instance);
        var outcome = new RecordOutcome();
        for (var i = 0; i < 5; i++)
        {
            outcome.New.Add(new FigureVersion { Reporter = "KR", Flow = "exports", Product = "total", Partner = "world", Period = $"2025-0{i + 1}", Measure = "value", Unit = "USD", Value = i });
        }

        inbox.Recorded(new StoredDocument { Url = "https://example.test/1" }, outcome);

        Assert.Equal(2, inbox.Reader.Count);
    }

    [Fact]
    public void Recorded_FigureNoWebhookWants_IsNotQueued()
    {
        var options = Options.Create(new NotificationOptions { Webhooks = [new WebhookOptions { Url = "http://127.0.0.1:9/", Reporter = "KR", New = false }] });
        var inbox = new NotificationInbox(options, Microsoft.Extensions.Logging.Abstractions.NullLogger<NotificationInbox>.Instance);
        var outcome = new RecordOutcome();
        outcome.New.Add(new FigureVersion { Reporter = "KR", Flow = "exports", Product = "total", Partner = "world", Period = "2025-01", Measure = "value", Unit = "USD" });
        outcome.New.Add(new FigureVersion { Reporter = "US", Flow = "exports", Product = "total", Partner = "world", Period = "2025-01", Measure = "value", Unit = "USD" });

        inbox.Recorded(new StoredDocument { Url = "https://example.test/1" }, outcome);

        Assert.Equal(0, inbox.Reader.Count);
    }

    public async Task DisposeAsync()
    {
        await _receiver.StopAsync();
        await _receiver.DisposeAsync();
        _root.Dispose();
    }
}
