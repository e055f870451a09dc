using System.Text.RegularExpressions;
using IngestWorker.Extraction.Parsing;

namespace IngestWorker.Extraction.Rules;

/// <summary>Sentence-level readings that decide a figure's measure, basis and adjustment.</summary>
internal sealed partial class Measures(string lower)
{
    [GeneratedRegex(@"moving\saverage|three\smonths\sending|three-month\saverage|3개월\s?이동", RegexOptions.CultureInvariant, 500)]
    private static partial Regex MovingAverageRegex();

    [GeneratedRegex(@"(?:accounting\sfor|accounted\sfor|accounts\sfor|account\sfor|share\sof|made\sup|making\sup|makes\sup|took\sup|taking\sup|represent(?:s|ed|ing)?|비중은?|비중이|비중)\s?(?:about\s|around\s|some\s)?$", RegexOptions.CultureInvariant, 500)]
    private static partial Regex ShareBeforeRegex();

    [GeneratedRegex(@"^\s?(?:of\s(?:the\s)?(?:total|all|overall|entire|country's|nation's|korea's|its|\w+'s\s(?:total|overall))|share\b|를\s?차지|을\s?차지)", RegexOptions.CultureInvariant, 500)]
    private static partial Regex ShareAfterRegex();

    [GeneratedRegex(@"from\sthe\sprevious\s(?:month|quarter)|from\sa\smonth\s(?:earlier|ago|before)|(?:month|quarter)[\s-]on[\s-](?:month|quarter)|\bon[\s-]month\b|\bm/m\b|\bmom\b|\bq/q\b|(?:over|on)\sthe\s(?:previous|prior|preceding)\s(?:month|quarter)|\b(?:over|on)\sthe\s(?:month|quarter)\b|\bm-o-m\b|from\sthe\sprior\s(?:month|quarter)|compared\s(?:with|to)\sthe\s(?:previous|prior|preceding)\s(?:month|quarter)|전월\s?대비|전월비|전월보다|전분기\s?대비", RegexOptions.CultureInvariant, 500)]
    private static partial Regex PreviousPeriodRegex();

    /// <summary>Words that state a change is on the same period a year earlier.</summary>
    [GeneratedRegex(@"year[\s-](?:on|over)[\s-]year|\byoy\b|\by/y\b|\by-o-y\b|\bon[\s-]year\b|from\sa\syear\s(?:earlier|ago|before)|(?:over|from|than|compared\swith|compared\sto|on)\sthe\s(?:same|corresponding)\s(?:month|period|quarter)|on\sa\s(?:yearly|annual|year-on-year)\sbasis|전년\s?(?:동월|동기|같은\s?(?:달|기간))?\s?대비|1년\s?전보다|(?:작년|지난해)\s?같은\s?(?:달|기간)보다|(?:작년|지난해)\s?(?:동기|동월|같은\s?(?:달|기간))\s?대비", RegexOptions.CultureInvariant, 500)]
    private static partial Regex YearOnYearRegex();

    [GeneratedRegex(@"\b(?:forecast(?:s|ed|ing)?|project(?:ed|s|ion|ions)?|expect(?:ed|s|ations?)?|polls?|polled|median|consensus|outlook|targets?|targeted|predict(?:ed|s|ion)?|anticipat\w+|looked\sfor)\b|전망|내다봤|내다본|예상|목표|예측", RegexOptions.CultureInvariant, 500)]
    private static partial Regex ForecastRegex();

    [GeneratedRegex(@"than\s(?:had\s been\s|was\s)?(?:expected|forecast|anticipated|predicted)|unexpected", RegexOptions.CultureInvariant, 500)]
    private static partial Regex NotForecastRegex();

    [GeneratedRegex(@"\bunadjusted|\bnot\s(?:seasonally\s)?adjusted|non-seasonally|original\s(?:terms|data|series)|원계열", RegexOptions.CultureInvariant, 500)]
    private static partial Regex UnadjustedRegex();

    [GeneratedRegex(@"seasonally[\s-]adjusted|adjusted\sfor\sseason|seasonal(?:ly)?\sadjust|계절\s?조정", RegexOptions.CultureInvariant, 500)]
    private static partial Regex SeasonalRegex();

    [GeneratedRegex(@"^\s?(?:의\s?)?(?<s>흑자|적자)", RegexOptions.CultureInvariant, 500)]
    private static partial Regex KoreanBalanceRegex();

    private IReadOnlyList<Match>? _forecasts;

    public bool IsMovingAverage { get; } = MentionsMovingAverage(lower);

    public bool IsSeasonal { get; } = MentionsSeasonalAdjustment(lower);

    /// <summary>The sentence says its figures are not seasonally adjusted ("in unadjusted terms", "원계열").</summary>
    public bool IsUnadjusted { get; } = (lower.Contains("adjust", StringComparison.Ordinal) || lower.Contains("original", StringComparison.Ordinal)
        || lower.Contains("원계열", StringComparison.Ordinal)) && SafeRegex.IsMatch(UnadjustedRegex(), lower);

    public static bool MentionsMovingAverage(string lower) =>
        (lower.Contains("average", StringComparison.Ordinal) || lower.Contains("three months", StringComparison.Ordinal) || lower.Contains("이동", StringComparison.Ordinal))
        && SafeRegex.IsMatch(MovingAverageRegex(), lower);

    public static bool MentionsSeasonalAdjustment(string lower) =>
        (lower.Contains("season", StringComparison.Ordinal) || lower.Contains("계절", StringComparison.Ordinal)) && SafeRegex.IsMatch(SeasonalRegex(), lower);

    public bool IsShare(int start, int end) =>
        SafeRegex.IsMatch(ShareBeforeRegex(), lower[Math.Max(0, start - 30)..start])
        || SafeRegex.IsMatch(ShareAfterRegex(), lower[end..Math.Min(lower.Length, end + 40)]);

    public bool IsPreviousPeriod(int start, int end, int previousFigure, int nextFigure)
    {
        // "Compared with the previous quarter, exports grew 8.2 percent": the base may be named before the figure.
        var window = lower[Math.Max(previousFigure, start - 60)..Math.Min(Math.Min(lower.Length, nextFigure), end + 45)];
        var cut = window.IndexOfAny([';']);
        return SafeRegex.IsMatch(PreviousPeriodRegex(), cut > 0 ? window[..cut] : window);
    }

    /// <summary>The figure's own clause says its change is on a year earlier ("rose 19.3% year-on-year", "on a yearly basis, … 20.3%").</summary>
    public bool IsYearOnYear(int start, int end, int previousFigure, int nextFigure)
    {
        var from = Math.Max(previousFigure, start - 40);
        var to = Math.Min(Math.Min(lower.Length, nextFigure), end + 35);
        var window = lower[from..to];
        var cut = window.IndexOf(';', StringComparison.Ordinal);
        return SafeRegex.IsMatch(YearOnYearRegex(), cut > 0 && from + cut > end ? window[..cut] : window);
    }

    /// <summary>A figure is a forecast when a forecast word stands in its clause or anywhere before it in the sentence.</summary>
    public bool IsForecast(int start, Func<int, int, bool>? governsOther = null)
    {
        _forecasts ??= SafeRegex.IsMatch(NotForecastRegex(), lower) ? [] : SafeRegex.Matches(ForecastRegex(), lower);
        foreach (var m in _forecasts)
        {
            if (m.Index < start)
            {
                // "above the expected 9.2%; imports dropped 3.5%": a forecast word before the figure covers it within its
                // clause, unless it already governs a nearer figure ("the expected 9.2%") that a clause break separates.
                var before = lower[m.Index..start];
                if (before.Contains(';', StringComparison.Ordinal) || (governsOther?.Invoke(m.Index + m.Length, start) ?? false))
                {
                    continue;
                }

                return true;
            }

            // A forecast word after the figure covers it only within its clause: "rose 4.6%, versus a 6.4% rise expected".
            var between = lower[start..m.Index];
            if (between.IndexOfAny([';', ',']) < 0 && !between.Contains(". ", StringComparison.Ordinal) && !between.Contains(" but ", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Korean names the sign after the amount: "44억4000만달러 흑자", "70억1000만달러 적자".</summary>
    public static int KoreanBalanceSign(string lower, int end)
    {
        var m = SafeRegex.Match(KoreanBalanceRegex(), lower[end..Math.Min(lower.Length, end + 6)]);
        return m is null ? 0 : m.Groups["s"].Value == "흑자" ? 1 : -1;
    }
}
