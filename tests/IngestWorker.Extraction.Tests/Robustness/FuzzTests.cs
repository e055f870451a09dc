using System.Text;
using CsCheck;
using HtmlAgilityPack;
using IngestWorker.Extraction.Html;
using IngestWorker.Extraction.Rules;

namespace IngestWorker.Extraction.Tests.Robustness;

/// <summary>Random and mutated bulletins into Extract: whatever comes in, no exception escapes.</summary>
public sealed class FuzzTests
{
    private static readonly string[] Bulletins = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "fixtures"), "*.html", SearchOption.AllDirectories)
        .Where(p => p.Contains("cases", StringComparison.Ordinal) || p.Contains("patterns", StringComparison.Ordinal) || p.Contains("revisions", StringComparison.Ordinal))
        .Select(File.ReadAllText).ToArray();

    private static readonly string[] Splices =
    [
        "<td>", "</td>", "<p>", "</div>", "<table>", "<br>", "$", "%", "억", "만달러", "△", "respectively", "각각", " if ", "about ",
        "billion", "percent", "(", ")", "—", "\u0000", "\uD800", "&amp;", "&#99999999;", "<!--", "<script>", "January-", "FY 20", "1~",
    ];

    [Fact]
    public void Extract_MutatedCorpusBulletins_NeverThrow()
    {
        var random = new Random(20251201);
        var extractor = new FigureExtractor();
        var context = new BulletinContext(new DateOnly(2025, 12, 1));
        for (var i = 0; i < 150; i++)
        {
            var text = Mutate(Bulletins[random.Next(Bulletins.Length)], random);
            _ = extractor.Extract(text, context);
            _ = FigureExtractor.ReadMetadata(text);
            Unguarded(text, context);
        }
    }

    [Fact]
    public void Extract_RandomText_NeverThrows()
    {
        var extractor = new FigureExtractor();
        var context = new BulletinContext(new DateOnly(2025, 12, 1), "en", "KR");
        var chars = Gen.OneOf(Gen.Char, Gen.Char["<>/tdp0123456789$%.,억만 abcdefghijklmnopqrstuvwxyz"]);
        Gen.String[chars, 0, 400].Sample(text =>
        {
            _ = extractor.Extract(text, context);
            _ = FigureExtractor.ReadMetadata(text);
            Unguarded(text, context);
        }, iter: 300);
    }

    /// <summary>The pipeline without FigureExtractor's last-resort guard, so a rule that throws fails the test.</summary>
    private static void Unguarded(string text, BulletinContext context)
    {
        if (HtmlGuard.IsTooDeep(text))
        {
            return;
        }

        var doc = new HtmlDocument();
        doc.LoadHtml(text);
        _ = DocumentReader.Read(MainContent.Read(doc), context);
        _ = DocumentReader.Read(PlainText.Read(text), context);
    }

    private static string Mutate(string source, Random random)
    {
        var sb = new StringBuilder(source);
        var edits = random.Next(1, 30);
        for (var e = 0; e < edits && sb.Length > 2; e++)
        {
            var at = random.Next(sb.Length);
            switch (random.Next(5))
            {
                case 0:
                    sb.Remove(at, Math.Min(random.Next(1, 200), sb.Length - at));
                    break;
                case 1:
                    sb.Insert(at, Splices[random.Next(Splices.Length)]);
                    break;
                case 2:
                    var len = Math.Min(random.Next(1, 300), sb.Length - at);
                    sb.Insert(random.Next(sb.Length), sb.ToString(at, len));
                    break;
                case 3:
                    sb[at] = (char)random.Next(0, 0xFFFF);
                    break;
                default:
                    sb.Insert(at, random.Next(0, 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    break;
            }
        }

        return sb.ToString();
    }
}
