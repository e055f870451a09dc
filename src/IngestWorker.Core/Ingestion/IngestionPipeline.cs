using System.Diagnostics;
using System.Threading.Channels;
using IngestWorker.Core.Archive;
using IngestWorker.Core.Attachments;
using IngestWorker.Core.Fetching;
using IngestWorker.Core.Sources;
using IngestWorker.Core.Storage;
using IngestWorker.Extraction;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Core.Ingestion;

/// <summary>
/// One run of one source, top to bottom: discover, fetch, archive, extract, record, log.
/// A failing document is logged and counted, and the run goes on with the next one; a failing
/// source is recorded in its state and never stops the others.
/// </summary>
public sealed partial class IngestionPipeline(
    IEnumerable<IBulletinSource> sources,
    FigureStore store,
    FigureExtractor extractor,
    TimeProvider time,
    OutcomeLogger outcomes,
    ILogger<IngestionPipeline> logger,
    IngestionMetrics? metrics = null,
    AttachmentReader? attachmentReader = null)
{
    /// <summary>Documents to a transaction in <see cref="IngestFiles"/>: LiteDB's cost per commit dwarfs its cost per row.</summary>
    public const int BatchSize = 128;

    private readonly Dictionary<string, IBulletinSource> _byKind = sources.ToDictionary(s => s.Kind, StringComparer.OrdinalIgnoreCase);

    public Task<RunSummary> RunAsync(SourceDefinition source, CancellationToken cancellationToken) =>
        RunAsync(source, nextAttemptAt: null, cancellationToken);

    /// <param name="nextAttemptAt">When the scheduler runs the source next, so a failure's warning can say so.</param>
    public async Task<RunSummary> RunAsync(SourceDefinition source, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var started = time.GetTimestamp();
        var summary = new RunSummary(source.Id) { NextAttemptAt = nextAttemptAt };
        var state = store.SourceState(source.Id);
        state.LastRunAt = time.GetUtcNow().UtcDateTime;
        try
        {
            var reader = _byKind[source.Kind];
            var candidates = await reader.DiscoverAsync(source, cancellationToken);
            foreach (var candidate in candidates)
            {
                cancellationToken.ThrowIfCancellationRequested();
                summary.Documents++;
                await IngestAsync(reader, source, candidate, state, summary, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            summary.CutShort = true;
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            summary.Error = e.Message;
        }
        finally
        {
            Remember(state, summary);
            metrics?.Run(summary, time.GetElapsedTime(started));
            if (summary.CutShort)
            {
                IngestionLog.SourceRunCutShort(logger, source.Id, summary.Documents, summary.NewDocuments, summary.NewFigures, summary.RevisedFigures);
            }
            else
            {
                IngestionLog.SourceRun(logger, source.Id, summary.Documents, summary.NewDocuments, summary.UnchangedDocuments,
                    summary.FailedDocuments, summary.NewFigures, summary.RevisedFigures, (long)time.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        return summary;
    }

    private async Task IngestAsync(IBulletinSource reader, SourceDefinition source, Candidate candidate, SourceState state, RunSummary summary, CancellationToken cancellationToken)
    {
        var previous = store.LatestDocument(source.Id, candidate.Url);
        FetchedDocument fetched;
        try
        {
            fetched = await reader.FetchAsync(source, candidate, previous, cancellationToken);
            metrics?.Fetched(source.Id, fetched.Content.Length);
        }
        catch (UnsupportedContentException)
        {
            // An attachment on a board is not a failure of the source; the fetcher logged the skip.
            return;
        }
        catch (RobotsRefusalException e)
        {
            // The publisher asked not to be read there: politeness, not a failure of the source. Said
            // once per link; the refusal is asked again each run (rules change) but not logged again.
            summary.RefusedDocuments++;
            if (SourceState.Remember(state.RefusedByRobots, candidate.Url))
            {
                IngestionLog.DocumentRefusedByRobots(logger, source.Id, candidate.Url, e.Message);
            }

            return;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            summary.FailedDocuments++;
            IngestionLog.DocumentFailed(logger, source.Id, candidate.Url, e.Message);
            return;
        }

        var page = Archive(source, candidate, fetched, previous, summary);
        await FollowAttachmentsAsync(reader, source, candidate, fetched, previous, page, state, summary, cancellationToken);
    }

    /// <summary>
    /// Records a bulletin file as if <paramref name="source"/> had fetched it from <paramref name="url"/>:
    /// for backfilling archives and reproducing a case, under the same rules as a scheduled run.
    /// </summary>
    public RunSummary IngestFile(SourceDefinition source, string url, byte[] content, string? contentType, DateOnly? published, string? language) =>
        IngestFiles(source, [new BulletinFile(url, content, contentType, published, language)], progress: null, CancellationToken.None);

    /// <summary>
    /// Records many bulletin files, in order, as <see cref="IngestFile"/> does one. Extraction runs a
    /// little ahead on another thread while the documents already read are stored, up to
    /// <see cref="BatchSize"/> to a transaction: a stop or a crash keeps every batch committed before
    /// it, and running the same files again skips them as unchanged.
    /// </summary>
    /// <param name="progress">Told the number of files done after each committed batch.</param>
    public RunSummary IngestFiles(SourceDefinition source, IEnumerable<BulletinFile> files, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(files);
        var summary = new RunSummary(source.Id);
        var prepared = Channel.CreateBounded<Prepared>(new BoundedChannelOptions(2 * BatchSize) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Run(() => PrepareAll(source, files, prepared.Writer, stop.Token), CancellationToken.None);
        var batch = new List<Prepared>(BatchSize);
        var done = 0;
        try
        {
            foreach (var item in prepared.Reader.ReadAllAsync(CancellationToken.None).ToBlockingEnumerable(CancellationToken.None))
            {
                summary.Documents++;
                batch.Add(item);
                if (batch.Count == BatchSize)
                {
                    done += Store(batch, summary);
                    progress?.Report(done);
                }
            }

            done += Store(batch, summary);
            progress?.Report(done);
        }
        catch
        {
            // Storing failed: the reader must not wait forever for room in the channel.
            stop.Cancel();
            reader.ContinueWith(_ => { }, TaskScheduler.Default).GetAwaiter().GetResult();
            throw;
        }

        // Whatever stopped the reader (a cancellation, an unreadable file list) is the caller's to see,
        // after every document it prepared has been stored.
        reader.GetAwaiter().GetResult();
        return summary;
    }

    private void PrepareAll(SourceDefinition source, IEnumerable<BulletinFile> files, ChannelWriter<Prepared> output, CancellationToken cancellationToken)
    {
        try
        {
            // A URL given twice is compared with its earlier file, which may not be stored yet.
            var seen = new Dictionary<string, Identity?>(StringComparer.Ordinal);
            foreach (var file in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var previous = seen.TryGetValue(file.Url, out var known) ? known : Identity.Of(store.LatestDocument(source.Id, file.Url));
                var item = Prepare(source, new Candidate(file.Url, Published: file.Published, Language: file.Language,
                    PublishedAt: file.PublishedAt, PublishedGiven: file.Published is not null || file.PublishedAt is not null),
                    new FetchedDocument(file.Content, file.ContentType, null, null), previous);
                seen[file.Url] = Identity.Of(item.Document) ?? previous;
                while (!output.TryWrite(item))
                {
                    output.WaitToWriteAsync(cancellationToken).AsTask().GetAwaiter().GetResult();
                }
            }
        }
        finally
        {
            output.Complete();
        }
    }

    /// <summary>Archive (unchanged content stops here), extract, record, log.</summary>
    private Prepared Archive(SourceDefinition source, Candidate candidate, FetchedDocument fetched, StoredDocument? previous, RunSummary summary)
    {
        var prepared = Prepare(source, candidate, fetched, Identity.Of(previous));
        Store([prepared], summary);
        return prepared;
    }

    /// <summary>How a stored content is recognised again: by its bytes, its main text, or its title and figures.</summary>
    private sealed record Identity(string Bytes, string? Text, string? Figures, int? TextLength)
    {
        public static Identity? Of(StoredDocument? document) =>
            document is null ? null : new(document.ContentHash, document.TextHash, document.FiguresHash, document.TextLength);
    }

    /// <summary>What a bulletin says, as far as the store is concerned: its title and every figure (key, period, value, unit) in order.</summary>
    private static string FiguresHash(string? title, IReadOnlyList<FigureRecord> records) =>
        ContentHash.OfText(string.Join('\n', records.Select(r => FormattableString.Invariant($"{r.Key} {r.Period} {r.Value} {r.Unit}")).Prepend(title ?? "")));

    /// <summary>What a fetched document comes to before it is stored: unchanged, unreadable, or a document and its figures.</summary>
    private sealed record Prepared(StoredDocument? Document, IReadOnlyList<FigureRecord> Records, bool Failed = false);

    /// <summary>Hashes (unchanged content stops here) and extracts; logs what it decides. Safe on any thread.</summary>
    /// <param name="converted">The text to extract from when the content is not text itself (an attachment turned into HTML).</param>
    private Prepared Prepare(SourceDefinition source, Candidate candidate, FetchedDocument fetched, Identity? previous, string? converted = null)
    {
        var hash = fetched.NotModified ? null : ContentHash.Of(fetched.Content);
        if (fetched.NotModified || hash == previous?.Bytes)
        {
            IngestionLog.DocumentUnchanged(logger, source.Id, candidate.Url);
            return new Prepared(null, []);
        }

        var fetchedAt = time.GetUtcNow();
        var language = candidate.Language ?? source.Language;
        var text = converted ?? CharsetDecoder.Decode(fetched.Content, fetched.ContentType);
        IReadOnlyList<FigureRecord> records;
        BulletinMetadata metadata;
        DateOnly published;
        try
        {
            // A date given with a backfill, else the bulletin's own, else the feed's or listing's, else today's.
            var listed = candidate.Published ?? (candidate.PublishedAt is { } at ? LocalDate(source, at) : null);
            DateOnly Published(BulletinMetadata stated) => (candidate.PublishedGiven ? listed ?? stated.Published : stated.Published ?? listed) ?? LocalDate(source, fetchedAt);
            (metadata, records) = extractor.Read(text, stated => new BulletinContext(Published(stated), language ?? stated.Language, source.Reporter));
            published = Published(metadata);
            language ??= metadata.Language;
        }
#pragma warning disable CA1031 // Whatever a hostile page does to extraction, the run goes on with the next document.
        catch (Exception e)
#pragma warning restore CA1031
        {
            IngestionLog.ExtractionFailed(logger, source.Id, candidate.Url, e.Message);
            return new Prepared(null, [], Failed: true);
        }

        var textHash = metadata.MainText is { } mainText ? ContentHash.OfText(mainText) : null;
        var figuresHash = FiguresHash(metadata.Title ?? candidate.Title, records);
        if ((textHash is not null && textHash == previous?.Text) || figuresHash == previous?.Figures)
        {
            // The page re-rendered (a token, a timestamp, a view counter) but says what it said: nothing new to keep.
            IngestionLog.DocumentUnchanged(logger, source.Id, candidate.Url);
            return new Prepared(null, []);
        }

        if (PageCheck.Problem(metadata, previous?.TextLength) is { } problem)
        {
            IngestionLog.PageNotABulletin(logger, source.Id, candidate.Url, problem);
            return new Prepared(null, [], Failed: true);
        }

        var (publishedAt, publishedFrom) = Publication(source, candidate, metadata, fetchedAt);
        IngestionLog.DocumentExtracted(logger, records.Count, candidate.Url, published.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var document = new StoredDocument
        {
            SourceId = source.Id,
            Url = candidate.Url,
            ContentHash = hash!,
            TextHash = textHash,
            FiguresHash = figuresHash,
            TextLength = metadata.MainText?.Length,
            FetchedAt = fetchedAt.UtcDateTime,
            Published = published.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            PublishedAt = publishedAt.UtcDateTime,
            PublishedFrom = publishedFrom,
            Title = metadata.Title ?? candidate.Title,
            Language = language,
            ContentType = fetched.ContentType,
            ETag = fetched.ETag,
            LastModified = fetched.LastModified,
            Content = ContentHash.Compress(fetched.Content),
            ExtractorVersion = FigureExtractor.Version,
        };
        return new Prepared(document, records);
    }

    /// <summary>
    /// Stores the prepared documents in one synchronous transaction (once started it completes or
    /// rolls back, so a stop request never leaves half a document behind), then counts and logs.
    /// Returns how many documents were handled and empties <paramref name="batch"/>.
    /// </summary>
    private int Store(List<Prepared> batch, RunSummary summary)
    {
        var count = batch.Count;
        var ready = batch.Where(p => p.Document is not null).Select(p => new DocumentFigures(p.Document!, p.Records)).ToList();
        var results = ready.Count > 0 ? store.RecordDocuments(ready) : [];
        summary.FailedDocuments += batch.Count(p => p.Failed);
        summary.UnchangedDocuments += batch.Count(p => p.Document is null && !p.Failed);
        for (var i = 0; i < ready.Count; i++)
        {
            summary.NewDocuments++;
            summary.NewFigures += results[i].New.Count;
            summary.RevisedFigures += results[i].Revised.Count;
            outcomes.Log(ready[i].Document, results[i]);
        }

        batch.Clear();
        return count;
    }

    private void Remember(SourceState state, RunSummary summary)
    {
        if (summary.CutShort)
        {
            // Not a success: what it did not read is read next run. Not a failure either.
        }
        else if (summary.Failed)
        {
            state.ConsecutiveFailures++;
            state.FailingSince ??= state.LastRunAt;
            state.LastError = summary.Error ?? $"{summary.FailedDocuments} of {summary.Documents} documents failed";
            state.LastErrorAt = state.LastRunAt;
            if (summary.NextAttemptAt is { } next)
            {
                IngestionLog.SourceFailedUntil(logger, state.Id, state.ConsecutiveFailures, state.LastError,
                    next.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                IngestionLog.SourceFailed(logger, state.Id, state.ConsecutiveFailures, state.LastError);
            }
        }
        else
        {
            state.Degraded = summary.Documents > 0 && summary.RefusedDocuments == summary.Documents
                ? $"robots.txt disallows every bulletin link it lists ({summary.Documents}, such as {state.RefusedByRobots[^1]})"
                : null;
            if (state.ConsecutiveFailures > 0)
            {
                IngestionLog.SourceRecovered(logger, state.Id, state.ConsecutiveFailures, state.LastError ?? "");
            }

            state.ConsecutiveFailures = 0;
            state.FailingSince = null;
            state.LastSuccessAt = state.LastRunAt;
        }

        store.SaveSourceState(state);
    }

    /// <summary>
    /// When the bulletin was published, for vintages: a date given with a backfill, else the
    /// bulletin's own, else the feed's or listing's, else the fetch time. A date alone is the start
    /// of that day in the source's time zone.
    /// </summary>
    private static (DateTimeOffset, string) Publication(SourceDefinition source, Candidate candidate, BulletinMetadata metadata, DateTimeOffset fetchedAt)
    {
        if (candidate.PublishedGiven && (candidate.PublishedAt ?? StartOf(source, candidate.Published)) is { } given)
        {
            return (given, PublicationSource.Given);
        }

        if (StartOf(source, metadata.Published) is { } stated)
        {
            return (stated, PublicationSource.Bulletin);
        }

        return (candidate.PublishedAt ?? StartOf(source, candidate.Published)) is { } listed
            ? (listed, candidate.PublishedFrom ?? PublicationSource.Feed)
            : (fetchedAt, PublicationSource.Fetch);
    }

    private static DateTimeOffset? StartOf(SourceDefinition source, DateOnly? date)
    {
        if (date is not { } day)
        {
            return null;
        }

        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, source.Zone.GetUtcOffset(local));
    }

    private static DateOnly LocalDate(SourceDefinition source, DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, source.Zone).DateTime);
}
