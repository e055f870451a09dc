using System.Text;

namespace IngestWorker.Extraction.Html;

/// <summary>Whitespace and character normalisation shared by every text path (HTML and plain text).</summary>
internal static class TextNormalizer
{
    /// <summary>Collapses whitespace runs, folds typographic quotes and drops control characters.</summary>
    public static string Collapse(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var raw in text)
        {
            var c = raw switch
            {
                '\u2019' or '\u2018' or '\u02BC' => '\'',
                '\u201C' or '\u201D' => '"',
                '\u00A0' or '\u2009' or '\u202F' or '\u3000' => ' ',
                '\u2212' => '-',
                _ => raw,
            };
            if (char.IsWhiteSpace(c) || c == '\u200B' || char.IsControl(c) || char.IsSurrogate(c) || c == '\uFFFD')
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        var result = sb.ToString();
        return result.IsNormalized(NormalizationForm.FormC) ? result : result.Normalize(NormalizationForm.FormC);
    }
}
