using System.Globalization;
using IngestWorker.Core.Archive;
using IngestWorker.Core.Attachments;
using IngestWorker.Core.Fetching;
using IngestWorker.Core.Sources;
using IngestWorker.Core.Storage;

namespace IngestWorker.Core.Ingestion;

public sealed partial class IngestionPipeline
{
    /// <summary>
    /// Reads the attachments (PDF, HWPX) a bulletin page links, up to <see cref="FetchOptions.MaxAttachmentsPerPage"/>,
    /// each stored as its own document: its URL is the attachment's, its <see cref="StoredDocument.ReleaseUrl"/>
    /// the page's, and its figures are the source's like the page's (the same figure stated by both is one
    /// chain, confirmed by the second, never a revision). When the page is new or changed every attachment is
    /// asked for (conditionally, and unchanged bytes stop at the hash); when it is not, only those never
    /// stored, so an attachment that failed is tried again without asking for the others each run.
    /// Binary HWP and other unreadable files are logged and never stored; a network failure counts as a
    /// failed document, as a page's does.
    /// </summary>
    private async Task FollowAttachmentsAsync(IBulletinSource reader, SourceDefinition source, Candidate page, FetchedDocument fetched,
        StoredDocument? previous, Prepared stored, SourceState state, RunSummary summary, CancellationToken cancellationToken)
    {
        if (reader is not IAttachmentSource files || attachmentReader is null || attachmentReader.Limits.MaxAttachmentsPerPage <= 0)
        {
            return;
        }

        var (content, contentType) = fetched.NotModified
            ? (previous is null ? null : ContentHash.Decompress(previous.Content), previous?.ContentType)
            : (fetched.Content, fetched.ContentType);
        if (content is null || content.Length == 0 || !Uri.TryCreate(page.Url, UriKind.Absolute, out var pageUrl))
        {
            return;
        }

        var links = new List<AttachmentLinks.Link>();
        foreach (var link in AttachmentLinks.Find(CharsetDecoder.Decode(content, contentType), pageUrl, source.AttachmentPattern))
        {
            if (LinkPolicy.Refusal(source, pageUrl, link.Url.AbsoluteUri, attachment: true) is { } refusal)
            {
                AttachmentLog.LinkRefused(logger, source.Id, link.Url.AbsoluteUri, page.Url, refusal);
            }
            else
            {
                links.Add(link);
            }
        }

        var cap = attachmentReader.Limits.MaxAttachmentsPerPage;
        if (links.Count > cap)
        {
            AttachmentLog.Capped(logger, source.Id, page.Url, links.Count, cap);
            links = links[..cap];
        }

        var pageChanged = stored.Document is not null;
        var release = stored.Document ?? previous ?? store.LatestDocument(source.Id, page.Url);
        foreach (var link in links)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var url = link.Url.AbsoluteUri;
            var before = store.LatestDocument(source.Id, url);
            // A file that could not be read is asked for again only when its page changes.
            if (!pageChanged && (before is not null || state.UnreadableAttachments.Contains(url)))
            {
                continue;
            }

            summary.Documents++;
            if (!await IngestAttachmentAsync(files, source, page, release, link, before, summary, cancellationToken))
            {
                SourceState.Remember(state.UnreadableAttachments, url);
            }
        }
    }

    /// <returns>False when the file was fetched but cannot be read (unsupported, damaged, over a limit); true otherwise.</returns>
    private async Task<bool> IngestAttachmentAsync(IAttachmentSource files, SourceDefinition source, Candidate page, StoredDocument? release,
        AttachmentLinks.Link link, StoredDocument? before, RunSummary summary, CancellationToken cancellationToken)
    {
        var url = link.Url.AbsoluteUri;
        FetchedDocument fetched;
        try
        {
            fetched = await files.FetchAttachmentAsync(source, link.Url, before, cancellationToken);
            metrics?.Fetched(source.Id, fetched.Content.Length);
        }
        catch (UnsupportedContentException)
        {
            // Served as a page or an image, not a file: the fetcher logged the skip.
            return false;
        }
        catch (RobotsRefusalException e)
        {
            IngestionLog.DocumentRefusedByRobots(logger, source.Id, url, e.Message);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            summary.FailedDocuments++;
            IngestionLog.DocumentFailed(logger, source.Id, url, e.Message);
            return true;
        }

        // The attachment belongs to the page's release: read against the page's date and title.
        var candidate = new Candidate(url, release?.Title ?? page.Title ?? link.Text,
            Published: DateOnly.TryParseExact(release?.Published, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : page.Published,
            // Only a language the feed gave: a Korean HWPX linked from an English page is read as what it is.
            Language: page.Language,
            PublishedAt: release is { PublishedAt: var at } && at != default ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : page.PublishedAt,
            PublishedFrom: release?.PublishedFrom);
        if (fetched.NotModified || ContentHash.Of(fetched.Content) == before?.ContentHash)
        {
            Store([Prepare(source, candidate, fetched, Identity.Of(before))], summary);
            return true;
        }

        string html;
        try
        {
            html = await attachmentReader!.ToHtmlAsync(fetched.Content, fetched.FileName ?? link.Url.AbsolutePath, fetched.ContentType, cancellationToken);
        }
        catch (UnsupportedAttachmentException e) when (e.Message == AttachmentReader.BinaryHwpUnsupported)
        {
            AttachmentLog.BinaryHwp(logger, source.Id, url, page.Url);
            return false;
        }
        catch (UnsupportedAttachmentException e)
        {
            AttachmentLog.Unsupported(logger, source.Id, url, page.Url, e.Message);
            return false;
        }
        catch (AttachmentException e)
        {
            AttachmentLog.Refused(logger, source.Id, url, page.Url, e.Message);
            return false;
        }

        AttachmentLog.Read(logger, url, page.Url, fetched.Content.Length, html.Length);
        var prepared = Prepare(source, candidate, fetched, Identity.Of(before), html);
        if (prepared.Document is { } document)
        {
            document.ReleaseUrl = page.Url;
            document.Title ??= link.Text;
        }

        Store([prepared], summary);
        return true;
    }
}
