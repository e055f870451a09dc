using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Tests.Support;

/// <summary>
/// A real Kestrel server on 127.0.0.1 serving a folder, with per-path overrides so a test can
/// re-publish a page (a revision) at the same URL. Counts requests per path.
/// </summary>
public sealed class TestSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _overrides = new(StringComparer.Ordinal);

    private TestSite(WebApplication app) => _app = app;

    public ConcurrentDictionary<string, int> Requests { get; } = new(StringComparer.Ordinal);

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<TestSite> StartAsync(string root)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var site = new TestSite(app);
        app.Run(context => site.Serve(context, root));
        await app.StartAsync();
        site.BaseUrl = new Uri(app.Urls.First() + "/");
        return site;
    }

    private readonly ConcurrentDictionary<string, Hanging> _hanging = new(StringComparer.Ordinal);

    /// <summary>A path that never answers: it says when a request arrived and when its client gave up on it.</summary>
    public sealed class Hanging
    {
        public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Abandoned { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public Hanging Hang(string path) => _hanging.GetOrAdd(path, _ => new Hanging());

    /// <summary>Serves <paramref name="file"/> (an absolute path) at <paramref name="path"/> from now on.</summary>
    public void Publish(string path, string file) => _overrides[path] = file;

    public Uri Url(string path) => new(BaseUrl, path);

    private async Task Serve(HttpContext context, string root)
    {
        var path = context.Request.Path.Value ?? "/";
        Requests.AddOrUpdate(path, 1, (_, n) => n + 1);
        if (_hanging.TryGetValue(path, out var hanging))
        {
            hanging.Arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            hanging.Abandoned.TrySetResult();
            return;
        }

        var file = _overrides.TryGetValue(path, out var published)
            ? published
            : Path.GetFullPath(Path.Combine(root, path.TrimStart('/')));
        var allowed = published is not null || file.StartsWith(root, StringComparison.Ordinal);
        if (!allowed || !File.Exists(file))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = Path.GetExtension(file) switch
        {
            ".xml" => "application/rss+xml; charset=utf-8",
            ".pdf" => "application/pdf",
            ".hwpx" => "application/hwp+zip",
            _ => "text/html; charset=utf-8",
        };
        await context.Response.SendFileAsync(file);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
