using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace IngestWorker.Core.Fetching;

/// <summary>
/// One GET (or, for a listing or feed that demands it, a POST) of a bulletin, listing or feed, as a
/// good citizen: robots.txt obeyed, redirects followed by hand (each hop checked and counted),
/// conditional on the validators it was last seen with,
/// bounded in time and size, refusing content that cannot be a bulletin. Retries, the circuit
/// breaker and the per-host rate limit live in the named client's handlers.
/// </summary>
public sealed class HttpFetcher(IHttpClientFactory clients, GuardedConnector connector, RobotsCache robots, HostThrottle throttle, IOptions<FetchOptions> options, ILogger<HttpFetcher> logger)
{
    public const string ClientName = "bulletins";

    private static readonly string[] AcceptedTypes =
        ["text/html", "application/xhtml+xml", "text/plain", "application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
            "application/feed+json", "application/json"];

    /// <summary>
    /// What an attachment (PDF, HWPX, binary HWP) is served as: its own types, and the generic ones
    /// boards' download endpoints use. Accepted only by <see cref="GetAttachmentAsync"/>.
    /// </summary>
    private static readonly string[] AttachmentTypes =
        ["application/pdf", "application/x-pdf", "application/hwp+zip", "application/vnd.hancom.hwpx", "application/haansofthwp", "application/x-hwp",
         "application/vnd.hancom.hwp", "application/msword", "application/zip", "application/x-zip-compressed", "application/octet-stream",
         "binary/octet-stream", "application/download", "application/x-download", "application/force-download"];

    /// <summary>GETs <paramref name="url"/> for a source that may reach the private hosts <paramref name="reach"/> names, and no other.</summary>
    public Task<FetchedDocument> GetAsync(Uri url, Reach reach, string? etag, string? lastModified, CancellationToken cancellationToken) =>
        FetchAsync(HttpMethod.Get, url, reach, etag, lastModified, AcceptedTypes, cancellationToken);

    /// <summary>
    /// Asks for <paramref name="url"/> with <paramref name="method"/> (GET or POST; a POST carries an
    /// empty form body), under the same rules as <see cref="GetAsync"/>. The validators are sent with
    /// GET only: on other methods a server answers a failed If-None-Match with 412, not 304
    /// (RFC 9110, section 13.1.2). A 301, 302 or 303 turns a POST into a GET, as browsers and
    /// HttpClient do (RFC 9110, section 15.4); a 307 or 308 keeps it.
    /// </summary>
    /// <exception cref="FetchException">Refused, failed, timed out, too large, or answered with an error status (named in the message).</exception>
    public Task<FetchedDocument> FetchAsync(HttpMethod method, Uri url, Reach reach, string? etag, string? lastModified, CancellationToken cancellationToken) =>
        FetchAsync(method, url, reach, etag, lastModified, AcceptedTypes, cancellationToken);

    /// <summary>
    /// GETs an attachment a bulletin page links, under the same rules as <see cref="GetAsync"/> but
    /// accepting attachment types (PDF, HWP, HWPX, octet-stream) instead of pages; the result carries
    /// the Content-Disposition file name.
    /// </summary>
    public Task<FetchedDocument> GetAttachmentAsync(Uri url, Reach reach, string? etag, string? lastModified, CancellationToken cancellationToken) =>
        FetchAsync(HttpMethod.Get, url, reach, etag, lastModified, AttachmentTypes, cancellationToken);

    private async Task<FetchedDocument> FetchAsync(HttpMethod method, Uri url, Reach reach, string? etag, string? lastModified, string[] accepted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(reach);
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            throw new FetchException($"refusing to fetch '{url}': only http and https are fetched");
        }

        var limits = options.Value;
        using var total = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        total.CancelAfter(limits.TotalTimeout);
        try
        {
            using var response = await SendFollowingRedirectsAsync(method, url, reach, etag, lastModified, obeyRobots: true, total.Token);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return FetchedDocument.Unchanged;
            }

            if (!response.IsSuccessStatusCode)
            {
                // A publisher whose feed takes only POST says so in Allow: the fix is a setting, so name it.
                var hint = response.StatusCode == HttpStatusCode.MethodNotAllowed && method == HttpMethod.Get && response.Content.Headers.Allow.Contains("POST")
                    ? " (it allows POST: set the source's Method to POST)"
                    : "";
                throw new FetchException($"{method} {url} answered {(int)response.StatusCode} {response.ReasonPhrase}{hint}");
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType is not null && !accepted.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
            {
                var reason = accepted == AttachmentTypes ? $"{mediaType} is not an attachment type" : $"{mediaType} is not a bulletin type";
                FetchLog.Skipped(logger, url.AbsoluteUri, reason);
                throw new UnsupportedContentException($"{method} {url}: {reason}");
            }

            var content = await ReadBodyAsync(response.Content, url, total.Token);
            return new FetchedDocument(
                content,
                response.Content.Headers.ContentType?.ToString(),
                response.Headers.ETag?.ToString(),
                response.Content.Headers.LastModified?.ToString("R"))
            {
                FileName = response.Content.Headers.ContentDisposition is { } disposition ? (disposition.FileNameStar ?? disposition.FileName)?.Trim('"') : null,
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FetchException($"{method} {url} took longer than {Seconds(limits.TotalTimeout)} in all (Fetching:TotalTimeout)");
        }
        catch (TimeoutRejectedException)
        {
            throw new FetchException($"{method} {url}: no answer within {Seconds(limits.Timeout)} (Fetching:Timeout), {limits.MaxRetries} retries");
        }
        catch (BrokenCircuitException)
        {
            throw new FetchException($"{method} {url} not attempted: {url.Authority} failed repeatedly and is left alone for {Seconds(limits.CircuitBreakDuration)}");
        }
        catch (HttpRequestException e)
        {
            throw new FetchException($"{method} {url} failed: {e.Message}", e);
        }
    }

    /// <summary>
    /// Sends the request and follows up to <see cref="FetchOptions.MaxRedirects"/> redirects, checking
    /// each target as if it were the first: scheme, private addresses, robots.txt.
    /// </summary>
    private async Task<HttpResponseMessage> SendFollowingRedirectsAsync(HttpMethod method, Uri url, Reach reach, string? etag, string? lastModified, bool obeyRobots, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(ClientName);
        var seen = new HashSet<string>(StringComparer.Ordinal) { url.AbsoluteUri };
        var sending = method;
        for (var target = url; ;)
        {
            if (PrivateRefusal(target, reach) is { } refusal)
            {
                throw new FetchException(target == url ? $"{method} {url} not attempted: {refusal}" : $"{method} {url} redirected to {target}; not followed: {refusal}");
            }

            if (obeyRobots && !(await RobotsOfAsync(target, reach, cancellationToken)).Allows(target))
            {
                throw new RobotsRefusalException($"robots.txt of {target.Authority} disallows {target.PathAndQuery} for {ProductToken(options.Value.UserAgent)}");
            }

            using var request = new HttpRequestMessage(sending, target);
            request.Options.Set(Reach.Key, reach);
            if (sending == HttpMethod.Post)
            {
                request.Content = new FormUrlEncodedContent([]);
            }

            if (sending == HttpMethod.Get && !string.IsNullOrEmpty(etag) && EntityTagHeaderValue.TryParse(etag, out var tag))
            {
                request.Headers.IfNoneMatch.Add(tag);
            }

            if (sending == HttpMethod.Get && !string.IsNullOrEmpty(lastModified) && DateTimeOffset.TryParse(lastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
            {
                request.Headers.IfModifiedSince = since;
            }

            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if ((int)response.StatusCode is not (301 or 302 or 303 or 307 or 308))
            {
                return response;
            }

            var location = response.Headers.Location;
            var turnsIntoGet = (int)response.StatusCode is 301 or 302 or 303 && sending == HttpMethod.Post;
            response.Dispose();
            var next = location is null ? null : location.IsAbsoluteUri ? location : new Uri(target, location);
            if (next is null || next.Scheme is not ("http" or "https"))
            {
                throw new FetchException($"{method} {url} redirected to '{location}', which is not an http or https URL");
            }

            if (!seen.Add(next.AbsoluteUri))
            {
                throw new FetchException($"{method} {url} is a redirect loop (back to {next})");
            }

            if (seen.Count > options.Value.MaxRedirects + 1)
            {
                throw new FetchException($"{method} {url} redirected more than {options.Value.MaxRedirects} times (Fetching:MaxRedirects)");
            }

            target = next;
            sending = turnsIntoGet ? HttpMethod.Get : sending;
        }
    }

    /// <summary>
    /// Why <paramref name="target"/> is not requested: a private host the reach does not name, written
    /// as such or reached privately before (a pooled connection to it would skip the connect step's check).
    /// </summary>
    private string? PrivateRefusal(Uri target, Reach reach) =>
        reach.Refusal(target)
        ?? (!reach.Names(target.DnsSafeHost) && connector.ConnectedPrivately(target.DnsSafeHost)
            ? $"{target.Authority} is on a private address the source's configuration does not name"
            : null);

    /// <summary>
    /// The host's robots.txt rules (RFC 9309): read once per cache period; a missing file (4xx)
    /// allows everything; an unreadable one (5xx) allows nothing for now and is read again next time.
    /// </summary>
    private async Task<RobotsRules> RobotsOfAsync(Uri target, Reach reach, CancellationToken cancellationToken)
    {
        if (robots.TryGet(target, out var cached))
        {
            return cached;
        }

        var reader = robots.ReaderOf(target);
        await reader.WaitAsync(cancellationToken);
        try
        {
            return robots.TryGet(target, out cached) ? cached : await ReadRobotsAsync(target, reach, cancellationToken);
        }
        finally
        {
            reader.Release();
        }
    }

    private async Task<RobotsRules> ReadRobotsAsync(Uri target, Reach reach, CancellationToken cancellationToken)
    {
        var robotsUrl = new Uri(target, "/robots.txt");
        using var response = await SendFollowingRedirectsAsync(HttpMethod.Get, robotsUrl, reach, etag: null, lastModified: null, obeyRobots: false, cancellationToken);
        RobotsRules rules;
        if (response.IsSuccessStatusCode)
        {
            // RFC 9309 asks parsers to read at least 500 KiB; more than the document limit is not read.
            var bytes = await ReadBoundedAsync(response.Content, robotsUrl, options.Value.MaxDocumentBytes, cancellationToken);
            rules = RobotsRules.Parse(CharsetDecoder.Decode(bytes, response.Content.Headers.ContentType?.ToString()), ProductToken(options.Value.UserAgent));
        }
        else if ((int)response.StatusCode is >= 400 and < 500)
        {
            rules = RobotsRules.AllowAll;
        }
        else
        {
            throw new FetchException($"robots.txt of {target.Authority} answered {(int)response.StatusCode} {response.ReasonPhrase}; nothing is fetched from it until it can be read");
        }

        FetchLog.RobotsRead(logger, target.Authority, $"{(int)response.StatusCode}");
        robots.Set(target, rules);
        throttle.SetCrawlDelay(target, rules.CrawlDelay);
        return rules;
    }

    /// <summary>The body within one attempt's time: the resilience timeout only covers the headers.</summary>
    private async Task<byte[]> ReadBodyAsync(HttpContent content, Uri url, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(options.Value.Timeout);
        try
        {
            return await ReadBoundedAsync(content, url, options.Value.MaxDocumentBytes, attempt.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FetchException($"GET {url}: the body did not arrive within {Seconds(options.Value.Timeout)} (Fetching:Timeout)");
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, Uri url, long limit, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > limit)
        {
            throw new FetchException($"GET {url} is {content.Headers.ContentLength} bytes, over the limit of {limit} (Fetching:MaxDocumentBytes)");
        }

        // The stream is already decompressed, so a small gzip that inflates to gigabytes stops here
        // at the limit, never in memory.
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new FetchException($"GET {url} is over the limit of {limit} bytes (Fetching:MaxDocumentBytes)");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The name robots.txt groups are matched against: the User-Agent's first word, without version.</summary>
    internal static string ProductToken(string userAgent) => userAgent.Split('/', ' ')[0];

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.###} s";
}
