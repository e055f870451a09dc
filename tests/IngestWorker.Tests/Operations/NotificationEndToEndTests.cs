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
            if (path == "/dead")
            {
                // Accepts the connection and never answers: the receiver every other one must not wait for.
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                return;
            }

            // The JSON receiver is down for its first request: the figure must still arrive, once.
            var status = path == "/hook" && Interlocked.Increment(ref _hookRequests) == 1 ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status204NoContent;
            _received.Enqueue((path, status, body, context.Request.Headers[WebhookPayload.SignatureHeader].FirstOrDefault()));
            context.Response.StatusCode = status;
        });
        await _receiver.StartAsync();
    }

    [Fact]
    public async Task Run_WithFilteredWebhooks_DeliversOneSignedDigestPerBulletinAfterRetrying()
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
        var bulletins = wanted.Select(v => v.DocumentUrl).Distinct(StringComparer.Ordinal).Count();
        await host.StopAsync(); // delivers what is queued, within DrainTimeout
        host.Dispose();

        Assert.NotEmpty(wanted);
        Assert.True(bulletins < wanted.Count, $"{bulletins} bulletins, {wanted.Count} figures: no digest of more than one figure to check");
        var hook = _received.Where(r => r.Path == "/hook").ToList();
        Assert.Equal(503, hook[0].Status);
        var delivered = hook.Where(r => r.Status == 204).Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Equal(bulletins, delivered.Count);
        Assert.Equal(bulletins + 1, hook.Count);
        Assert.All(hook, r => Assert.Equal(WebhookPayload.Signature(Secret, System.Text.Encoding.UTF8.GetBytes(r.Body)), r.Signature));
        var figures = delivered.SelectMany(d => d["figures"]!.AsArray().Select(f => (Digest: d, Figure: f!["figure"]!))).ToList();
        Assert.Equal(
            wanted.Select(v => (v.DocumentUrl, v.Flow, v.Period, v.Basis, v.Value, v.Version)).Order(),
            figures.Select(x => ((string)x.Digest["document_url"]!, (string)x.Figure["flow"]!, (string)x.Figure["period"]!, (string)x.Figure["basis"]!, (decimal)x.Figure["value"]!, (int)x.Figure["version"]!)).Order());
        Assert.All(figures, x => Assert.Equal(("KR", "total", "world", "value"),
            ((string)x.Figure["reporter"]!, (string)x.Figure["product"]!, (string)x.Figure["partner"]!, (string)x.Figure["measure"]!)));
        var november = Assert.Single(delivered, d => ((string)d["text"]!).Contains("\nNew figure KR exports total/world 2025-11 value 61.04 bn USD\n", StringComparison.Ordinal));
        Assert.StartsWith($"{november["figures"]!.AsArray().Count} new figures from corpus: {(string)november["title"]!} {(string)november["document_url"]!}\n", (string)november["text"]!, StringComparison.Ordinal);

        var chat = _received.Where(r => r.Path == "/chat").Select(r => JsonNode.Parse(r.Body)!.AsObject()).ToList();
        Assert.Equal(bulletins, chat.Count);
        Assert.All(chat, c => Assert.Equal(["text"], c.Select(p => p.Key)));
    }

    [Fact]
    public async Task Run_OneReceiverNeverAnswers_TheOtherGetsEveryDigestMeanwhile()
    {
        var receiver = _receiver.Urls.First();
        ContentRootBuilder.Write(_root.Path,
            [ContentRootBuilder.CorpusCases()],
            new JsonObject
            {
                ["Notifications"] = new JsonObject
                {
                    ["Webhooks"] = new JsonArray(
                        new JsonObject { ["Url"] = receiver + "/dead", ["Product"] = "total" },
                        new JsonObject { ["Url"] = receiver + "/alive", ["Product"] = "total" }),
                    ["Timeout"] = "00:10:00",
                    ["DrainTimeout"] = "00:00:00.200",
                },
            });
        var host = ServiceHost.CreateBuilder(null, _root.Path).Build();
        await host.StartAsync();
        var source = host.Services.GetRequiredService<IOptions<SourcesOptions>>().Value.Find("corpus")!;

        await host.Services.GetRequiredService<IngestionPipeline>().RunAsync(source, CancellationToken.None);
        var bulletins = host.Services.GetRequiredService<FigureStore>().History(new FigureFilter(Product: "total"))
            .Select(v => v.DocumentUrl).Distinct(StringComparer.Ordinal).Count();
        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (_received.Count(r => r.Path == "/alive") < bulletins)
            {
                await Task.Delay(50, patience.Token);
            }
        }

        // The dead receiver is still on its first digest while the other has had all of them.
        Assert.Equal(0, _received.Count(r => r.Path == "/dead"));
        await host.StopAsync();
        host.Dispose();
        Assert.Equal(bulletins, _received.Count(r => r.Path == "/alive"));
    }

    [Fact]
    public async Task Describe_RefusedConnection_KeepsTheInnerCause()
    {
        using var client = new HttpClient();
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://127.0.0.1:{ServiceRuns.FreePort()}/"));

        var reason = NotificationDispatcher.Describe(failure);

        Assert.Contains("Connection refused", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestCommand_NoNotify_RecordsWithoutNotifying()
    {
        var bulletins = Directory.CreateDirectory(_root.File("bulletins")).FullName;
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.Source("one", "folder", ("Folder", bulletins))],
            new JsonObject { ["Notifications"] = new JsonObject { ["Webhooks"] = new JsonArray(new JsonObject { ["Url"] = _receiver.Urls.First() + "/alive" }) } });
        string Sample(string name) => Path.Combine(ContentRootBuilder.ShippedConfig, "samples", name);

        var quiet = await CliProcess.RunAsync(_root.Path, "ingest", Sample("001-kr-2025-11-joongang.html"), "--url", "https://example.test/quiet", "--source", "one", "--no-notify");
        var told = await CliProcess.RunAsync(_root.Path, "ingest", Sample("004-kr-2019-08-yonhap.html"), "--url", "https://example.test/told", "--source", "one");

        Assert.Equal((0, 0), (quiet.ExitCode, told.ExitCode));
        var received = Assert.Single(_received);
        Assert.Contains("https://example.test/told", received.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Recorded_QueueFull_DropsWithoutWaiting()
    {
        var options = Options.Create(new NotificationOptions
        {
            QueueCapacity = 2,
            Webhooks = [new WebhookOptions { Url = "http://127.0.0.1:9/" }, new WebhookOptions { Url = "http://127.0.0.1:9/", Product = "steel" }],
        });
        var inbox = new NotificationInbox(options, Microsoft.Extensions.Logging.Abstractions.NullLogger<NotificationInbox>.Instance);
        for (var i = 0; i < 5; i++)
        {
            var outcome = new RecordOutcome();
            outcome.New.Add(new FigureVersion { Reporter = "KR", Flow = "exports", Product = "total", Partner = "world", Period = $"2025-0{i + 1}", Measure = "value", Unit = "USD", Value = i });
            inbox.Recorded(new StoredDocument { Url = $"https://example.test/{i}" }, outcome);
        }

        // Each receiver has its own queue: the first is full, the second (wanting none of these) empty.
        Assert.Equal((2, 0), (inbox.Reader(0).Count, inbox.Reader(1).Count));
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

        Assert.Equal(0, inbox.Reader(0).Count);
    }

    public async Task DisposeAsync()
    {
        await _receiver.StopAsync();
        await _receiver.DisposeAsync();
        _root.Dispose();
    }
}
