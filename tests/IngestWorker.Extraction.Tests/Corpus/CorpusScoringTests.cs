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
        var records = new FigureExtractor().Extract(File.ReadAllText(c.BulletinPath), new BulletinContext(c.Published, c.Language))
            .Select(ExpectedRecord.From).ToList();
        var r = Scoring.Score(c.Expected, records);
        Assert.Empty(r.Missed);
        Assert.Empty(r.Spurious);
    }

    [Fact]
    public void Extract_EveryCorpusBulletin_MeetsPrecisionRecallAndHeadlineBars()
    {
        var extractor = new FigureExtractor();
        int expected = 0, extracted = 0, matched = 0, headlineExpected = 0, headlineMatched = 0;
        foreach (var c in CorpusCase.All())
        {
            var html = File.ReadAllText(c.BulletinPath);
            var records = extractor.Extract(html, new BulletinContext(c.Published, c.Language)).Select(ExpectedRecord.From).ToList();
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
            $"overall precision {precision:F3} recall {recall:F3} headline-recall {headline:F3} ({matched} matched, {extracted} extracted, {expected} expected)"));
        Assert.True(precision >= PrecisionBar, $"precision {precision:F3} below {PrecisionBar}");
        Assert.True(recall >= RecallBar, $"recall {recall:F3} below {RecallBar}");
        Assert.True(headline >= HeadlineRecallBar, $"headline recall {headline:F3} below {HeadlineRecallBar}");
    }

    private static double Ratio(int a, int b) => b == 0 ? 0 : (double)a / b;
}
