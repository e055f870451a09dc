using System.Globalization;
using CsCheck;
using IngestWorker.Extraction.Parsing;

namespace IngestWorker.Extraction.Tests.Parsing;

/// <summary>Round trips and no-exception properties for money, percent and period parsing.</summary>
public sealed class ParsingPropertyTests
{
    private static readonly string[] MonthNames = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];

    [Fact]
    public void ParseMoney_FormattedDollarAmount_RoundTrips()
    {
        Gen.Select(Gen.Int[1, 999_999], Gen.OneOfConst(("million", 1_000_000m), ("billion", 1_000_000_000m), ("trillion", 1_000_000_000_000m)),
                Gen.OneOfConst("${0} {1}", "US${0} {1}", "USD {0} {1}", "{0} {1} dollars"))
            .Sample((cents, scale, format) =>
            {
                var amount = cents / 100m;
                var text = string.Format(CultureInfo.InvariantCulture, format, amount.ToString("0.##", CultureInfo.InvariantCulture), scale.Item1);
                var m = Money.ParseOne(text);
                Assert.NotNull(m);
                Assert.Equal(amount * scale.Item2, m.Value.Value);
            }, iter: 500);
    }

    [Fact]
    public void ParseMoney_KoreanEokMan_RoundTrips()
    {
        Gen.Select(Gen.Int[1, 99_999], Gen.Int[0, 9_999], Gen.Bool)
            .Sample((eok, man, space) =>
            {
                var text = man == 0 ? $"{eok}억{(space ? " " : "")}달러" : $"{eok}억{man}만{(space ? " " : "")}달러";
                var m = Money.ParseOne(text);
                Assert.NotNull(m);
                Assert.Equal(eok * 100_000_000m + man * 10_000m, m.Value.Value);
            }, iter: 500);
    }

    [Fact]
    public void ParsePercent_SignedForms_RoundTrip()
    {
        Gen.Select(Gen.Int[0, 99_999], Gen.OneOfConst(("({0}{1}%)", true), ("{1} percent", false), ("{0}{1}%", true), ("{1} per cent", false)), Gen.Bool)
            .Sample((tenths, form, negative) =>
            {
                var value = tenths / 10m;
                var sign = form.Item2 ? (negative ? "-" : "+") : "";
                var text = string.Format(CultureInfo.InvariantCulture, form.Item1, sign, value.ToString("0.0", CultureInfo.InvariantCulture));
                var p = Assert.Single(Percent.Find(text));
                Assert.Equal(value, p.Value);
                Assert.Equal(form.Item2 ? (negative ? -1 : 1) : 0, p.Sign);
            }, iter: 500);
    }

    [Fact]
    public void ResolvePeriod_MonthAndYear_RoundTrips()
    {
        Gen.Select(Gen.Int[1990, 2060], Gen.Int[1, 12])
            .Sample((year, month) =>
            {
                var text = $"exports in {MonthNames[month - 1]} {year} rose";
                var cue = Assert.Single(Periods.Find(text, text.ToLowerInvariant(), new DateOnly(2061, 1, 1), null, "KR"));
                Assert.Equal(Period.Month(year, month), cue.Period);
            }, iter: 300);
    }

    [Fact]
    public void ResolvePeriod_FirstMonthsOfYear_RoundTrips()
    {
        Gen.Select(Gen.Int[1990, 2060], Gen.Int[2, 11])
            .Sample((year, months) =>
            {
                var text = $"in the first {months} months of {year}";
                var cue = Assert.Single(Periods.Find(text, text, new DateOnly(2061, 1, 1), null, "KR"));
                Assert.Equal($"{year}-01/{year}-{months:00}", cue.Period.ToString());
            }, iter: 300);
    }

    [Fact]
    public void ResolvePeriod_MonthWithoutYear_IsLatestNotAfterPublication()
    {
        Gen.Select(Gen.DateOnly[new DateOnly(1990, 1, 1), new DateOnly(2090, 12, 31)], Gen.Int[1, 12])
            .Sample((published, month) =>
            {
                var text = $"Exports in {MonthNames[month - 1]} rose";
                var cue = Assert.Single(Periods.Find(text, text.ToLowerInvariant(), published, null, "KR"));
                Assert.True(cue.Period.Start <= published);
                Assert.True(cue.Period.Start > published.AddYears(-1));
            }, iter: 300);
    }

    [Fact]
    public void Parsers_AnyString_NeverThrow()
    {
        var chars = Gen.OneOf(Gen.Char, Gen.Char["0123456789$%.,-억만조원달러월일 abcdefghijklmnopqrstuvwxyzJFMASOND△()~"]);
        Gen.String[chars, 0, 200]
            .Sample(text =>
            {
                _ = Money.Find(text);
                _ = Percent.Find(text);
                _ = Periods.Find(text, text.ToLowerInvariant().Length == text.Length ? text.ToLowerInvariant() : text, new DateOnly(2025, 12, 1), null, "KR");
            }, iter: 2000);
    }
}
