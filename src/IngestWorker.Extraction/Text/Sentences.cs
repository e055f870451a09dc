namespace IngestWorker.Extraction.Text;

/// <summary>Splits a paragraph into sentences (English and Korean), keeping abbreviations such as "U.S." and "Oct." intact.</summary>
internal static class Sentences
{
    private const int MaxSentence = 2000;

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "no", "co", "inc", "ltd", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
        "sept", "oct", "nov", "dec", "vs", "st", "approx", "govt", "gov", "e.g", "i.e", "jr", "sr", "fig", "est",
    };

    public static List<string> Split(string paragraph)
    {
        var result = new List<string>();
        var start = 0;
        for (var i = 0; i < paragraph.Length; i++)
        {
            var c = paragraph[i];
            var atEnd = c is '.' or '!' or '?' or '。';
            if (atEnd && i + 1 < paragraph.Length && paragraph[i + 1] == ' ' && i + 2 < paragraph.Length && StartsSentence(paragraph[i + 2])
                && (c != '.' || !IsAbbreviation(paragraph, start, i)))
            {
                Add(result, paragraph, start, i + 1);
                start = i + 2;
            }
            else if (i - start >= MaxSentence)
            {
                Add(result, paragraph, start, i + 1);
                start = i + 1;
            }
        }

        Add(result, paragraph, start, paragraph.Length);
        return result;
    }

    private static bool StartsSentence(char c) =>
        char.IsUpper(c) || char.IsDigit(c) || c is '"' or '\'' or '(' or '[' or '<' or '“' || Parsing.Percent.IsHangul(c) || c > 0x3000;

    private static bool IsAbbreviation(string text, int sentenceStart, int dot)
    {
        var wordStart = dot;
        while (wordStart > sentenceStart && (char.IsLetter(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        var word = text[wordStart..dot];
        if (word.Length == 0)
        {
            return false;
        }

        // Initials ("U.S.", "S.") are not sentence ends.
        if (word.Length == 1 && char.IsUpper(word[0]) || word.Contains('.', StringComparison.Ordinal) && word.Length <= 5)
        {
            return true;
        }

        return Abbreviations.Contains(word);
    }

    private static void Add(List<string> result, string text, int start, int end)
    {
        if (end <= start)
        {
            return;
        }

        var s = text[start..end].Trim();
        if (s.Length > 0)
        {
            result.Add(s);
        }
    }
}
