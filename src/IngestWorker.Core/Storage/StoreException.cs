namespace IngestWorker.Core.Storage;

/// <summary>The database cannot be used as it is; the message says why in words a user can act on.</summary>
public sealed class StoreException : Exception
{
    public StoreException() { }

    public StoreException(string message) : base(message) { }

    public StoreException(string message, Exception inner) : base(message, inner) { }
}
