using IngestWorker.Core.Storage;

namespace IngestWorker.Core.Ingestion;

/// <summary>
/// Told of every document write that changed figures, after it committed and was logged. Called
/// on the ingestion thread: an observer must return at once (queue, count) and never throw.
/// </summary>
public interface IFigureObserver
{
    void Recorded(StoredDocument document, RecordOutcome outcome);
}
