using IngestWorker.Core.Fetching;
using IngestWorker.Core.Storage;

namespace IngestWorker.Core.Sources;

/// <summary>One kind of source: how its bulletins are found and how each is read.</summary>
public interface IBulletinSource
{
    /// <summary>The <see cref="SourceDefinition.Kind"/> this reads.</summary>
    string Kind { get; }

    Task<IReadOnlyList<Candidate>> DiscoverAsync(SourceDefinition source, CancellationToken cancellationToken);

    /// <summary>Reads one bulletin; <paramref name="previous"/> is the last stored version, for conditional requests.</summary>
    Task<FetchedDocument> FetchAsync(SourceDefinition source, Candidate candidate, StoredDocument? previous, CancellationToken cancellationToken);
}
