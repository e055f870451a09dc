using System.Globalization;
using IngestWorker.Core.Archive;
using IngestWorker.Core.Fetching;
using IngestWorker.Core.Sources;
using IngestWorker.Core.Storage;
using IngestWorker.Extraction;
using Microsoft.Extensions.Logging;

namespace IngestWorker.Core.Ingestion;

/// <summary>
/// Reads every archived bulletin again with the current extractor and records only what changed,
/// as <c>re-extracted</c> versions, never as revisions by the source. Running it twice changes nothing.
/// </summary>
public sealed class Reprocessor(FigureStore store, FigureExtractor extractor, OutcomeLogger outcomes, ILogger<Reprocessor> logger)
{
    public sealed record Result(int Documents, int NewFigures, int ChangedFigures, int UnchangedFigures, int FailedDocuments);

    /// <param name="reporter">Default reporter of a document's source (by source id), as configured now.</param>
    public Result Run(string? sourceId, Func<string, string?> reporter, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        var documents = store.LatestDocuments(sourceId);
        int added = 0, changed = 0, unchanged = 0, failed = 0;
        for (var i = 0; i < documents.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var document = documents[i];
            IReadOnlyList<FigureRecord> records;
            try
            {
                var text = CharsetDecoder.Decode(ContentHash.Decompress(document.Content), document.ContentType);
                var published = DateOnly.ParseExact(document.Published, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                records = extractor.Extract(text, new BulletinContext(published, document.Language, reporter(document.SourceId)));
            }
#pragma warning disable CA1031 // One unreadable archive entry must not stop the others.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failed++;
                IngestionLog.ExtractionFailed(logger, document.SourceId, document.Url, e.Message);
                continue;
            }

            document.ExtractorVersion = FigureExtractor.Version;
            var outcome = store.RecordDocument(document, records, RecordMode.ReExtracted);
            added += outcome.New.Count;
            changed += outcome.Revised.Count;
            unchanged += outcome.Unchanged;
            outcomes.Log(document, outcome);
            progress?.Report((i + 1, documents.Count));
        }

        IngestionLog.Reprocessed(logger, documents.Count, FigureExtractor.Version, added, changed, unchanged);
        return new Result(documents.Count, added, changed, unchanged, failed);
    }
}
