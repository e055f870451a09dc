using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Core.Tests.Fetching;

/// <summary>
/// A real Kestrel server on 127.0.0.1 whose every path is scripted by the test: the handler gets
/// the request and how many times that path (with its query) was asked for. Unscripted paths,
/// robots.txt included, answer 404. Counts and timestamps every request, so politeness is measured.
/// </summary>
public sealed class ScriptedSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, int, Task>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);

    private ScriptedSite(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every request in arrival order: path with query, headers, and a monotonic timestamp.</summary>
    public ConcurrentQueue<(string Path, IReadOnlyDictionary<string, string> Headers, long Timestamp)> Seen { get; } = new();

    /// <summary>Starts the site on a free port of <paramref name="address"/> (any of 127/8 is this machine on Linux).</summary>
    public static async Task<ScriptedSite> StartAsync(string address = "127.0.0.1")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls($"http://{address}:0");
        var app = builder.Build();
        var site = new ScriptedSite(app);
        app.Run(site.ServeAsync);
        await app.StartAsync();
        site.BaseUrl = new Uri(app.Urls.First() + "/");
        return site;
    }

    public Uri Url(string pathAndQuery) => new(BaseUrl, pathAndQuery);

    /// <summary>How many requests <paramref name="pathAndQuery"/> (as in <c>/board?page=2</c>) received.</summary>
    public int Count(string pathAndQuery) => _requests.TryGetValue(pathAndQuery, out var n) ? n : 0;

    public int Total => _requests.Values.Sum();

    public void Map(string pathAndQuery, Func<HttpContext, int, Task> handler) => _routes[pathAndQuery] = handler;

    public void Map(string pathAndQuery, string contentType, string body) =>
        Map(pathAndQuery, (context, _) => Write(context, contentType, Encoding.UTF8.GetBytes(body)));

    public static async Task Write(HttpContext context, string contentType, byte[] body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.Body.WriteAsync(body);
    }

    private Task ServeAsync(HttpContext context)
    {
        var key = context.Request.Path.Value + context.Request.QueryString.Value;
        var n = _requests.AddOrUpdate(key, 1, (_, count) => count + 1);
        // Kestrel reuses its header objects once the request ends, so they are copied.
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Seen.Enqueue((key, headers, Stopwatch.GetTimestamp()));
        if (_routes.TryGetValue(key, out var handler))
        {
            return handler(context, n);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
