using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace IngestWorker.Core.Fetching;

/// <summary>
/// One GET of a bulletin, listing or feed: conditional on the validators it was last seen with,
/// bounded in size, refusing content that cannot be a bulletin.
/// </summary>
public sealed class HttpFetcher(IHttpClientFactory clients, IOptions<FetchOptions> options)
{
    public const string ClientName = "bulletins";

    private static readonly string[] AcceptedTypes =
        ["text/html", "application/xhtml+xml", "text/plain", "application/rss+xml", "application/atom+xml", "application/xml", "text/xml"];

    public async Task<FetchedDocument> GetAsync(Uri url, string? etag, string? lastModified, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            throw new FetchException($"refusing to fetch '{url}': only http and https are fetched");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (!string.IsNullOrEmpty(etag) && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (!string.IsNullOrEmpty(lastModified) && DateTimeOffset.TryParse(lastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
        {
            request.Headers.IfModifiedSince = since;
        }

        var client = clients.CreateClient(ClientName);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FetchException($"GET {url} timed out after {options.Value.Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            throw new FetchException($"GET {url} failed: {e.Message}", e);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return FetchedDocument.Unchanged;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new FetchException($"GET {url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType is not null && !AcceptedTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
            {
                throw new FetchException($"GET {url} returned {mediaType}, which is not a bulletin type");
            }

            var content = await ReadBoundedAsync(response.Content, url, timeout.Token);
            return new FetchedDocument(
                content,
                response.Content.Headers.ContentType?.ToString(),
                response.Headers.ETag?.ToString(),
                response.Content.Headers.LastModified?.ToString("R"));
        }
    }

    private async Task<byte[]> ReadBoundedAsync(HttpContent content, Uri url, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxDocumentBytes;
        if (content.Headers.ContentLength > limit)
        {
            throw new FetchException($"GET {url} is {content.Headers.ContentLength} bytes, over the limit of {limit} (Fetching:MaxDocumentBytes)");
        }

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
}
