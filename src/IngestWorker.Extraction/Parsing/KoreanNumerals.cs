using System.Globalization;
using System.Text.RegularExpressions;

namespace IngestWorker.Extraction.Parsing;

/// <summary>Writes Korean thousands in digits ("575억2천만달러" → "575억2000만달러", "1조2천억원" → "1조2000억원") so one amount grammar covers both.</summary>
internal static partial class KoreanNumerals
{
    [GeneratedRegex(@"(?<d>\d)천(?<r>\d{1,3})?(?=\s?[만억조])", RegexOptions.CultureInvariant, 500)]
    private static partial Regex ThousandRegex();

    public static string Normalize(string text)
    {
        if (!text.Contains('천', StringComparison.Ordinal))
        {
            return text;
        }

        try
        {
            return ThousandRegex().Replace(text, m =>
            {
                var thousands = (m.Groups["d"].Value[0] - '0') * 1000;
                var rest = m.Groups["r"].Success ? int.Parse(m.Groups["r"].Value, CultureInfo.InvariantCulture) : 0;
                return (thousands + rest).ToString(CultureInfo.InvariantCulture);
            });
        }
        catch (RegexMatchTimeoutException)
        {
            return text;
        }
    }
}
