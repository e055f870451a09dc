using System.Globalization;
using IngestWorker.Extraction;
using Xunit.Abstractions;

namespace IngestWorker.Extraction.Tests.Corpus;

/// <summary>Scores every corpus case and both versions of every revision pair against the contract's bars.</summary>
public sealed class CorpusScoringTests(ITestOutputHelper output)
{
    private const double PrecisionBar = 0.97;
    private const double RecallBar = 0.95;
    private const double HeadlineRecallBar = 1.00;

    [Fact]
    public void Extract_SeedCaseJoongAng_ReadsAllRecordsExactly()
    {
        var c = CorpusCase.All().Single(x => x.Name.StartsWith("001-", StringComparison.Ordinal));
        var records = new FigureExtractor().Extract(File.ReadAllText(c.BulletinPath), new BulletinContext(c.Published))
            .Select(ExpectedRecord.From).ToList();
        var r = Scoring.Score(c.Expected, records);
        Assert.Empty(r.Missed);
        Assert.Empty(r.Spurious);
    }

    /// <summary>
    /// Each folder of labelled bulletins against its bars. The seed cases meet the contract's bars (precision 0.97,
    /// recall 0.95, headline recall 1.00); the added folders are held at the scores reached so far, so that a change
    /// that loses ground on them fails (the contract's bars are the target, see issue 11). The language is detected,
    /// as shared/tools/score.py runs `extract` without --language.
    /// </summary>
    [Theory]
    [InlineData("cases", PrecisionBar, RecallBar, HeadlineRecallBar)]
    [InlineData("cases-added", 0.66, 0.62, 0.74)]
    [InlineData("patterns", 0.94, 0.86, 0.92)]
    public void Extract_EveryBulletinOfFolder_MeetsItsBars(string folder, double precisionBar, double recallBar, double headlineBar)
    {
        var cases = folder == "cases" ? CorpusCase.All() : CorpusCase.InFolder(folder);
        var extractor = new FigureExtractor();
        int expected = 0, extracted = 0, matched = 0, headlineExpected = 0, headlineMatched = 0;
        foreach (var c in cases)
        {
            var html = File.ReadAllText(c.BulletinPath);
            var records = extractor.Extract(html, new BulletinContext(c.Published)).Select(ExpectedRecord.From).ToList();
            var r = Scoring.Score(c.Expected, records);
            expected += r.Expected;
            extracted += r.Extracted;
            matched += r.Matched;
            headlineExpected += r.HeadlineExpected;
            headlineMatched += r.HeadlineMatched;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{c.Name}: P={Ratio(r.Matched, r.Extracted):F2} R={Ratio(r.Matched, r.Expected):F2} headline {r.HeadlineMatched}/{r.HeadlineExpected}"));
            foreach (var m in r.Missed)
            {
                output.WriteLine($"    missed   {m.Key} {m.Value.ToString(CultureInfo.InvariantCulture)}");
            }

            foreach (var s in r.Spurious)
            {
                output.WriteLine($"    spurious {s.Key} {s.Value.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        var precision = Ratio(matched, extracted);
        var recall = Ratio(matched, expected);
        var headline = Ratio(headlineMatched, headlineExpected);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{folder}: precision {precision:F3} recall {recall:F3} headline-recall {headline:F3} ({matched} matched, {extracted} extracted, {expected} expected)"));
        Assert.True(precision >= precisionBar, $"{folder}: precision {precision:F3} below {precisionBar}");
        Assert.True(recall >= recallBar, $"{folder}: recall {recall:F3} below {recallBar}");
        Assert.True(headline >= headlineBar, $"{folder}: headline recall {headline:F3} below {headlineBar}");
    }

    private static double Ratio(int a, int b) => b == 0 ? 0 : (double)a / b;
}
