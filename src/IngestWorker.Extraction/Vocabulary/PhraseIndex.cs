namespace IngestWorker.Extraction.Vocabulary;

/// <summary>
/// Phrases looked up by their first two characters at word starts (anywhere inside Hangul, which writes particles onto
/// words), longest first, so a text is scanned once for all of them; found phrases never overlap.
/// </summary>
/// <typeparam name="T">What a phrase stands for.</typeparam>
internal sealed class PhraseIndex<T>
{
    private readonly Dictionary<string, List<(string Phrase, T Value)>> _byPrefix = new(StringComparer.Ordinal);

    /// <summary>Adds a lowercase phrase of two characters or more (a shorter one is ignored).</summary>
    public void Add(string phrase, T value)
    {
        if (phrase.Length < 2)
        {
            return;
        }

        var key = phrase[..2];
        if (!_byPrefix.TryGetValue(key, out var list))
        {
            _byPrefix[key] = list = [];
        }

        list.Add((phrase, value));
        list.Sort((a, b) => b.Phrase.Length.CompareTo(a.Phrase.Length));
    }

    /// <summary>
    /// The phrases in <paramref name="lower"/> (lowercase text), each starting a word and, when it ends in ASCII, ending
    /// one; <paramref name="accept"/> (phrase, start, value) may refuse a match, and the next shorter phrase is tried.
    /// </summary>
    public List<(int Start, int End, T Value)> Find(string lower, Func<string, int, T, bool>? accept = null)
    {
        var found = new List<(int, int, T)>();
        var lookup = _byPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
        var i = 0;
        while (i < lower.Length - 1)
        {
            var c = lower[i];
            var wordStart = Parsing.Percent.IsHangul(c) || (char.IsLetterOrDigit(c) && (i == 0 || !char.IsLetterOrDigit(lower[i - 1])));
            var matched = false;
            if (wordStart && lookup.TryGetValue(lower.AsSpan(i, 2), out var candidates))
            {
                foreach (var (phrase, value) in candidates)
                {
                    var end = i + phrase.Length;
                    if (!lower.AsSpan(i).StartsWith(phrase, StringComparison.Ordinal)
                        || (phrase[^1] < 128 && end < lower.Length && char.IsLetterOrDigit(lower[end]) && !Parsing.Percent.IsHangul(lower[end]))
                        || (accept is not null && !accept(phrase, i, value)))
                    {
                        continue;
                    }

                    found.Add((i, end, value));
                    i = end;
                    matched = true;
                    break;
                }
            }

            i += matched ? 0 : 1;
        }

        return found;
    }
}
