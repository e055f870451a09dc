using IngestWorker.Core.Fetching;
using IngestWorker.Core.Storage;

namespace IngestWorker.Core.Sources;

/// <summary>A source whose bulletin pages can link attachments (PDF, HWPX) that are read with them.</summary>
public interface IAttachmentSource
{
    /// <summary>Reads one attachment of a bulletin page; <paramref name="previous"/> is its last stored version, for conditional requests.</summary>
    Task<FetchedDocument> FetchAttachmentAsync(SourceDefinition source, Uri url, StoredDocument? previous, CancellationToken cancellationToken);
}
