using System.Globalization;
using IngestWorker.Core.Archive;
using IngestWorker.Core.Attachments;
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
public sealed class Reprocessor(FigureStore store, FigureExtractor extractor, OutcomeLogger outcomes, ILogger<Reprocessor> logger, AttachmentReader? attachments = null)
{
    private readonly AttachmentReader _attachments = attachments ?? new AttachmentReader(Microsoft.Extensions.Options.Options.Create(new FetchOptions()));

    /// <summary>
    /// Documents re-extracted to a transaction: enough to spare most of LiteDB's cost per commit, few
    /// enough that changes reach the log as the run goes and a stop loses little.
    /// </summary>
    public const int BatchSize = 16;

    public sealed record Result(int Documents, int NewFigures, int ChangedFigures, int UnchangedFigures, int FailedDocuments);

    /// <param name="reporter">Default reporter of a document's source (by source id), as configured now.</param>
    public Result Run(string? sourceId, Func<string, string?> reporter, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        var documents = store.LatestDocuments(sourceId);
        int added = 0, changed = 0, unchanged = 0, failed = 0;
        var batch = new List<DocumentFigures>(BatchSize);
        void Store(int done)
        {
            var results = store.RecordDocuments(batch, RecordMode.ReExtracted);
            for (var i = 0; i < batch.Count; i++)
            {
                added += results[i].New.Count;
                changed += results[i].Revised.Count;
                unchanged += results[i].Unchanged;
                outcomes.Log(batch[i].Document, results[i]);
            }

            batch.Clear();
            progress?.Report((done, documents.Count));
        }

        for (var i = 0; i < documents.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var document = documents[i];
            try
            {
                var content = ContentHash.Decompress(document.Content);
                // An attachment is archived as fetched (PDF, HWPX) and read again the way it was read then.
                var text = document.ReleaseUrl is null
                    ? CharsetDecoder.Decode(content, document.ContentType)
                    : _attachments.ToHtml(content, new Uri(document.Url).AbsolutePath, document.ContentType, cancellationToken);
                var published = DateOnly.ParseExact(document.Published, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                var records = extractor.Extract(text, new BulletinContext(published, document.Language, reporter(document.SourceId)));
                document.ExtractorVersion = FigureExtractor.Version;
                batch.Add(new DocumentFigures(document, records));
            }
#pragma warning disable CA1031 // One unreadable archive entry must not stop the others.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failed++;
                IngestionLog.ExtractionFailed(logger, document.SourceId, document.Url, e.Message);
            }

            // Several documents to a transaction: a stop keeps every batch before it, and a second run redoes nothing.
            if (batch.Count == BatchSize || i == documents.Count - 1)
            {
                Store(i + 1);
            }
        }

        IngestionLog.Reprocessed(logger, documents.Count, FigureExtractor.Version, added, changed, unchanged);
        return new Result(documents.Count, added, changed, unchanged, failed);
    }
}
