using System.Text;
using IngestWorker.Core.Attachments;
using IngestWorker.Core.Fetching;
using IngestWorker.Core.Sources;
using IngestWorker.Core.Storage;
using IngestWorker.Core.Tests.Fetching;
using IngestWorker.Extraction;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IngestWorker.Core.Tests.Attachments;

/// <summary>
/// Releases published only as a PDF or HWPX attachment: read into the same figures as the page, followed
/// from a bulletin page (script links and extensionless download endpoints included), and refused
/// clearly when they cannot or must not be read.
/// </summary>
public sealed class AttachmentTests : IAsyncLifetime
{
    private const string Html = "text/html; charset=utf-8";
    private static readonly DateOnly Published = new(2025, 12, 1);
    private ScriptedSite _site = null!;

    public async Task InitializeAsync() => _site = await ScriptedSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private static AttachmentReader Reader(Action<FetchOptions>? configure = null)
    {
        var options = new FetchOptions();
        configure?.Invoke(options);
        return new AttachmentReader(Options.Create(options));
    }

    /// <summary>What the extractor reads: key, measure and value, the way the store tells figures apart.</summary>
    private static List<string> Records(string html) =>
        [.. new FigureExtractor().Read(html, _ => new BulletinContext(Published, null, "KR")).Records
            .Select(r => $"{r.Reporter} {r.Flow} {r.Product} {r.Partner} {r.Period} {r.Measure} {r.Value} {r.Unit}").Order()];

    private static readonly string[] Headline =
    [
        "KR balance total world 2025-11 value 9730000000 USD",
        "KR exports semiconductors world 2025-11 value 17260000000 USD",
        "KR exports semiconductors world 2025-11 yoy_pct 38.6 %",
        "KR exports total world 2025-11 value 61040000000 USD",
        "KR exports total world 2025-11 yoy_pct 8.4 %",
        "KR imports total world 2025-11 value 51310000000 USD",
        // From the table alone.
        "KR imports total world 2025-11 yoy_pct 1.2 %",
    ];

    [Fact]
    public async Task Pdf_NovemberRelease_GivesTheRecordsOfTheSamePage()
    {
        var page = Records(ReleaseFiles.Html(ReleaseFiles.English, ReleaseFiles.EnglishTable));

        var html = await Reader().ToHtmlAsync(ReleaseFiles.Pdf(), "release.pdf", "application/pdf", CancellationToken.None);

        Assert.Contains("<td>Imports</td><td>51.31</td><td>1.2</td>", html, StringComparison.Ordinal);
        Assert.Equal(page, Records(html));
        Assert.Subset(page.ToHashSet(), Headline.ToHashSet());
    }

    [Fact]
    public async Task Hwpx_KoreanNovemberRelease_GivesTheRecordsOfTheSamePage()
    {
        var page = Records(ReleaseFiles.Html(ReleaseFiles.Korean, ReleaseFiles.KoreanTable));

        var html = await Reader().ToHtmlAsync(ReleaseFiles.Hwpx(), null, "application/octet-stream", CancellationToken.None);

        Assert.Contains("<p>2025년 11월 수출은 전년 동월 대비 8.4% 증가한 610.4억 달러를 기록했다.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<td>수입</td><td>513.1</td><td>1.2</td>", html, StringComparison.Ordinal);
        Assert.Equal(page, Records(html));
        Assert.Subset(page.ToHashSet(), Headline.ToHashSet());
    }

    [Fact]
    public async Task Pdf_OverThePageLimit_IsRefusedNamingTheSetting()
    {
        var e = await Assert.ThrowsAsync<AttachmentException>(() =>
            Reader(o => o.MaxAttachmentPages = 2).ToHtmlAsync(ReleaseFiles.Pdf(extraPages: 2), "release.pdf", "application/pdf", CancellationToken.None));

        Assert.Equal("the PDF has 3 pages, over the limit of 2 (Fetching:MaxAttachmentPages)", e.Message);
    }

    [Fact]
    public async Task Hwpx_ZipBombAndTooManyEntries_AreRefusedNamingTheSetting()
    {
        var bomb = ReleaseFiles.ZipBomb(8 * 1024 * 1024);
        Assert.True(bomb.Length < 64 * 1024);

        var big = await Assert.ThrowsAsync<AttachmentException>(() =>
            Reader(o => o.MaxAttachmentUnzippedBytes = 1024 * 1024).ToHtmlAsync(bomb, "r.hwpx", null, CancellationToken.None));
        var many = await Assert.ThrowsAsync<AttachmentException>(() =>
            Reader(o => o.MaxAttachmentEntries = 1).ToHtmlAsync(ReleaseFiles.Hwpx(), "r.hwpx", null, CancellationToken.None));

        Assert.Contains("over the limit of 1048576 (Fetching:MaxAttachmentUnzippedBytes)", big.Message, StringComparison.Ordinal);
        Assert.Equal("the zip has 2 entries, over the limit of 1 (Fetching:MaxAttachmentEntries)", many.Message);
    }

    [Theory]
    [InlineData("release.hwp", "application/x-hwp", AttachmentReader.BinaryHwpUnsupported)]
    [InlineData(null, "application/octet-stream", AttachmentReader.BinaryHwpUnsupported)]
    [InlineData("release.doc", "application/octet-stream", "a binary Word document (.doc) is not read")]
    public async Task BinaryCompoundFile_IsUnsupported(string? fileName, string contentType, string expected)
    {
        var e = await Assert.ThrowsAsync<UnsupportedAttachmentException>(() =>
            Reader().ToHtmlAsync(ReleaseFiles.BinaryHwp(), fileName, contentType, CancellationToken.None));

        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public void AttachmentType_MagicBytesOutrankNameAndType()
    {
        Assert.Equal(AttachmentKind.Pdf, AttachmentType.Of(ReleaseFiles.Pdf(), "release.hwp", "application/x-hwp"));
        Assert.Equal(AttachmentKind.Zip, AttachmentType.Of(ReleaseFiles.Hwpx(), "release.pdf", "application/pdf"));
        Assert.Equal(AttachmentKind.Compound, AttachmentType.Of(ReleaseFiles.BinaryHwp(), "release.pdf", "application/pdf"));
        Assert.Equal(AttachmentKind.Pdf, AttachmentType.Of("garbage"u8, "Release.PDF", "application/octet-stream"));
        Assert.Equal(AttachmentKind.Zip, AttachmentType.Of("garbage"u8, null, "application/hwp+zip; charset=binary"));
        Assert.Equal(AttachmentKind.Unknown, AttachmentType.Of("garbage"u8, "/down.do", "application/octet-stream"));
    }

    [Fact]
    public void AttachmentLinks_ScriptPlainAndEndpointLinks_AreFoundResolvedAndDeduplicated()
    {
        var page = new Uri("https://www.motie.go.kr/kor/article/ATCL3f49a5a8c/170000/view");
        var html = """
            <a href="/files/release.pdf">PDF</a>
            <a href="javascript:location.href='/attach/down/8f1c'">HWPX</a>
            <a href="#" onclick="fnDownload('../common/nttFileDownload.do?fileKey=a1&amp;fileSn=0'); return false;">file</a>
            <a href="javascript:fn_egov_downFile('FILE_000000000012345','0')">ids only</a>
            <a href="/files/release.pdf#page=2">again</a>
            <a href="/kor/article/ATCL3f49a5a8c/170001/view">next release</a>
            <a href="/files/photo.jpg">photo</a>
            """;

        var found = AttachmentLinks.Find(html, page, pattern: null);
        var custom = AttachmentLinks.Find(html, page, pattern: @"\.jpg$");

        Assert.Equal(
            ["https://www.motie.go.kr/files/release.pdf", "https://www.motie.go.kr/attach/down/8f1c",
             "https://www.motie.go.kr/kor/article/ATCL3f49a5a8c/common/nttFileDownload.do?fileKey=a1&fileSn=0"],
            found.Select(l => l.Url.AbsoluteUri));
        Assert.Equal("HWPX", found[1].Text);
        Assert.Equal(["https://www.motie.go.kr/files/photo.jpg"], custom.Select(l => l.Url.AbsoluteUri));
    }

    /// <summary>A release page in the ministry's shape: a dated page stating one figure, its files behind a script link and a download endpoint.</summary>
    private static string ReleasePage(params string[] links) =>
        "<html><head><meta property='article:published_time' content='2025-12-01T09:00:00+09:00'><title>November 2025 trade</title></head><body>"
        + "<h1>November 2025 trade</h1><p>Exports rose 8.4% from a year earlier to $61.04 billion in November.</p><p>The full release is attached.</p>"
        + string.Concat(links) + "</body></html>";

    private SourceDefinition PageSource(string path) =>
        new() { Id = "motie", Kind = "http", Url = _site.Url(path).AbsoluteUri, Shape = "page", Reporter = "KR", Language = "en" };

    private static Func<HttpContext, int, Task> File(byte[] content, string contentType, string? fileName = null) => (context, _) =>
    {
        if (fileName is not null)
        {
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        }

        return ScriptedSite.Write(context, contentType, content);
    };

    [Fact]
    public async Task Run_PageWithScriptLinkAndDownloadEndpoint_StoresAttachmentFiguresWithTheirUrlAndThePage()
    {
        _site.Map("/view/170000", Html, ReleasePage(
            "<a href=\"javascript:location.href='/attach/down/8f1c'\">release.pdf</a>",
            "<a href='/common/nttFileDownload.do?fileKey=a1'>release.hwpx</a>"));
        _site.Map("/attach/down/8f1c", File(ReleaseFiles.Pdf(), "application/octet-stream", "release.pdf"));
        _site.Map("/common/nttFileDownload.do?fileKey=a1", File(ReleaseFiles.Hwpx(), "application/hwp+zip"));
        using var harness = new FetchHarness();
        var source = PageSource("view/170000");
        var (pageUrl, pdfUrl, hwpxUrl) = (_site.Url("view/170000").AbsoluteUri, _site.Url("attach/down/8f1c").AbsoluteUri,
            _site.Url("common/nttFileDownload.do?fileKey=a1").AbsoluteUri);

        var first = await harness.Pipeline.RunAsync(source, CancellationToken.None);

        Assert.Equal((1, 1), (_site.Count("/attach/down/8f1c"), _site.Count("/common/nttFileDownload.do?fileKey=a1")));
        Assert.Equal((3, 3, 0, false), (first.Documents, first.NewDocuments, first.RevisedFigures, first.Failed));
        var pdf = harness.Store.LatestDocument("motie", pdfUrl)!;
        var hwpx = harness.Store.LatestDocument("motie", hwpxUrl)!;
        Assert.Equal((pageUrl, pageUrl, null), (pdf.ReleaseUrl, hwpx.ReleaseUrl, harness.Store.LatestDocument("motie", pageUrl)!.ReleaseUrl));
        // Read under its release's date and title, so its figures are logged with the bulletin's headline.
        Assert.Equal(("2025-12-01", "November 2025 trade"), (pdf.Published, pdf.Title));
        Assert.Equal(harness.Store.LatestDocument("motie", pageUrl)!.PublishedFrom, pdf.PublishedFrom);
        Assert.NotEqual(PublicationSource.Feed, pdf.PublishedFrom);

        // Imports first appear in the PDF: its figure names the PDF as its document and the page as its release.
        var imports = Assert.Single(harness.Store.History(new FigureFilter("KR", "imports", "total", "world", "2025-11", "value")));
        Assert.Equal((51_310_000_000m, pdfUrl, pageUrl), (imports.Value, imports.DocumentUrl, imports.ReleaseUrl));
        // The page, the PDF and the HWPX state the same exports: one version, from the page, confirmed twice, never a revision.
        var exports = Assert.Single(harness.Store.History(new FigureFilter("KR", "exports", "total", "world", "2025-11", "value")));
        Assert.Equal((pageUrl, (string?)null, 2), (exports.DocumentUrl, exports.ReleaseUrl, harness.Store.ConfirmationCount(exports.Id)));
        var semiconductors = Assert.Single(harness.Store.History(new FigureFilter("KR", "exports", "semiconductors", "world", "2025-11", "value")));
        Assert.Equal(17_260_000_000m, semiconductors.Value);

        // The page unchanged: its attachments, all stored, are not asked for again.
        var second = await harness.Pipeline.RunAsync(source, CancellationToken.None);

        Assert.Equal((1, 1), (_site.Count("/attach/down/8f1c"), _site.Count("/common/nttFileDownload.do?fileKey=a1")));
        Assert.Equal((1, 0, 0), (second.Documents, second.NewDocuments, second.RevisedFigures));
    }

    [Fact]
    public async Task Run_AttachmentFailedBefore_IsTriedAgainWhileThePageIsUnchanged()
    {
        _site.Map("/view/1", Html, ReleasePage("<a href='/files/release.pdf'>release</a>"));
        _site.Map("/files/release.pdf", (context, n) => n == 1
            ? ScriptedSite.Write(context, "text/plain", "gone"u8.ToArray(), StatusCodes.Status404NotFound)
            : ScriptedSite.Write(context, "application/pdf", ReleaseFiles.Pdf()));
        using var harness = new FetchHarness();

        var first = await harness.Pipeline.RunAsync(PageSource("view/1"), CancellationToken.None);
        var second = await harness.Pipeline.RunAsync(PageSource("view/1"), CancellationToken.None);

        Assert.Equal((1, true), (first.FailedDocuments, first.Failed));
        Assert.Equal((2, 1, false), (second.Documents, second.NewDocuments, second.Failed));
        Assert.NotNull(harness.Store.LatestDocument("motie", _site.Url("files/release.pdf").AbsoluteUri));
    }

    [Fact]
    public async Task Run_BinaryHwpAttachment_IsReportedUnsupportedAndNotStored()
    {
        _site.Map("/view/2", Html, ReleasePage("<a href='/files/release.hwp'>release.hwp</a>"));
        _site.Map("/files/release.hwp", File(ReleaseFiles.BinaryHwp(), "application/x-hwp"));
        using var harness = new FetchHarness();
        var url = _site.Url("files/release.hwp").AbsoluteUri;

        var summary = await harness.Pipeline.RunAsync(PageSource("view/2"), CancellationToken.None);
        // The page is unchanged on the next run: the file that could not be read is not asked for again.
        await harness.Pipeline.RunAsync(PageSource("view/2"), CancellationToken.None);

        Assert.Equal(1, _site.Count("/files/release.hwp"));
        Assert.Equal(2, _site.Count("/view/2"));
        Assert.Null(harness.Store.LatestDocument("motie", url));
        Assert.False(summary.Failed);
        var warning = Assert.Single(harness.Log.Lines, l => l.Event.Id == 1170);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal($"Attachment {url} of {_site.Url("view/2").AbsoluteUri} from motie not read: binary HWP is not supported; the ministry's PDF/HWPX is needed", warning.Message);
    }

    [Fact]
    public async Task Run_ZipBombAndOverlongPdf_AreRefusedWithTheirLimitAndNotStored()
    {
        _site.Map("/view/3", Html, ReleasePage("<a href='/files/a.hwpx'>a</a>", "<a href='/files/b.pdf'>b</a>"));
        _site.Map("/files/a.hwpx", File(ReleaseFiles.ZipBomb(4 * 1024 * 1024), "application/octet-stream"));
        _site.Map("/files/b.pdf", File(ReleaseFiles.Pdf(extraPages: 3), "application/pdf"));
        using var harness = new FetchHarness(new Dictionary<string, string?>
        {
            ["Fetching:MaxAttachmentUnzippedBytes"] = "1000000",
            ["Fetching:MaxAttachmentPages"] = "3",
        });

        await harness.Pipeline.RunAsync(PageSource("view/3"), CancellationToken.None);

        Assert.Null(harness.Store.LatestDocument("motie", _site.Url("files/a.hwpx").AbsoluteUri));
        Assert.Null(harness.Store.LatestDocument("motie", _site.Url("files/b.pdf").AbsoluteUri));
        var refused = harness.Log.Lines.Where(l => l.Event.Id == 1172).Select(l => l.Message).ToList();
        Assert.Equal(2, refused.Count);
        Assert.Contains(refused, m => m.EndsWith("over the limit of 1000000 (Fetching:MaxAttachmentUnzippedBytes)", StringComparison.Ordinal));
        Assert.Contains(refused, m => m.EndsWith("the PDF has 4 pages, over the limit of 3 (Fetching:MaxAttachmentPages)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_MoreAttachmentsThanTheLimit_FollowsTheFirstOnly()
    {
        _site.Map("/view/4", Html, ReleasePage([.. Enumerable.Range(1, 4).Select(i => $"<a href='/files/{i}.pdf'>{i}</a>")]));
        foreach (var i in Enumerable.Range(1, 4))
        {
            _site.Map($"/files/{i}.pdf", File(ReleaseFiles.Pdf(), "application/pdf"));
        }

        using var harness = new FetchHarness(new Dictionary<string, string?> { ["Fetching:MaxAttachmentsPerPage"] = "2" });

        await harness.Pipeline.RunAsync(PageSource("view/4"), CancellationToken.None);

        Assert.Equal([1, 1, 0, 0], Enumerable.Range(1, 4).Select(i => _site.Count($"/files/{i}.pdf")));
        Assert.Contains(harness.Log.Lines, l => l.Event.Id == 1173 && l.Message.Contains("links 4 attachments; following the first 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reprocess_ArchivedAttachment_IsReadAgainFromItsPdf()
    {
        _site.Map("/view/5", Html, ReleasePage("<a href='/files/release.pdf'>release</a>"));
        _site.Map("/files/release.pdf", File(ReleaseFiles.Pdf(), "application/pdf"));
        using var harness = new FetchHarness();
        await harness.Pipeline.RunAsync(PageSource("view/5"), CancellationToken.None);
        var reprocessor = new IngestWorker.Core.Ingestion.Reprocessor(harness.Store, new FigureExtractor(),
            new IngestWorker.Core.Ingestion.OutcomeLogger(Microsoft.Extensions.Logging.Abstractions.NullLogger<IngestWorker.Core.Ingestion.OutcomeLogger>.Instance),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<IngestWorker.Core.Ingestion.Reprocessor>.Instance);

        var result = reprocessor.Run("motie", _ => "KR", progress: null, CancellationToken.None);

        // Nothing failed, nothing changed: the PDF reads the same again.
        Assert.Equal((2, 0, 0, 0), (result.Documents, result.FailedDocuments, result.NewFigures, result.ChangedFigures));
        Assert.True(result.UnchangedFigures >= 7);
    }
}
