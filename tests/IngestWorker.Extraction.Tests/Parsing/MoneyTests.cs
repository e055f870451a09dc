using IngestWorker.Extraction.Parsing;

namespace IngestWorker.Extraction.Tests.Parsing;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("$61.04 billion", 61_040_000_000, "USD")]
    [InlineData("USD56.3 billion", 56_300_000_000, "USD")]
    [InlineData("US$ 1.2 trillion", 1_200_000_000_000, "USD")]
    [InlineData("US$44.2 billion", 44_200_000_000, "USD")]
    [InlineData("$670 million", 670_000_000, "USD")]
    [InlineData("$61.04bn", 61_040_000_000, "USD")]
    [InlineData("61.04bn dollars", 61_040_000_000, "USD")]
    [InlineData("57.9 billion dollars", 57_900_000_000, "USD")]
    [InlineData("11.797 billion dollars", 11_797_000_000, "USD")]
    [InlineData("$535B", 535_000_000_000, "USD")]
    [InlineData("$ 95.8 billion", 95_800_000_000, "USD")]
    [InlineData("USD 417.81 billion", 417_810_000_000, "USD")]
    [InlineData("1.2 trillion won", 1_200_000_000_000, "KRW")]
    [InlineData("5.89 trillion yen", 5_890_000_000_000, "JPY")]
    [InlineData("€3.4 billion", 3_400_000_000, "EUR")]
    [InlineData("EUR 135.7 billion", 135_700_000_000, "EUR")]
    public void ParseMoney_EnglishForms_ReturnsFullUnits(string text, long expected, string currency) =>
        AssertParses(text, expected, currency);

    [Theory]
    [InlineData("610.4억 달러", 61_040_000_000, "USD")]
    [InlineData("503억6000만달러", 50_360_000_000, "USD")]
    [InlineData("241억300만달러", 24_103_000_000, "USD")]
    [InlineData("6291억달러", 629_100_000_000, "USD")]
    [InlineData("1조 2,000억 원", 1_200_000_000_000, "KRW")]
    [InlineData("5000만 달러", 50_000_000, "USD")]
    public void ParseMoney_KoreanEokMan_ReturnsFullUnits(string text, long expected, string currency) =>
        AssertParses(text, expected, currency);

    private static void AssertParses(string text, long expected, string currency)
    {
        var m = Money.ParseOne(text);
        Assert.NotNull(m);
        Assert.Equal(expected, m.Value.Value);
        Assert.Equal(currency, m.Value.Currency);
    }

    [Theory]
    [InlineData("$99999999999999999999999999999999 trillion")]
    [InlineData("9999999999999999999999999999조 9999억달러")]
    [InlineData("$1e308 billion")]
    public void ParseMoney_Overflow_DoesNotThrow(string text)
    {
        var found = Money.Find(text);
        Assert.All(found, m => Assert.True(m.Value >= 0));
    }

    [Theory]
    [InlineData("2017 exports")]
    [InlineData("17th straight month")]
    [InlineData("8.4 percent")]
    public void ParseMoney_NotMoney_FindsNothing(string text) => Assert.Empty(Money.Find(text));
}
