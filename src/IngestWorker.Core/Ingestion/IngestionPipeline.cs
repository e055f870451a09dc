using System.Diagnostics;
using IngestWorker.Core.Archive;
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
public sealed class IngestionPipeline(
    IEnumerable<IBulletinSource> sources,
    FigureStore store,
    FigureExtractor extractor,
    TimeProvider time,
    OutcomeLogger outcomes,
    ILogger<IngestionPipeline> logger,
    IngestionMetrics? metrics = null)
{
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
                await IngestAsync(reader, source, candidate, summary, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            summary.Error = e.Message;
        }
        finally
        {
            Remember(state, summary);
            metrics?.Run(summary, time.GetElapsedTime(started));
            IngestionLog.SourceRun(logger, source.Id, summary.Documents, summary.NewDocuments, summary.UnchangedDocuments,
                summary.FailedDocuments, summary.NewFigures, summary.RevisedFigures, (long)time.GetElapsedTime(started).TotalMilliseconds);
        }

        return summary;
    }

    private async Task IngestAsync(IBulletinSource reader, SourceDefinition source, Candidate candidate, RunSummary summary, CancellationToken cancellationToken)
    {
        var previous = store.LatestDocument(candidate.Url);
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
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            summary.FailedDocuments++;
            IngestionLog.DocumentFailed(logger, source.Id, candidate.Url, e.Message);
            return;
        }

        Archive(source, candidate, fetched, previous, summary);
    }

    /// <summary>
    /// Records a bulletin file as if <paramref name="source"/> had fetched it from <paramref name="url"/>:
    /// for backfilling archives and reproducing a case, under the same rules as a scheduled run.
    /// </summary>
    public RunSummary IngestFile(SourceDefinition source, string url, byte[] content, string? contentType, DateOnly? published, string? language)
    {
        ArgumentNullException.ThrowIfNull(source);
        var summary = new RunSummary(source.Id) { Documents = 1 };
        var candidate = new Candidate(url, Published: published, Language: language);
        Archive(source, candidate, new FetchedDocument(content, contentType, null, null), store.LatestDocument(url), summary);
        return summary;
    }

    /// <summary>Archive (unchanged content stops here), extract, record, log.</summary>
    private void Archive(SourceDefinition source, Candidate candidate, FetchedDocument fetched, StoredDocument? previous, RunSummary summary)
    {
        var hash = fetched.NotModified ? null : ContentHash.Of(fetched.Content);
        if (fetched.NotModified || hash == previous?.ContentHash)
        {
            summary.UnchangedDocuments++;
            IngestionLog.DocumentUnchanged(logger, source.Id, candidate.Url);
            return;
        }

        var fetchedAt = time.GetUtcNow();
        var language = candidate.Language ?? source.Language;
        var text = CharsetDecoder.Decode(fetched.Content, fetched.ContentType);
        IReadOnlyList<FigureRecord> records;
        BulletinMetadata metadata;
        DateOnly published;
        try
        {
            metadata = FigureExtractor.ReadMetadata(text);
            published = candidate.Published ?? metadata.Published ?? LocalDate(source, fetchedAt);
            language ??= metadata.Language;
            records = extractor.Extract(text, new BulletinContext(published, language, source.Reporter));
        }
#pragma warning disable CA1031 // Whatever a hostile page does to extraction, the run goes on with the next document.
        catch (Exception e)
#pragma warning restore CA1031
        {
            summary.FailedDocuments++;
            IngestionLog.ExtractionFailed(logger, source.Id, candidate.Url, e.Message);
            return;
        }

        IngestionLog.DocumentExtracted(logger, records.Count, candidate.Url, published.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var document = new StoredDocument
        {
            SourceId = source.Id,
            Url = candidate.Url,
            ContentHash = hash!,
            FetchedAt = fetchedAt.UtcDateTime,
            Published = published.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            Title = metadata.Title ?? candidate.Title,
            Language = language,
            ContentType = fetched.ContentType,
            ETag = fetched.ETag,
            LastModified = fetched.LastModified,
            Content = ContentHash.Compress(fetched.Content),
            ExtractorVersion = FigureExtractor.Version,
        };

        // The write is one synchronous transaction: once started it completes or rolls back, so
        // a stop request never leaves half a document behind.
        var outcome = store.RecordDocument(document, records);
        summary.NewDocuments++;
        summary.NewFigures += outcome.New.Count;
        summary.RevisedFigures += outcome.Revised.Count;
        outcomes.Log(document, outcome);
    }

    private void Remember(SourceState state, RunSummary summary)
    {
        if (summary.Failed)
        {
            state.ConsecutiveFailures++;
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
            if (state.ConsecutiveFailures > 0)
            {
                IngestionLog.SourceRecovered(logger, state.Id, state.ConsecutiveFailures, state.LastError ?? "");
            }

            state.ConsecutiveFailures = 0;
            state.LastSuccessAt = state.LastRunAt;
        }

        store.SaveSourceState(state);
    }

    private static DateOnly LocalDate(SourceDefinition source, DateTimeOffset instant)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(source.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
    }
}
