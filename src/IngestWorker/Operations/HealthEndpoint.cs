using System.Net;
using System.Runtime.CompilerServices;
using IngestWorker.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IngestWorker.Operations;

/// <summary>
/// <c>GET http://127.0.0.1:PORT/health</c>: the health report as JSON, 200 when healthy or degraded,
/// 503 when unhealthy. Only when <c>Health:HttpPort</c> is set, and only on the loopback address.
/// </summary>
internal sealed partial class HealthEndpoint(
    HealthCheckService checks,
    IOptions<HealthOptions> options,
    IConfiguration configuration,
    ILogger<HealthEndpoint> logger) : IHostedService, IDisposable
{
    private HttpListener? _listener;
    private Task? _serving;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var port = options.Value.HttpPort;
        if (port == 0)
        {
            return Task.CompletedTask;
        }

        Listen(port);
        return Task.CompletedTask;
    }

    /// <summary>A method of its own: with no port, System.Net.HttpListener is never loaded.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Listen(int port)
    {
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        try
        {
            listener.Start();
        }
        catch (HttpListenerException e)
        {
            listener.Close();
            var key = $"{HealthOptions.SectionName}:{nameof(HealthOptions.HttpPort)}";
            throw new OptionsValidationException(key, typeof(HealthOptions),
                [$"{key} ({ConfigurationOrigin.Of(configuration, key)}): cannot listen on 127.0.0.1:{port}: {e.Message}"]);
        }

        _listener = listener;
        _serving = Task.Run(ServeAsync, CancellationToken.None);
        LogListening(logger, port);
    }

    private async Task ServeAsync()
    {
        while (_listener is { IsListening: true } listener)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            await AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var response = context.Response;
        try
        {
            var path = context.Request.Url?.AbsolutePath.TrimEnd('/') ?? "";
            if (context.Request.HttpMethod is not ("GET" or "HEAD") || path is not ("/health" or "/healthz" or ""))
            {
                response.StatusCode = (int)HttpStatusCode.NotFound;
                return;
            }

            var report = await checks.CheckHealthAsync();
            var body = HealthReporting.Json(report);
            response.StatusCode = report.Status == HealthStatus.Unhealthy ? (int)HttpStatusCode.ServiceUnavailable : (int)HttpStatusCode.OK;
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength64 = body.Length;
            await response.OutputStream.WriteAsync(body);
        }
        catch (Exception e) when (e is HttpListenerException or IOException)
        {
            LogClientFailed(logger, e.Message);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_listener is { } listener)
        {
            listener.Stop();
            if (_serving is { } serving)
            {
                await serving.WaitAsync(cancellationToken);
            }
        }
    }

    public void Dispose() => ((IDisposable?)_listener)?.Dispose();

    [LoggerMessage(5001, LogLevel.Information, "Health endpoint listening on http://127.0.0.1:{Port}/health", EventName = "HealthEndpointListening")]
    private static partial void LogListening(ILogger logger, int port);

    [LoggerMessage(5002, LogLevel.Debug, "A health request failed: {Reason}", EventName = "HealthRequestFailed")]
    private static partial void LogClientFailed(ILogger logger, string reason);
}
