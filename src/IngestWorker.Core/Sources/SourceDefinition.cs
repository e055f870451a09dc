namespace IngestWorker.Core.Sources;

/// <summary>One configured place where bulletins are published.</summary>
public sealed class SourceDefinition
{
    /// <summary>Stable id, used in the store and the log (letters, digits, '-', '_').</summary>
    public string Id { get; set; } = "";

    /// <summary><c>folder</c> (bulletin files on disk) or <c>http</c> (a listing page, feed or single page).</summary>
    public string Kind { get; set; } = "";

    /// <summary>Quartz cron expression, for example <c>0 0/10 * * * ?</c>.</summary>
    public string Schedule { get; set; } = "0 0/10 * * * ?";

    /// <summary>
    /// Further Quartz cron expressions the source also runs on, in the same time zone: a publisher's
    /// release windows polled often by <see cref="Schedule"/>, and a rare check outside them here.
    /// </summary>
    public List<string> ExtraSchedules { get; set; } = [];

    /// <summary><see cref="Schedule"/> followed by <see cref="ExtraSchedules"/>.</summary>
    public IEnumerable<string> AllSchedules => [Schedule, .. ExtraSchedules];

    /// <summary>IANA (or Windows) time zone the schedule is read in.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary><see cref="TimeZone"/> as a zone; UTC when it names none (the start-up check refuses such a configuration).</summary>
    public TimeZoneInfo Zone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>Language of its bulletins: <c>en</c> or <c>ko</c>; empty lets extraction detect it.</summary>
    public string? Language { get; set; }

    /// <summary>ISO alpha-2 economy a bulletin is about when it names none.</summary>
    public string? Reporter { get; set; }

    /// <summary>Higher wins when sources disagree: an official release outranks a news report.</summary>
    public int Priority { get; set; } = 50;

    public bool Enabled { get; set; } = true;

    /// <summary>Run once as soon as the service starts, before the first scheduled time.</summary>
    public bool RunAtStartup { get; set; } = true;

    /// <summary>For <c>folder</c>: the folder, relative to the content root or absolute.</summary>
    public string? Folder { get; set; }

    /// <summary>For <c>folder</c>: file name patterns to read.</summary>
    public List<string> Patterns { get; set; } = [];

    /// <summary>For <c>http</c>: the listing page, feed or single bulletin page.</summary>
    public string? Url { get; set; }

    /// <summary>For <c>http</c>: <c>auto</c> (feed if it parses as one, else listing), <c>listing</c>, <c>feed</c> or <c>page</c>.</summary>
    public string Shape { get; set; } = "auto";

    /// <summary>
    /// For <c>http</c>: the HTTP method of the listing or feed request, <c>GET</c> (default) or
    /// <c>POST</c> (with an empty form body; some ministries' RSS answers 405 to GET). Bulletin pages
    /// are always read with GET.
    /// </summary>
    public string Method { get; set; } = "GET";

    /// <summary>
    /// For a feed: what a bulletin is. <c>page</c> (default): the page the item links to, or the item's
    /// description when that page has no text. <c>description</c>: the item's content or description
    /// itself (a feed that carries whole releases); the linked page is never fetched.
    /// </summary>
    public string ItemText { get; set; } = "page";

    /// <summary>For a listing: XPath of the links that lead to bulletins.</summary>
    public string LinkXPath { get; set; } = "//a[@href]";

    /// <summary>
    /// For a listing whose rows are script links: how the bulletin's address is built from the
    /// element <see cref="LinkXPath"/> selects. Null: the element's <c>href</c> is the address.
    /// </summary>
    public LinkRecipe? LinkRecipe { get; set; }

    /// <summary>For a listing: XPath of the link to the next page.</summary>
    public string NextPageXPath { get; set; } = "//a[@rel='next'] | //link[@rel='next']";

    /// <summary>For a listing: how many pages to follow.</summary>
    public int MaxPages { get; set; } = 3;

    /// <summary>
    /// For a listing paginated by a query parameter: the URL of page N with <c>{page}</c> in place of
    /// the number (for example <c>...?pageIndex={page}</c>). Pages 2 to <see cref="MaxPages"/> are read
    /// from it instead of following <see cref="NextPageXPath"/>.
    /// </summary>
    public string? PageUrlTemplate { get; set; }

    /// <summary>Keep only bulletins whose title or URL contains one of these (case-insensitive); empty keeps all.</summary>
    public List<string> Keywords { get; set; } = [];

    /// <summary>Keep only bulletins whose title or URL matches this regular expression (case-insensitive); empty keeps all.</summary>
    public string? LinkPattern { get; set; }

    /// <summary>
    /// URL prefixes besides the source's own host that its links may lead to (a ministry's board on
    /// one host linking its releases on another); links anywhere else are not followed.
    /// </summary>
    public List<string> AllowedPrefixes { get; set; } = [];

    /// <summary>
    /// Which links of a bulletin page are attachments to read (PDF, HWPX): a regular expression
    /// (case-insensitive) on the resolved URL, of plain links and of the path a
    /// <c>javascript:</c> link passes. Empty uses <see cref="Attachments.AttachmentLinks.DefaultPattern"/>:
    /// .pdf, .hwp and .hwpx files and the usual download endpoints.
    /// </summary>
    public string? AttachmentPattern { get; set; }

    /// <summary>
    /// A listed bulletin whose last stored content is younger than this is fetched again
    /// (conditionally, usually a 304) on every run, so a correction published at the same URL is
    /// seen; older ones are not asked for again. Zero never re-checks.
    /// </summary>
    public TimeSpan Revisit { get; set; } = TimeSpan.FromDays(14);

    public static readonly IReadOnlyList<string> Kinds = ["folder", "http"];
    public static readonly IReadOnlyList<string> Shapes = ["auto", "listing", "feed", "page"];
    public static readonly IReadOnlyList<string> Methods = ["GET", "POST"];
    public static readonly IReadOnlyList<string> ItemTexts = ["page", "description"];
}
