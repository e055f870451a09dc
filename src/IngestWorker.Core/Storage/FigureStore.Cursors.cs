namespace IngestWorker.Core.Storage;

public sealed partial class FigureStore
{
    /// <summary>The store's clock: what recorded instants are stamped with, and what "24h ago" is measured on.</summary>
    public TimeProvider Time => _time;

    /// <summary>
    /// Versions with an id above <paramref name="afterId"/> (and recorded after <paramref name="since"/>,
    /// when given), in the order recorded, with the highest id this read saw. A document's versions
    /// commit in one transaction under the write lock, so every id below the highest one seen is
    /// already visible: the next read "after <see cref="ChangeBatch.UpTo"/>" misses nothing.
    /// </summary>
    public ChangeBatch ChangesAfter(long afterId, DateTime? since = null)
    {
        var changes = new List<FigureVersion>();
        var upTo = afterId;
        foreach (var version in _figures.Query().OrderByDescending(v => v.Id).ToEnumerable())
        {
            upTo = Math.Max(upTo, version.Id);
            if (version.Id <= afterId || version.RecordedAt <= since)
            {
                break;
            }

            changes.Add(version);
        }

        changes.Reverse();
        return new ChangeBatch(changes, upTo);
    }

    /// <summary>Where the named cursor stands: the highest version id it reported, 0 for a new name.</summary>
    public long CursorPosition(string name) => _cursors.FindById(name)?.AfterId ?? 0;

    /// <summary>Moves the named cursor forward to <paramref name="upTo"/>; it never moves back.</summary>
    public void MoveCursor(string name, long upTo)
    {
        if (!ChangeCursor.IsValidName(name))
        {
            throw new ArgumentException($"'{name}' is not a cursor name", nameof(name));
        }

        lock (_writeLock)
        {
            var cursor = _cursors.FindById(name) ?? new ChangeCursor { Id = name };
            cursor.AfterId = Math.Max(cursor.AfterId, upTo);
            cursor.MovedAt = _time.GetUtcNow().UtcDateTime;
            _cursors.Upsert(cursor);
        }
    }
}
