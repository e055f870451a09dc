using System.Globalization;
using System.Text.RegularExpressions;

namespace IngestWorker.Tests.Reliability;

/// <summary>
/// Many bulletins from the labelled cases: variant k moves every year in the page k years on (so its
/// periods are new) and nudges the last digit of every decimal figure (so its values differ).
/// </summary>
internal static partial class BulletinVariants
{
    public static int Write(string corpus, string folder, int variantsPerCase)
    {
        Directory.CreateDirectory(folder);
        var written = 0;
        foreach (var caseFolder in Directory.GetDirectories(Path.Combine(corpus, "cases")).Order(StringComparer.Ordinal))
        {
            var html = File.ReadAllText(Path.Combine(caseFolder, "bulletin.html"));
            for (var k = 0; k < variantsPerCase; k++)
            {
                var variant = Year().Replace(html, m => (int.Parse(m.Value, CultureInfo.InvariantCulture) + (k % 4)).ToString(CultureInfo.InvariantCulture));
                variant = Decimal().Replace(variant, m => m.Groups[1].Value + ((m.Groups[2].Value[0] - '0' + (k / 4)) % 10).ToString(CultureInfo.InvariantCulture));
                File.WriteAllText(Path.Combine(folder, $"{Path.GetFileName(caseFolder)}-v{k:000}.html"), variant);
                written++;
            }
        }

        return written;
    }

    [GeneratedRegex(@"(?<![\d.])20[0-2]\d(?![\d.])", RegexOptions.None, 1000)]
    private static partial Regex Year();

    [GeneratedRegex(@"(\d+\.\d*)(\d)(?!\d)", RegexOptions.None, 1000)]
    private static partial Regex Decimal();
}
