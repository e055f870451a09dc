namespace IngestWorker.Extraction.Text;

/// <summary>Script detection: a text with a real share of Hangul is Korean.</summary>
internal static class Language
{
    public static bool IsKorean(string text)
    {
        var hangul = 0;
        var letters = 0;
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, 20_000)))
        {
            if (Parsing.Percent.IsHangul(c))
            {
                hangul++;
                letters++;
            }
            else if (char.IsLetter(c))
            {
                letters++;
            }
        }

        return letters > 0 && hangul * 5 > letters;
    }
}
