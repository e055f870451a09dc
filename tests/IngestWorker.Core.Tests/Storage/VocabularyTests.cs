using IngestWorker.Core.Storage;

namespace IngestWorker.Core.Tests.Storage;

public sealed class VocabularyTests
{
    [Theory]
    [InlineData("chips", "semiconductors")]
    [InlineData("export", "exports")]
    [InlineData("semiconductor", "semiconductors")]
    [InlineData("Southeast Asia", "asean")]
    public void Closest_NamesTheValueMeant(string word, string expected) =>
        Assert.Equal(expected, Vocabulary.Closest(word.ToLowerInvariant(), [.. Vocabulary.Flows, .. Vocabulary.Products, .. Vocabulary.Partners]));

    [Theory]
    [InlineData("2025-13")]
    [InlineData("2025-1")]
    [InlineData("2025-11-31/2025-12-01")]
    [InlineData("2025/2026")]
    [InlineData("2025-11/2025-01")]
    public void CheckPeriod_NotAPeriod_IsAnError(string period) => Assert.NotNull(Vocabulary.CheckPeriod("--period", period));

    [Theory]
    [InlineData("2025")]
    [InlineData("2025-11")]
    [InlineData("2025-01/2025-11")]
    [InlineData("2025-12-01/2025-12-20")]
    public void CheckPeriod_Period_IsAccepted(string period) => Assert.Null(Vocabulary.CheckPeriod("--period", period));

    [Theory]
    [InlineData("XX")]
    [InlineData("zz")]
    public void CheckEconomy_CodeOfNoEconomy_IsAnError(string code) => Assert.NotNull(Vocabulary.CheckEconomy("--reporter", code, ["KR"]).Error);

    [Theory]
    [InlineData("kr", "KR")]
    [InlineData("GB", "GB")]
    public void CheckEconomy_EconomyInAnyCase_GivesItsCode(string code, string expected) => Assert.Equal(expected, Vocabulary.CheckEconomy("--reporter", code, []).Value);

    [Fact]
    public void Check_CaseInsensitive_GivesTheCanonicalValue() =>
        Assert.Equal(("exports", (string?)null), Vocabulary.Check("--flow", "EXPORTS", Vocabulary.Flows));
}
