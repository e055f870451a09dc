namespace IngestWorker.Core.Attachments;

/// <summary>
/// An attachment that could not be turned into text: over a limit (pages, unzipped bytes, entries,
/// time) or damaged. The message names the limit's setting where one was exceeded.
/// </summary>
public class AttachmentException : Exception
{
    public AttachmentException() { }

    public AttachmentException(string message) : base(message) { }

    public AttachmentException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>An attachment of a kind that is recognised but not read (binary HWP, Word, a plain zip, an image).</summary>
public sealed class UnsupportedAttachmentException : AttachmentException
{
    public UnsupportedAttachmentException() { }

    public UnsupportedAttachmentException(string message) : base(message) { }

    public UnsupportedAttachmentException(string message, Exception inner) : base(message, inner) { }
}
