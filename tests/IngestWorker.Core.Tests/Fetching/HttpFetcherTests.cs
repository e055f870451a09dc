using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using IngestWorker.Core.Fetching;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Core.Tests.Fetching;

/// <summary>How the fetcher survives a misbehaving server, measured by the requests the server saw.</summary>
public sealed class HttpFetcherTests : IAsyncLifetime
{
    private const string Html = "text/html; charset=utf-8";
    private ScriptedSite _site = null!;

    public async Task InitializeAsync() => _site = await ScriptedSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Get_500Then200_RetriesOnceAndReturnsTheBody()
    {
        _site.Map("/flaky", (context, n) => ScriptedSite.Write(context, Html, "<p>ok</p>"u8.ToArray(), n == 1 ? 500 : 200));
        using var harness = new FetchHarness();

        var document = await harness.GetAsync(_site.Url("flaky"));

        Assert.Equal("<p>ok</p>", Encoding.UTF8.GetString(document.Content));
        Assert.Equal(2, _site.Count("/flaky"));
        Assert.Empty(harness.Log.AtLeast(LogLevel.Warning));
    }

    [Fact]
    public async Task Get_Always503_GivesUpAfterMaxRetriesWithTheStatusAsReason()
    {
        _site.Map("/down", (context, _) => ScriptedSite.Write(context, Html, [], 503));
        using var harness = new FetchHarness();

        var failure = await Assert.ThrowsAsync<FetchException>(() => harness.GetAsync(_site.Url("down")));

        Assert.Contains("answered 503", failure.Message, StringComparison.Ordinal);
        Assert.Equal(3, _site.Count("/down"));
    }

    [Fact]
    public async Task Get_429WithRetryAfter_WaitsAsAskedThenSucceeds()
    {
        _site.Map("/busy", (context, n) =>
        {
            if (n == 1)
            {
                context.Response.Headers.RetryAfter = "1";
            }

            return ScriptedSite.Write(context, Html, "<p>ok</p>"u8.ToArray(), n == 1 ? 429 : 200);
        });
        using var harness = new FetchHarness();

        await harness.GetAsync(_site.Url("busy"));

        Assert.Equal(2, _site.Count("/busy"));
        var times = _site.Seen.Where(s => s.Path == "/busy").Select(s => s.Timestamp).ToList();
        // The configured backoff is 10 ms; only Retry-After explains a wait of about a second.
        Assert.True(Stopwatch.GetElapsedTime(times[0], times[1]) >= TimeSpan.FromMilliseconds(900));
    }

    [Fact]
    public async Task Get_429WithRetryAfterLongerThanMaxRetryDelay_FailsAtOnceWithoutRetrying()
    {
        _site.Map("/later", (context, _) =>
        {
            context.Response.Headers.RetryAfter = "3600";
            return ScriptedSite.Write(context, Html, [], 429);
        });
        using var harness = new FetchHarness();

        var failure = await Assert.ThrowsAsync<FetchException>(() => harness.GetAsync(_site.Url("later")));

        Assert.Contains("answered 429", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, _site.Count("/later"));
    }

    [Fact]
    public async Task Get_SlowerThanTheTimeout_FailsAfterItsRetriesNamingTheTimeout()
    {
        _site.Map("/slow", async (context, _) => await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        using var harness = new FetchHarness(new Dictionary<string, string?> { ["Fetching:Timeout"] = "00:00:00.200", ["Fetching:MaxRetries"] = "1" });

        var failure = await Assert.ThrowsAsync<FetchException>(() => harness.GetAsync(_site.Url("slow")));

        Assert.Contains("no answer within 0.2 s (Fetching:Timeout)", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, _site.Count("/slow"));
    }

    [Fact]
    public async Task Get_SlowHostWithManyRetriesLeft_StopsAtTheTotalTimeout()
    {
        _site.Map("/slow", async (context, _) => await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        using var harness = new FetchHarness(new Dictionary<string, string?>
        {
            ["Fetching:Timeout"] = "00:00:00.300",
            ["Fetching:TotalTimeout"] = "00:00:00.500",
            ["Fetching:MaxRetries"] = "8",
        });

        var failure = await Assert.ThrowsAsync<FetchException>(() => harness.GetAsync(_site.Url("slow")));

        Assert.Contains("took longer than 0.5 s in all (Fetching:TotalTimeout)", failure.Message, StringComparison.Ordinal);
        // Nine attempts were allowed; the total budget leaves room for two.
        Assert.InRange(_site.Count("/slow"), 1, 3);
    }

    [Fact]
    public async Task Get_SecondTimeWithTheETag_Gets304AndReportsUnchanged()
    {
        _site.Map("/page", (context, _) =>
        {
            if (context.Request.Headers.IfNoneMatch == "\"v1\"")
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }

            context.Response.Headers.ETag = "\"v1\"";
            return ScriptedSite.Write(context, Html, "<p>v1</p>"u8.ToArray());
        });
        using var harness = new FetchHarness();

        var first = await harness.GetAsync(_site.Url("page"));
        var second = await harness.GetAsync(_site.Url("page"), first.ETag);

        Assert.Equal(("\"v1\"", false, true), (first.ETag, first.NotModified, second.NotModified));
        Assert.Equal(2, _site.Count("/page"));
    }

    [Fact]
    public async Task Get_RedirectLoop_StopsWhenTheLoopCloses()
    {
        _site.Map("/a", (context, _) => Redirect(context, "/b"));
        _site.Map("/b", (context, _) => Redirect(context, "/a"));
        using var harness = new FetchHarness();

        var failure = await Assert.ThrowsAsync<FetchException>(() => harness.GetAsync(_site.Url("a")));

        Assert.Contains("redirect loop", failure.Message, StringComparison.Ordinal);
        Assert.Equal((1, 1), (_site.Count("/a"), _site.Count("/b")));
    }

    [Fact]
    public async Task Get_MoreRedirectsThanAllowed_FollowsExactlyTheLimit()
    {
        for (var i = 0; i < 10; i++)
        {
            var next = $"/r{i + 1}";
            _site.Map($"/r{i}", (context, _) => Redirect(context, next));
        }

        using var harness = new FetchHarness(new Dictionary<string, string?> { ["Fetching:MaxRedirects"] = "3" });

        var failure = await Assert.ThrowsAsync<FetchException>(() => harness.GetAsync(_site.Url("r0")));

        Assert.Contains("more than 3 times", failure.Message, StringComparison.Ordinal);
        Assert.Equal(4, Enumerable.Range(0, 10).Sum(i => _site.Count($"/r{i}")));
    }

    [Fact]
    public async Task Get_LoopbackSourceRedirectingWithinLoopback_IsFollowed()
    {
        // Only a source that itself lives on this machine may be redirected to it (see TargetsTests).
        _site.Map("/moved", (context, _) => Redirect(context, _site.Url("here").AbsoluteUri));
        _site.Map("/here", Html, "<p>here</p>");
        using var harness = new FetchHarness();

        var document = await harness.GetAsync(_site.Url("moved"));

        Assert.Equal("<p>here</p>", Encoding.UTF8.GetString(document.Content));
        Assert.Equal((1, 1), (_site.Count("/moved"), _site.Count("/here")));
    }

    [Theory]
    [InlineData("http://10.0.0.1/release")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://100.64.0.1/")]
    [InlineData("http://192.168.0.1/")]
    [InlineData("http://[fd00::1]/")]
    [InlineData("http://[::ffff:169.254.169.254]/latest/meta-data")]
    public async Task Get_LoopbackSourceRedirectedToAnotherPrivateAddress_IsRefusedBeforeConnecting(string location)
    {
        _site.Map("/moved", (context, _) => Redirect(context, location));
        using var harness = new FetchHarness();

        var failure = await Assert.ThrowsAsync<FetchException>(() => harness.GetAsync(_site.Url("moved")));

        Assert.Contains("not followed", failure.Message, StringComparison.Ordinal);
        Assert.Contains("private address", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, _site.Count("/moved"));
    }

    [Fact]
    public async Task Get_RedirectToAnotherLoopbackHost_IsRefusedUnlessTheSourceNamesIt()
    {
        await using var other = await ScriptedSite.StartAsync("127.0.0.2");
        other.Map("/here", Html, "<p>other</p>");
        _site.Map("/moved", (context, _) => Redirect(context, other.Url("here").AbsoluteUri));
        _site.Map("/mapped", (context, _) => Redirect(context, $"http://[::ffff:127.0.0.2]:{other.BaseUrl.Port}/here"));
        using var harness = new FetchHarness();

        var refused = await Assert.ThrowsAsync<FetchException>(() => harness.GetAsync(_site.Url("moved")));
        var mapped = await Assert.ThrowsAsync<FetchException>(() => harness.GetAsync(_site.Url("mapped")));
        Assert.Equal(0, other.Total);

        var naming = Reach.Of(new IngestWorker.Core.Sources.SourceDefinition { Url = _site.Url("moved").AbsoluteUri, AllowedPrefixes = [other.Url("here").AbsoluteUri] });
        var followed = await harness.GetAsync(_site.Url("moved"), reach: naming);

        Assert.Contains("127.0.0.2", refused.Message, StringComparison.Ordinal);
        Assert.Contains("::ffff:127.0.0.2", mapped.Message, StringComparison.Ordinal);
        Assert.Equal("<p>other</p>", Encoding.UTF8.GetString(followed.Content));
    }

    [Fact]
    public async Task Get_NameResolvingToAPrivateAddress_IsRefusedAtConnectUnlessTheSourceNamesIt()
    {
        var byName = new Uri($"http://bulletins.example:{_site.BaseUrl.Port}/board");
        _site.Map("/board", Html, "<p>board</p>");
        _site.Map("/moved", (context, _) => Redirect(context, byName.AbsoluteUri));
        using var harness = new FetchHarness(connector: PointingAtThisMachine("bulletins.example"));

        var redirected = await Assert.ThrowsAsync<FetchException>(() => harness.GetAsync(_site.Url("moved")));
        var unnamed = await Assert.ThrowsAsync<FetchException>(() => harness.GetAsync(byName, reach: Reach.PublicOnly));
        var named = await harness.GetAsync(byName);

        Assert.Contains("resolves to a private address", redirected.Message, StringComparison.Ordinal);
        Assert.Contains("resolves to a private address", unnamed.Message, StringComparison.Ordinal);
        Assert.Equal("<p>board</p>", Encoding.UTF8.GetString(named.Content));
        Assert.Equal(1, _site.Count("/board"));
    }

    [Fact]
    public async Task Get_HostReachedPrivatelyBefore_IsRefusedToASourceThatDoesNotNameIt()
    {
        // The first fetch leaves a pooled connection to the host; a request whose reach does not name
        // it must not ride on that connection past the connect step's check.
        var byName = new Uri($"http://bulletins.example:{_site.BaseUrl.Port}/board");
        _site.Map("/board", Html, "<p>board</p>");
        using var harness = new FetchHarness(connector: PointingAtThisMachine("bulletins.example"));
        await harness.GetAsync(byName);

        var failure = await Assert.ThrowsAsync<FetchException>(() => harness.GetAsync(byName, reach: Reach.PublicOnly));

        Assert.Contains("private address", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, _site.Count("/board"));
    }

    /// <summary>A DNS record pointing a public-looking name at 127.0.0.1: the one fault here no real server can stage.</summary>
    private static GuardedConnector PointingAtThisMachine(string name) =>
        new((host, cancellationToken) => host == name ? Task.FromResult(new[] { System.Net.IPAddress.Loopback }) : System.Net.Dns.GetHostAddressesAsync(host, cancellationToken));

    [Fact]
    public async Task Get_GzipBody_IsAskedForAndDecompressed()
    {
        var text = string.Concat(Enumerable.Repeat("<p>Exports rose 8.4 percent.</p>", 200));
        _site.Map("/zipped", async (context, _) =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            await ScriptedSite.Write(context, Html, Gzip(Encoding.UTF8.GetBytes(text)));
        });
        using var harness = new FetchHarness();

        var document = await harness.GetAsync(_site.Url("zipped"));

        Assert.Equal(text, Encoding.UTF8.GetString(document.Content));
        var accepted = _site.Seen.Single(s => s.Path == "/zipped").Headers["Accept-Encoding"];
        Assert.Contains("gzip", accepted, StringComparison.Ordinal);
        Assert.Contains("br", accepted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_GzipBomb_StopsAtTheLimitOfDecompressedBytes()
    {
        var bomb = Gzip(new byte[50 * 1024 * 1024]);
        _site.Map("/bomb", async (context, _) =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            await ScriptedSite.Write(context, Html, bomb);
        });
        using var harness = new FetchHarness(new Dictionary<string, string?> { ["Fetching:MaxDocumentBytes"] = "1048576" });

        var failure = await Assert.ThrowsAsync<FetchException>(() => harness.GetAsync(_site.Url("bomb")));

        Assert.True(bomb.Length < 1048576, "the compressed body itself is under the limit");
        Assert.Contains("over the limit of 1048576", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, _site.Count("/bomb"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Get_OversizedBody_IsRefusedWithOrWithoutContentLength(bool declareLength)
    {
        var body = new byte[200_000];
        _site.Map("/big", async (context, _) =>
        {
            if (declareLength)
            {
                context.Response.ContentLength = body.Length;
            }

            await ScriptedSite.Write(context, Html, body);
        });
        using var harness = new FetchHarness(new Dictionary<string, string?> { ["Fetching:MaxDocumentBytes"] = "100000" });

        var failure = await Assert.ThrowsAsync<FetchException>(() => harness.GetAsync(_site.Url("big")));

        Assert.Contains("limit of 100000", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, _site.Count("/big"));
    }

    [Theory]
    [InlineData("text/html; charset=EUC-KR", "")]
    [InlineData("text/html", "<meta charset=\"euc-kr\">")]
    [InlineData("text/html", "")]
    [InlineData("text/html; charset=utf-8", "")]
    public async Task Get_EucKrPage_DecodesHangulWhateverTheDeclaration(string contentType, string meta)
    {
        const string Korean = "11월 수출은 517억 달러로 전년 동월 대비 14.0% 감소했다.";
        var bytes = CodePages.EucKr.GetBytes($"<html><head>{meta}</head><body><p>{Korean}</p></body></html>");
        _site.Map("/ko", (context, _) => ScriptedSite.Write(context, contentType, bytes));
        using var harness = new FetchHarness();

        var document = await harness.GetAsync(_site.Url("ko"));

        Assert.Contains(Korean, CharsetDecoder.Decode(document.Content, document.ContentType), StringComparison.Ordinal);
        Assert.Equal(1, _site.Count("/ko"));
    }

    [Fact]
    public async Task Get_DisallowedByRobots_IsNeverRequestedAndRobotsIsReadOnce()
    {
        _site.Map("/robots.txt", "text/plain", "User-agent: *\nDisallow: /private/\n\nUser-agent: IngestWorker\nDisallow: /board/drafts\n");
        _site.Map("/private/report.html", Html, "<p>x</p>");
        _site.Map("/board/drafts/1", Html, "<p>x</p>");
        _site.Map("/board/1", Html, "<p>x</p>");
        using var harness = new FetchHarness();

        var failure = await Assert.ThrowsAsync<RobotsRefusalException>(() => harness.GetAsync(_site.Url("board/drafts/1")));
        await harness.GetAsync(_site.Url("board/1"));
        // Our own group replaces the '*' group, so /private/ is not forbidden to us.
        await harness.GetAsync(_site.Url("private/report.html"));

        Assert.Contains("robots.txt", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, _site.Count("/board/drafts/1"));
        Assert.Equal(1, _site.Count("/robots.txt"));
    }

    [Fact]
    public async Task Get_KoreanPathDisallowedByRobots_IsNeverRequested()
    {
        _site.Map("/robots.txt", "text/plain; charset=utf-8", "User-agent: *\nDisallow: /보도자료/\nDisallow: /%ec%88%98%ec%b6%9c/\n");
        _site.Map("/보도자료/1", Html, "<p>x</p>");
        _site.Map("/수출/2", Html, "<p>x</p>");
        _site.Map("/보도/3", Html, "<p>x</p>");
        using var harness = new FetchHarness();

        var failure = await Assert.ThrowsAsync<RobotsRefusalException>(() => harness.GetAsync(_site.Url("보도자료/1")));
        await Assert.ThrowsAsync<RobotsRefusalException>(() => harness.GetAsync(_site.Url("수출/2")));
        await harness.GetAsync(_site.Url("보도/3"));

        Assert.Contains("robots.txt", failure.Message, StringComparison.Ordinal);
        Assert.Equal((0, 0, 1), (_site.Count("/보도자료/1"), _site.Count("/수출/2"), _site.Count("/보도/3")));
    }

    [Fact]
    public async Task Get_RobotsAnswers503_NothingIsFetchedFromTheHost()
    {
        _site.Map("/robots.txt", (context, _) => ScriptedSite.Write(context, "text/plain", [], 503));
        _site.Map("/page", Html, "<p>x</p>");
        using var harness = new FetchHarness(new Dictionary<string, string?> { ["Fetching:MaxRetries"] = "0" });

        var failure = await Assert.ThrowsAsync<FetchException>(() => harness.GetAsync(_site.Url("page")));

        Assert.Contains("robots.txt of", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, _site.Count("/page"));
    }

    [Fact]
    public async Task Get_Pdf_IsSkippedAsNotABulletin()
    {
        _site.Map("/release.pdf", (context, _) => ScriptedSite.Write(context, "application/pdf", "%PDF-1.7"u8.ToArray()));
        using var harness = new FetchHarness();

        await Assert.ThrowsAsync<UnsupportedContentException>(() => harness.GetAsync(_site.Url("release.pdf")));

        Assert.Contains(harness.Log.Lines, l => l.Event.Id == 1102 && l.Message.Contains("application/pdf", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_HostKeepsFailing_CircuitOpensForThatHostOnly()
    {
        await using var other = await ScriptedSite.StartAsync();
        other.Map("/fine", Html, "<p>fine</p>");
        _site.Map("/down", (context, _) => ScriptedSite.Write(context, Html, [], 500));
        using var harness = new FetchHarness(new Dictionary<string, string?>
        {
            ["Fetching:MaxRetries"] = "0",
            // robots.txt (a 404, not a failure) and three 500s: three of four failed.
            ["Fetching:CircuitMinimumThroughput"] = "4",
            ["Fetching:CircuitBreakDuration"] = "00:10:00",
        });

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<FetchException>(() => harness.GetAsync(_site.Url("down")));
        }

        var paused = await Assert.ThrowsAsync<FetchException>(() => harness.GetAsync(_site.Url("down")));
        await harness.GetAsync(other.Url("fine"));

        Assert.Contains("left alone", paused.Message, StringComparison.Ordinal);
        Assert.Equal(3, _site.Count("/down"));
        Assert.Equal(1, other.Count("/fine"));
    }

    [Fact]
    public async Task Get_SameHostThreeTimes_RequestsAreSpacedByTheHostInterval()
    {
        _site.Map("/p", Html, "<p>x</p>");
        using var harness = new FetchHarness(new Dictionary<string, string?> { ["Fetching:HostInterval"] = "00:00:00.300" });

        await Task.WhenAll(harness.GetAsync(_site.Url("p")), harness.GetAsync(_site.Url("p")), harness.GetAsync(_site.Url("p")));

        var times = _site.Seen.Select(s => s.Timestamp).Order().ToList();
        Assert.Equal(4, times.Count); // robots.txt, then the page three times
        // Four requests take three intervals (0.9 s) when throttled and a few milliseconds when not.
        // Arrival times also carry connection set-up, so only two intervals are required: a lower
        // bound with room for a slow machine, never an upper one.
        Assert.True(Stopwatch.GetElapsedTime(times[0], times[^1]) >= TimeSpan.FromMilliseconds(600));
    }

    [Fact]
    public async Task Get_FileUrl_IsRefusedWithoutARequest()
    {
        using var harness = new FetchHarness();

        await Assert.ThrowsAsync<FetchException>(() => harness.GetAsync(new Uri("file:///etc/passwd")));
    }

    private static Task Redirect(HttpContext context, string location)
    {
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }
}

file static class CodePages
{
    static CodePages() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding EucKr => Encoding.GetEncoding("euc-kr");
}
