using IngestWorker.Core.Storage;

namespace IngestWorker.Core.Tests.Storage;

public sealed class AgreementTests
{
    [Theory]
    [InlineData("16", "15.9", true)]
    [InlineData("56300000000", "56350000000", true)]
    [InlineData("61040000000", "61000000000", true)]
    [InlineData("15.9", "15.5", false)]
    [InlineData("63620000000", "63260000000", false)]
    [InlineData("-9.5", "-9.46", true)]
    [InlineData("0", "0.1", false)]
    public void Agree_ReadsPrecisionFromTheLastStatedDigit(string a, string b, bool agree) =>
        Assert.Equal(agree, Agreement.Agree(decimal.Parse(a, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(b, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("15.9", "0.05")]
    [InlineData("16", "0.5")]
    [InlineData("56300000000", "50000000")]
    [InlineData("8.40", "0.05")]
    public void HalfUnit_OfStatedValue(string value, string half) =>
        Assert.Equal(decimal.Parse(half, System.Globalization.CultureInfo.InvariantCulture), Agreement.HalfUnit(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
}
