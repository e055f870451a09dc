using System.Net;
using IngestWorker.Core.Fetching;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Polly;

namespace IngestWorker.Core.Tests.Fetching;

/// <summary>The small rules under the fetcher: robots.txt matching, local targets, the host throttle, what is retried.</summary>
public sealed class FetchRulesTests
{
    [Theory]
    [InlineData("/private/", "/private/x.html", true)]
    [InlineData("/private/", "/privatex", false)]
    [InlineData("/*.pdf$", "/files/a.pdf", true)]
    [InlineData("/*.pdf$", "/files/a.pdf?x=1", false)]
    [InlineData("/board/*/edit", "/board/12/edit", true)]
    [InlineData("/board/*/edit", "/board/12/view", false)]
    [InlineData("/$", "/", true)]
    [InlineData("/$", "/a", false)]
    public void Robots_Pattern_MatchesAsRfc9309(string pattern, string path, bool expected) =>
        Assert.Equal(expected, RobotsRules.Matches(pattern, path));

    [Fact]
    public void Robots_LongestRuleWinsAndAllowWinsTies()
    {
        var rules = RobotsRules.Parse("User-agent: *\nDisallow: /eng/\nAllow: /eng/article/\nDisallow: /x\nAllow: /x\n", "IngestWorker");

        Assert.False(rules.Allows(new Uri("https://example.org/eng/main")));
        Assert.True(rules.Allows(new Uri("https://example.org/eng/article/EATCL0512e0b48?pageIndex=2")));
        Assert.True(rules.Allows(new Uri("https://example.org/x")));
    }

    [Fact]
    public void Robots_OwnGroupCaseInsensitive_ReplacesStarAndCarriesCrawlDelay()
    {
        var rules = RobotsRules.Parse("User-agent: *\nDisallow: /\n\nUser-agent: googlebot\nUser-agent: ingestworker\nCrawl-delay: 7\nDisallow: /search\n", "IngestWorker");

        Assert.True(rules.Allows(new Uri("https://example.org/news")));
        Assert.False(rules.Allows(new Uri("https://example.org/search?q=1")));
        Assert.Equal(TimeSpan.FromSeconds(7), rules.CrawlDelay);
    }

    [Fact]
    public void Robots_KoreanPathRule_DisallowsThePercentEncodedUrlHttpClientSends()
    {
        var rules = RobotsRules.Parse("User-agent: *\nDisallow: /보도자료/\n", "IngestWorker");
        var url = new Uri("https://example.org/보도자료/1?page=2");

        Assert.StartsWith("/%EB%B3%B4%EB%8F%84%EC%9E%90%EB%A3%8C/", url.PathAndQuery, StringComparison.Ordinal);
        Assert.False(rules.Allows(url));
        Assert.True(rules.Allows(new Uri("https://example.org/보도/1")));
    }

    [Fact]
    public void Robots_LowerCasePercentEncodedRule_DisallowsTheUpperCaseEncodedUrl()
    {
        var rules = RobotsRules.Parse("User-agent: *\nDisallow: /%ec%88%98%ec%b6%9c\n", "IngestWorker");

        Assert.False(rules.Allows(new Uri("https://example.org/%EC%88%98%EC%B6%9C/2025")));
        Assert.False(rules.Allows(new Uri("https://example.org/수출/2025")));
        Assert.True(rules.Allows(new Uri("https://example.org/%EC%88%98/2025")));
    }

    [Theory]
    [InlineData("/보도자료/", "/%EB%B3%B4%EB%8F%84%EC%9E%90%EB%A3%8C/")]
    [InlineData("/%ec%88%98", "/%EC%88%98")]
    [InlineData("/foo/bar/%62%61%7A", "/foo/bar/baz")]
    [InlineData("/a%2fb", "/a%2Fb")]
    [InlineData("/a%2Fb", "/a%2Fb")]
    [InlineData("/50%", "/50%")]
    [InlineData("/%zz", "/%zz")]
    [InlineData("/*.pdf$", "/*.pdf$")]
    [InlineData("/😀", "/%F0%9F%98%80")]
    public void Robots_Normalize_IsRfc9309sComparisonForm(string path, string expected)
    {
        Assert.Equal(expected, RobotsRules.Normalize(path));
        Assert.Equal(expected, RobotsRules.Normalize(expected));
    }

    [Fact]
    public void Robots_EncodedSlashRule_DoesNotMatchARealSlash()
    {
        var rules = RobotsRules.Parse("User-agent: *\nDisallow: /a%2fb\n", "IngestWorker");

        Assert.True(rules.Allows(new Uri("https://example.org/a/b")));
        Assert.False(rules.Allows(new Uri("https://example.org/a%2Fb")));
    }

    [Fact]
    public void Robots_ProductToken_IsTheUserAgentsFirstWord() =>
        Assert.Equal("IngestWorker", HttpFetcher.ProductToken("IngestWorker/1.0 (trade bulletin reader)"));

    [Theory]
    [InlineData("http://127.0.0.1:8080/", true)]
    [InlineData("http://127.9.9.9/", true)]
    [InlineData("http://[::1]/", true)]
    [InlineData("http://localhost/admin", true)]
    [InlineData("http://api.localhost/", true)]
    [InlineData("http://169.254.169.254/latest/meta-data", true)]
    [InlineData("http://0.0.0.0/", true)]
    [InlineData("http://10.1.2.3/", true)]
    [InlineData("http://172.16.0.1/", true)]
    [InlineData("http://172.31.255.255/", true)]
    [InlineData("http://192.168.1.1/", true)]
    [InlineData("http://100.64.0.1/", true)]
    [InlineData("http://100.127.255.254/", true)]
    [InlineData("http://[fe80::1]/", true)]
    [InlineData("http://[fc00::1]/", true)]
    [InlineData("http://[fd12:3456::1]/", true)]
    [InlineData("http://[::ffff:10.0.0.1]/", true)]
    [InlineData("http://[::ffff:169.254.169.254]/", true)]
    [InlineData("http://[::ffff:127.0.0.1]/", true)]
    [InlineData("https://english.motir.go.kr/eng/", false)]
    [InlineData("http://172.32.0.1/", false)]
    [InlineData("http://100.128.0.1/", false)]
    [InlineData("http://203.0.113.7/", false)]
    [InlineData("http://[2001:db8::1]/", false)]
    [InlineData("http://[::ffff:203.0.113.7]/", false)]
    public void Targets_PrivateAddresses_AreRecognised(string url, bool isPrivate) => Assert.Equal(isPrivate, Targets.IsPrivate(new Uri(url)));

    [Fact]
    public void Reach_NamesTheHostsOfTheSourcesConfiguration()
    {
        var reach = Reach.Of(new IngestWorker.Core.Sources.SourceDefinition { Url = "http://10.0.0.5:8080/board", AllowedPrefixes = ["http://[fd00::7]/files/"] });

        Assert.Null(reach.Refusal(new Uri("http://10.0.0.5:8080/news/1")));
        Assert.Null(reach.Refusal(new Uri("http://[fd00::7]/files/a.html")));
        Assert.NotNull(reach.Refusal(new Uri("http://10.0.0.6/")));
        Assert.NotNull(reach.Refusal(new Uri("http://169.254.169.254/latest/meta-data")));
        Assert.Null(reach.Refusal(new Uri("https://english.motir.go.kr/eng/")));
    }

    [Fact]
    public async Task Throttle_SecondRequestToAHost_WaitsTheIntervalAndOtherHostsDoNot()
    {
        var time = new FakeTimeProvider();
        var throttle = new HostThrottle(time, Options.Create(new FetchOptions { HostInterval = TimeSpan.FromSeconds(5) }));
        var a = new Uri("https://a.example/1");

        await throttle.WaitTurnAsync(a, CancellationToken.None);
        var second = throttle.WaitTurnAsync(a, CancellationToken.None);
        var third = throttle.WaitTurnAsync(a, CancellationToken.None);
        await throttle.WaitTurnAsync(new Uri("https://b.example/1"), CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));
        await second;
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));
        await third;
    }

    [Fact]
    public async Task Throttle_CrawlDelayLongerThanTheInterval_IsHonoured()
    {
        var time = new FakeTimeProvider();
        var throttle = new HostThrottle(time, Options.Create(new FetchOptions { HostInterval = TimeSpan.FromSeconds(1) }));
        var a = new Uri("https://a.example/1");
        throttle.SetCrawlDelay(a, TimeSpan.FromSeconds(10));

        await throttle.WaitTurnAsync(a, CancellationToken.None);
        var next = throttle.WaitTurnAsync(a, CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await next;
    }

    [Fact]
    public void Retry_NameThatDoesNotResolve_IsNotRetried()
    {
        var dns = Outcome.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known"));
        var refused = Outcome.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));

        Assert.False(FetchResilience.ShouldRetry(dns, TimeSpan.FromMinutes(1), TimeProvider.System));
        Assert.True(FetchResilience.ShouldRetry(refused, TimeSpan.FromMinutes(1), TimeProvider.System));
    }

    [Fact]
    public void Retry_RetryAfterAsADate_IsReadAgainstTheClock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(30), FetchResilience.RetryAfter(response, time));
        Assert.False(FetchResilience.ShouldRetry(Outcome.FromResult(response), TimeSpan.FromSeconds(10), time));
    }
}
