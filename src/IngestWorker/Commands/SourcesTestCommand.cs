using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using IngestWorker.Core.Attachments;
using IngestWorker.Core.Fetching;
using IngestWorker.Core.Ingestion;
using IngestWorker.Core.Sources;
using IngestWorker.Extraction;
using IngestWorker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IngestWorker.Commands;

/// <summary>
/// <c>sources test ID</c>: reads an http source's listing or feed once and its newest selected
/// bulletin through the same fetcher, recipe and selection as a run, and prints what it found,
/// without the store (the database is not opened, so it works while the service runs): how a
/// person checks a recipe before trusting it.
/// </summary>
internal static class SourcesTestCommand
{
    public static Command Create(Option<string?> db)
    {
        var id = new Argument<string>("id") { Description = "The id of a configured http source (enabled or not)." };
        var format = new Option<string>("--format") { Description = "table (readable text) or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("test",
            "Read a source's listing or feed once and its newest selected bulletin, and print the links found with their verdicts, how many a run " +
            "would fetch, and the bulletin's date, figures and attachments (the first one read too). Nothing is stored; exit code 1 if the " +
            "listing gives no link, none is selected or a fetch fails.")
        {
            id, format,
        };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(db), result.GetValue(id)!, result.GetValue(format)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string? db, string id, string format, CancellationToken cancellationToken)
    {
        await using var services = ServiceHost.CreateServices(db);
        // Resolving the options validates them: a configuration problem is one line and exit code 2, as for 'once'.
        var source = services.GetRequiredService<IOptions<SourcesOptions>>().Value.Find(id);
        var limits = services.GetRequiredService<IOptions<FetchOptions>>().Value;
        if (source is null)
        {
            await Console.Error.WriteLineAsync($"No source '{id}' is configured; 'sources' lists them.");
            return HostRunner.ConfigurationError;
        }

        if (!source.Kind.Equals("http", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync($"Source '{source.Id}' is a {source.Kind} source; 'sources test' reads http sources (try a file with 'extract FILE').");
            return HostRunner.ConfigurationError;
        }

        var http = services.GetServices<IBulletinSource>().OfType<HttpSource>().Single();
        var report = new Report(source, format == "json");
        try
        {
            var reading = new Reader(services.GetRequiredService<FigureExtractor>(), services.GetRequiredService<TimeProvider>(), source);
            return await TestAsync(source, http, reading, services.GetRequiredService<AttachmentReader>(), limits, report, cancellationToken);
        }
        catch (FetchException e)
        {
            report.Failed(e.Message);
            return 1;
        }
        finally
        {
            report.Finish();
        }
    }

    private static async Task<int> TestAsync(SourceDefinition source, HttpSource http, Reader reader, AttachmentReader attachments,
        FetchOptions limits, Report report, CancellationToken cancellationToken)
    {
        var listing = await http.ListAsync(source, new Reading(), cancellationToken);
        report.Listing(listing);
        var worth = HttpSource.NewestFirst(listing.Selected).ToList();
        report.WouldFetch(worth, limits.MaxDocumentsPerRun);
        if (worth.Count == 0)
        {
            report.Failed($"none of the {listing.Links.Count} links is selected: check Keywords, LinkPattern and AllowedPrefixes");
            return 1;
        }

        var newest = worth[0];
        Console.Error.WriteLine($"reading {newest.Url}");
        var page = await http.FetchAsync(source, newest, previous: null, cancellationToken);
        var (metadata, records, published) = reader.Read(newest, CharsetDecoder.Decode(page.Content, page.ContentType), newest.Published ?? reader.ListedDate(newest));
        var problem = PageCheck.Problem(metadata);
        report.Bulletin(newest, metadata, published, records, problem);
        var failed = problem is not null;
        if (limits.MaxAttachmentsPerPage <= 0)
        {
            return failed ? 1 : 0;
        }

        // As a run does: links refused by the source's rules are listed but never asked for, and at most MaxAttachmentsPerPage are.
        var pageUrl = new Uri(newest.Url);
        var found = AttachmentLinks.Find(CharsetDecoder.Decode(page.Content, page.ContentType), pageUrl, source.AttachmentPattern)
            .Select(l => (Link: l, Refusal: LinkPolicy.Refusal(source, pageUrl, l.Url.AbsoluteUri, attachment: true)))
            .ToList();
        var allowed = 0;
        var verdicts = found.Select(f => (f.Link, Verdict: f.Refusal is { } refusal ? "refused: " + refusal
            : ++allowed > limits.MaxAttachmentsPerPage ? "not read: over Fetching:MaxAttachmentsPerPage" : "read by a run")).ToList();
        report.Attachments(verdicts);
        if (found.FirstOrDefault(f => f.Refusal is null).Link is not { } first)
        {
            return failed ? 1 : 0;
        }

        Console.Error.WriteLine($"reading {first.Url.AbsoluteUri}");
        try
        {
            var file = await http.FetchAttachmentAsync(source, first.Url, previous: null, cancellationToken);
            var html = await attachments.ToHtmlAsync(file.Content, file.FileName ?? first.Url.AbsolutePath, file.ContentType, cancellationToken);
            // The attachment belongs to the page's release: read against the page's date, in the feed's language if it gave one.
            var attachment = newest with { Url = first.Url.AbsoluteUri, Title = first.Text ?? metadata.Title ?? newest.Title };
            var (_, figures, _) = reader.Read(attachment, html, published);
            report.Attachment(first.Url, figures, notRead: null);
        }
        catch (Exception e) when (e is UnsupportedContentException or RobotsRefusalException or AttachmentException)
        {
            // Not a failure of the source: a run logs it and goes on.
            report.Attachment(first.Url, [], notRead: e.Message);
        }

        return failed ? 1 : 0;
    }

    /// <summary>Reads a bulletin as a run does: against its own date, else the listing's, else today in the source's time zone.</summary>
    private sealed class Reader(FigureExtractor extractor, TimeProvider time, SourceDefinition source)
    {
        private readonly TimeZoneInfo _zone = source.Zone;

        /// <summary>The bulletin's metadata and figures, and the date its periods were read against.</summary>
        /// <param name="fallback">The date when the bulletin states none (the listing's); null: today.</param>
        public (BulletinMetadata Metadata, IReadOnlyList<FigureRecord> Records, DateOnly Published) Read(Candidate candidate, string html, DateOnly? fallback)
        {
            var date = fallback ?? LocalDate(time.GetUtcNow());
            var (metadata, records) = extractor.Read(html, stated =>
                new BulletinContext(stated.Published ?? date, candidate.Language ?? source.Language ?? stated.Language, source.Reporter));
            return (metadata, records, metadata.Published ?? date);
        }

        /// <summary>The day of a feed item's instant in the source's time zone.</summary>
        public DateOnly? ListedDate(Candidate candidate) => candidate.PublishedAt is { } at ? LocalDate(at) : null;

        private DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _zone).DateTime);
    }

    /// <summary>"reading URL (page N)" on standard error, written as it happens.</summary>
    private sealed class Reading : IProgress<(Uri Page, int Number)>
    {
        public void Report((Uri Page, int Number) value) =>
            Console.Error.WriteLine($"reading {value.Page.AbsoluteUri} (page {value.Number})");
    }

    /// <summary>
    /// What the test found: as text on standard output section by section, or (json) one object at
    /// the end with what was found before any failure. A failure is also one line on standard error.
    /// </summary>
    private sealed class Report(SourceDefinition source, bool json)
    {
        private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        private readonly JsonObject _json = new() { ["source"] = source.Id };
        private readonly TextWriter _out = Console.Out;

        public void Listing(SourceListing listing)
        {
            var pages = listing.Pages == 0 ? "a single page source: its own only bulletin" : listing.Pages == 1 ? "1 page read" : $"{listing.Pages} pages read";
            if (json)
            {
                _json["url"] = listing.Url.AbsoluteUri;
                _json["pages"] = listing.Pages;
                _json["links"] = new JsonArray([.. listing.Links.Select(l => (JsonNode)new JsonObject
                {
                    ["title"] = l.Candidate.Title,
                    ["url"] = l.Candidate.Url,
                    ["published"] = l.Candidate.Published?.ToString("O", CultureInfo.InvariantCulture),
                    ["verdict"] = l.Verdict switch { LinkVerdict.Selected => "selected", LinkVerdict.Refused => "refused", _ => "not-selected" },
                    ["reason"] = l.Reason,
                })]);
                return;
            }

            _out.WriteLine($"{source.Id}: {listing.Url.AbsoluteUri} ({pages}; {listing.Links.Count} links found)");
            _out.WriteLine();
            Output.Write(_out, "table", ["title", "url", "published", "verdict"], listing.Links.Select(l => new object?[]
            {
                l.Candidate.Title, l.Candidate.Url, l.Candidate.Published?.ToString("O", CultureInfo.InvariantCulture), l.Verdict switch
                {
                    LinkVerdict.Selected => "selected",
                    LinkVerdict.Refused => "refused: " + l.Reason,
                    _ => $"not selected ({l.Reason})",
                },
            }));
        }

        public void WouldFetch(List<Candidate> worth, int cap)
        {
            var taken = worth.Take(cap).ToList();
            if (json)
            {
                _json["would_fetch"] = new JsonArray([.. taken.Select(c => (JsonNode)JsonValue.Create(c.Url))]);
                return;
            }

            _out.WriteLine();
            _out.WriteLine($"would fetch: {taken.Count}" + (worth.Count > cap ? $" of {worth.Count} selected (Fetching:MaxDocumentsPerRun)" : "")
                + " (newest first, as if nothing were stored)");
            taken.ForEach(c => _out.WriteLine($"  {c.Url}"));
        }

        public void Bulletin(Candidate candidate, BulletinMetadata metadata, DateOnly published, IReadOnlyList<FigureRecord> records, string? problem)
        {
            if (json)
            {
                _json["bulletin"] = new JsonObject
                {
                    ["url"] = candidate.Url,
                    ["title"] = metadata.Title ?? candidate.Title,
                    ["stated_date"] = metadata.Published?.ToString("O", CultureInfo.InvariantCulture),
                    ["read_against"] = published.ToString("O", CultureInfo.InvariantCulture),
                    ["problem"] = problem,
                    ["figures"] = Figures(records),
                };
                return;
            }

            _out.WriteLine();
            _out.WriteLine($"newest: {candidate.Url}");
            _out.WriteLine($"title: {metadata.Title ?? candidate.Title ?? "(none)"}");
            _out.WriteLine(metadata.Published is { } stated
                ? $"stated date: {stated:yyyy-MM-dd}"
                : $"stated date: none (read against {published:yyyy-MM-dd}, the listing's date or today)");
            if (problem is not null)
            {
                _out.WriteLine($"not a bulletin to a run: {problem}");
            }

            WriteFigures(records);
        }

        public void Attachments(List<(AttachmentLinks.Link Link, string Verdict)> links)
        {
            if (json)
            {
                _json["attachments"] = new JsonArray([.. links.Select(l => (JsonNode)new JsonObject
                {
                    ["text"] = l.Link.Text, ["url"] = l.Link.Url.AbsoluteUri, ["verdict"] = l.Verdict,
                })]);
                return;
            }

            _out.WriteLine();
            _out.WriteLine($"attachments: {links.Count}");
            if (links.Count > 0)
            {
                Output.Write(_out, "table", ["text", "url", "verdict"], links.Select(l => new object?[] { l.Link.Text, l.Link.Url.AbsoluteUri, l.Verdict }));
            }
        }

        public void Attachment(Uri url, IReadOnlyList<FigureRecord> records, string? notRead)
        {
            if (json)
            {
                _json["attachment"] = new JsonObject { ["url"] = url.AbsoluteUri, ["not_read"] = notRead, ["figures"] = Figures(records) };
                return;
            }

            _out.WriteLine();
            _out.WriteLine(notRead is null ? $"attachment: {url.AbsoluteUri}" : $"attachment: {url.AbsoluteUri} not read: {notRead}");
            if (notRead is null)
            {
                WriteFigures(records);
            }
        }

        public void Failed(string message)
        {
            Console.Error.WriteLine(message);
            _json["error"] = message;
        }

        public void Finish()
        {
            if (json)
            {
                _out.WriteLine(_json.ToJsonString(Indented));
            }
        }

        private void WriteFigures(IReadOnlyList<FigureRecord> records)
        {
            _out.WriteLine($"figures: {records.Count}");
            if (records.Count > 0)
            {
                Output.Write(_out, "table", ExtractCommand.Columns[..^1], records.Select(ExtractCommand.Row));
            }
        }

        private static JsonArray Figures(IReadOnlyList<FigureRecord> records) => new([.. records.Select(r =>
        {
            var row = ExtractCommand.Row(r);
            var figure = new JsonObject();
            for (var i = 0; i < ExtractCommand.Columns.Length; i++)
            {
                figure[ExtractCommand.Columns[i]] = row[i] is decimal d ? JsonValue.Create(Output.Normalize(d)) : JsonValue.Create(row[i] as string);
            }

            return (JsonNode)figure;
        })]);
    }
}
