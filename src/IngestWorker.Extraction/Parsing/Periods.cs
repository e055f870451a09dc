using System.Globalization;
using System.Text.RegularExpressions;

namespace IngestWorker.Extraction.Parsing;

/// <summary>
/// Finds period phrases (months, years, spans, quarters, fiscal years, parts of a month, relative
/// phrases; English and Korean) in lowercased text and resolves them against the publication date
/// and the bulletin's main period.
/// </summary>
internal static partial class Periods
{
    private const string Mon = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";

    [GeneratedRegex(@"\b(?:fy|fiscal(?:\syear)?)\s?'?(?<y1>\d{4}|\d{2})(?:\s?[-–/]\s?(?<y2>\d{4}|\d{2}))?\b", RegexOptions.CultureInvariant, 500)]
    private static partial Regex FiscalRegex();

    [GeneratedRegex(@"\b(?<m1>" + Mon + @")(?<y1>\d{2})\s?[-–]\s?(?<m2>" + Mon + @")(?<y2>\d{2})\b", RegexOptions.CultureInvariant, 500)]
    private static partial Regex CompactSpanRegex();

    [GeneratedRegex(@"\bfrom\s(?:1\s?january|january\s1|the\s(?:start|beginning)\sof\sthe\syear)\s(?:to|through|till|until)\s(?:the\s)?(?<d>\d{1,2})(?:st|nd|rd|th)?(?:\sof\s(?:this|the)\smonth)?|\b(?:so\sfar\sthis\syear|this\syear|year[\s-]to[\s-]date)\s(?:through|to|until|till|up\sto)\s(?<m>" + Mon + @")\.?\s(?<d>\d{1,2})\b(?!,?\s\d{4}|\s?(?:%|percent|billion|million))", RegexOptions.CultureInvariant, 500)]
    private static partial Regex YearStartToDayRegex();

    [GeneratedRegex(@"\bfrom\s(?:the\s)?(?:first|1st)\s(?:to|through|till|until)\s(?:the\s)?(?<d>\d{1,2})(?:st|nd|rd|th)?(?:\sof\s(?:this|the)\smonth|\sof\s(?<m>" + Mon + @"))?|\b(?:the\s)?(?:first|1st)\s(?:to|through|till|until|-)\s(?:the\s)?(?<d>\d{1,2})(?:st|nd|rd|th)\sof\s(?:(?:this|the)\smonth|(?<m>" + Mon + @"))", RegexOptions.CultureInvariant, 500)]
    private static partial Regex FirstToDayRegex();

    [GeneratedRegex(@"\b(?:the\s)?first\s(?<n>\d{1,2}|ten|twenty|fifteen|five|seven)\s(?:working\s)?days(?:\sof\s(?:(?<m>" + Mon + @")\.?(?:\s(?<y>\d{4}))?|this\smonth|the\smonth))?", RegexOptions.CultureInvariant, 500)]
    private static partial Regex FirstDaysRegex();

    [GeneratedRegex(@"\b(?<m>" + Mon + @")\.?\s(?<d1>\d{1,2})\s?(?:-|–|to|through)\s?(?<d2>\d{1,2})\b(?!\s?(?:%|percent|billion|million))", RegexOptions.CultureInvariant, 500)]
    private static partial Regex MonthDaysRegex();

    [GeneratedRegex(@"\b(?<m>" + Mon + @")\.?\s(?<d>\d{1,2})(?:st|nd|rd|th)?\b(?!\s?(?:-|–|to|through)\s?\d)(?!\s?(?:%|percent|billion|million))(?:,?\s\d{4})?|\b\d{1,2}\s(?<m>" + Mon + @")\.?,?\s\d{4}\b|\d{1,2}월\s?\d{1,2}일|\d{4}[.-]\d{1,2}[.-]\d{1,2}|\d{1,2}/\d{1,2}/\d{4}", RegexOptions.CultureInvariant, 500)]
    private static partial Regex DateRegex();

    [GeneratedRegex(@"\b(?:the\s)?first\s(?<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven)\smonths(?:\s(?:of\s)?(?:(?<fy>this\sfiscal(?:\syear)?|the\s(?:current\s)?(?:fiscal|financial)(?:\syear)?|the\scurrent\sfiscal)|the\syear|this\syear|(?:the\syear\s)?(?<y>\d{4})))?", RegexOptions.CultureInvariant, 500)]
    private static partial Regex FirstMonthsRegex();

    [GeneratedRegex(@"\b(?<m1>" + Mon + @")\.?,?(?:\s(?<y1>\d{4}))?\s?(?:-|–|to|through|thru|till|until|~)\s?(?<m2>" + Mon + @")\b\.?,?(?:\s(?:period|quarter|months))?(?:\s(?:of\s)?(?<y2>\d{4})|\s(?:of\s)?(?<rel>this\syear|last\syear|the\syear|next\syear))?", RegexOptions.CultureInvariant, 500)]
    private static partial Regex MonthSpanRegex();

    [GeneratedRegex(@"\b(?:(?<ord>first|second|third|fourth|1st|2nd|3rd|4th)\squarter|q(?<q>[1-4]))(?:\s(?:of\s)?(?<y>\d{4})|\s(?:of\s)?(?<rel>this\syear|last\syear))?", RegexOptions.CultureInvariant, 500)]
    private static partial Regex QuarterRegex();

    [GeneratedRegex(@"\b(?:the\s)?(?<h>first|second|1st|2nd)\shalf(?:\s(?:of\s)?(?<y>\d{4})|\s(?:of\s)?(?<rel>this\syear|last\syear|the\syear))?|\bh(?<n>[12])\s(?<y>\d{4})|(?:(?<y>\d{4})년\s?)?(?<kh>상|하)반기", RegexOptions.CultureInvariant, 500)]
    private static partial Regex HalfRegex();

    [GeneratedRegex(@"\b(?:so\sfar\sthis\syear|year[\s-]to[\s-]date|this\syear|the\syear)\s(?:through|to|until|till)\s(?:the\send\sof\s)?(?<m>" + Mon + @")\b(?!\.?\s\d{1,2}\b(?!,?\s\d{4}))|\bin\sthe\syear\sto\s(?<m>" + Mon + @")\b|\byear[\s-]to[\s-]date\b(?!\s(?:through|to|until|till|up\sto)\s(?:" + Mon + @")\.?\s\d)|\bso\sfar\sthis\syear\b(?!\s(?:through|to|until|till|up\sto)\s(?:" + Mon + @")\.?\s\d)|올해\s?들어|올해\s?누적|연초\s?이후\s?누적", RegexOptions.CultureInvariant, 500)]
    private static partial Regex YearToDateRegex();

    /// <summary>"1∼10일 수출", "1~20일 집계": a day span with no month is the month of the latest such span.</summary>
    [GeneratedRegex(@"(?<![\d월.\-/])1\s?(?:일\s?)?[~∼～〜\-–]\s?(?<d>\d{1,2})일", RegexOptions.CultureInvariant, 500)]
    private static partial Regex KoreanBareDaySpanRegex();

    /// <summary>"the three months to September", "six months through June 2024": a span ending in the named month.</summary>
    [GeneratedRegex(@"\b(?<n>two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\smonths\s(?:to|through|ended|ending(?:\sin)?|until)\s(?:the\send\sof\s)?(?<m>" + Mon + @")\b\.?(?:,?\s(?<y>\d{4}))?", RegexOptions.CultureInvariant, 500)]
    private static partial Regex MonthsToRegex();

    /// <summary>"a two-month deficit", "this year's three-month surplus": with "this year", the months from January.</summary>
    [GeneratedRegex(@"\b(?<n>two|three|four|five|six|seven|eight|nine|ten|eleven|\d{1,2})[\s-]month\b", RegexOptions.CultureInvariant, 500)]
    private static partial Regex CountOfMonthsRegex();

    /// <summary>"this month through the 20th", "as of the 20th": the month so far (contract, labelling decision 7).</summary>
    [GeneratedRegex(@"\bthis\smonth\s(?:through|to|until|till|up\sto)\s(?:the\s)?(?<d>\d{1,2})(?:st|nd|rd|th)?\b|\bas\sof\sthe\s(?<d>\d{1,2})(?:st|nd|rd|th)\b|\b(?:until|through|till|up\sto)\s(?:the\s)?(?<d>\d{1,2})(?:st|nd|rd|th)\sof\s(?<m>" + Mon + @")\b|(?<!(?:this\syear|year[\s-]to[\s-]date)\s)\b(?:until|through|till|up\sto)\s(?<m>" + Mon + @")\.?\s(?<d>\d{1,2})\b(?!,?\s\d{4}|\s?(?:%|percent|billion|million))", RegexOptions.CultureInvariant, 500)]
    private static partial Regex MonthToDayRegex();

    [GeneratedRegex(@"\ba\smonth\s(?:earlier|ago|before)|\b(?<in>(?:in|during|for)\s)?the\s(?:previous|prior|preceding)\smonth\b|\bthe\smonth\sbefore\b|(?:지난달|전월|전달)\s?(?:같은|동)\s?(?:기간|시기)|전월|직전\s?월", RegexOptions.CultureInvariant, 500)]
    private static partial Regex MonthEarlierRegex();

    [GeneratedRegex(@"\b(?<m>" + Mon + @")\b\.?(?:-(?<yy>\d{2})\b|,?\s(?:of\s)?(?<y>\d{4})\b|\s(?:of\s)?(?<rel>this\syear|last\syear|next\syear))?", RegexOptions.CultureInvariant, 500)]
    private static partial Regex MonthRegex();

    [GeneratedRegex(@"(?<![\d$.,/-])(?<y>(?:19|20)\d{2})(?:년)?(?![\d%]|[.,]\d|\s?(?:percent|billion|million|trillion))", RegexOptions.CultureInvariant, 500)]
    private static partial Regex YearRegex();

    [GeneratedRegex(@"(?:(?<y>\d{4})년\s?)?(?<m1>\d{1,2})\s?[~∼～〜\-–]\s?(?<m2>\d{1,2})월|(?:(?<y>\d{4})년\s?)?(?<m1>\d{1,2})월\s?부터\s?(?<m2>\d{1,2})월\s?까지", RegexOptions.CultureInvariant, 500)]
    private static partial Regex KoreanMonthSpanRegex();

    [GeneratedRegex(@"(?:(?:(?<this>이달|이번\s?달)|(?<m>\d{1,2})월)\s?)(?:1일?\s?[~∼～〜\-–]\s?|1일\s?부터\s?|들어\s?)(?<d>\d{1,2})일|(?<![들어해]\s?)(?<this>이달|이번\s?달)\s?(?<d>\d{1,2})일\s?까지", RegexOptions.CultureInvariant, 500)]
    private static partial Regex KoreanDaySpanRegex();

    [GeneratedRegex(@"(?:연초\s?부터|올해?\s?들어|올해?\s?초부터|올해?\s?1월\s?(?:1일\s?)?부터)\s?(?:이달\s?|이번\s?달\s?|(?<m>\d{1,2})월\s?)?(?<d>\d{1,2})일", RegexOptions.CultureInvariant, 500)]
    private static partial Regex KoreanYearToDayRegex();

    [GeneratedRegex(@"(?:(?<y>\d{4})년\s?|[''’](?<yy>\d{2})\.\s?|(?<rel>지난해|작년|올해|금년|내년)\s?)?(?<m>\d{1,2})월", RegexOptions.CultureInvariant, 500)]
    private static partial Regex KoreanMonthRegex();

    [GeneratedRegex(@"\b(?:(?:in|for|during)\s)?(?:the\s)?(?:same|corresponding|comparable)\s(?:period|months?|stretch|time|days|quarter)\s(?:of\s|in\s)?(?:a\syear\s(?:ago|earlier|before)|last\syear|the\sprevious\syear|the\syear\sbefore|(?:19|20)\d{2})|\ba\syear\s(?:earlier|ago|before)|\bthe\syear\sbefore|\bthe\sprevious\syear|\byear-earlier|\byear\sago|(?:지난해|작년|전년)\s?(?:같은\s?(?:달|기간|월|시기)|동\s?(?:기간|월|시기|기))|전년\s?동월|전년\s?동기|1년\s?전|전년", RegexOptions.CultureInvariant, 500)]
    private static partial Regex YearEarlierRegex();

    [GeneratedRegex(@"\b(?:last|this|next)\smonth\b|\b(?:last|next|(?<!\b(?:highest|largest|biggest|smallest|lowest|best|worst|strongest|weakest|most|least)\b(?:\s[\w'’$.,-]+){0,6}\s(?:yet\s|so\sfar\s)?)this)\syear(?!(?:'s|’s)\s(?:highest|largest|biggest|best|lowest|strongest|weakest)\b)(?:'s|’s)?(?:\s(?:whole|full|entire)[\s-]year)?|\b(?:the\s)?(?:whole|full|entire)[\s-]year\b|(?:지난해|작년|올해|금년|내년)\s?연간|지난달|이달|(?:올해|금년)(?!\s?(?:들어\s?)?(?:최대|최고|최저|가장))|지난해|작년|내년|연간", RegexOptions.CultureInvariant, 500)]
    private static partial Regex RelativeRegex();

    [GeneratedRegex(@"(?:\bfrom|\bover|\bthan|\bcompared\s(?:with|to)|\b(?:in\s)?comparison\s(?:with|to)|\bas\sagainst|\brelative\sto|\bversus|\bvs\.?|\bsince|\bbefore|\bagainst|\bthan\sin|\bfrom\sin|\bend(?:ed|ing|s)\sin|\bend(?:ed|ing|s))\s(?:the\s)?(?:levels?\sof\s|level\sin\s)?$", RegexOptions.CultureInvariant, 500)]
    private static partial Regex ComparisonBeforeRegex();

    [GeneratedRegex(@"^\s?(?:보다|대비|에\s?비해|과\s?비교|와\s?비교|比)", RegexOptions.CultureInvariant, 500)]
    private static partial Regex KoreanComparisonAfterRegex();

    /// <summary>Finds and resolves period phrases in <paramref name="lower"/> (the lowercased sentence); <paramref name="original"/> keeps case for "May".</summary>
    public static List<PeriodCue> Find(string original, string lower, DateOnly published, Period? anchor, string reporter)
    {
        var cues = new List<PeriodCue>();
        var resolver = new PeriodResolver(published, anchor, reporter);

        // Cheap prefilters: most sentences name no month or relative period, and a regex pass costs more than a substring test.
        var digit = lower.AsSpan().IndexOfAnyInRange('0', '9') >= 0;
        var month = HasMonthName(original);

        // Korean day spans and year-to-day spans first: "올해 들어 이달 20일까지" is not the year to date in months.
        foreach (var m in Has(lower, "연초") || Has(lower, "올") ? SafeRegex.Matches(KoreanYearToDayRegex(), lower) : [])
        {
            Add(cues, m, resolver.KoreanYearToDay(m), PeriodRole.Normal);
        }

        foreach (var m in digit && Has(lower, "일") ? SafeRegex.Matches(KoreanDaySpanRegex(), lower) : [])
        {
            // 이달 (this month) is the month of publication, whatever the sentence before was about.
            var koreanMonth = m.Groups["this"].Success ? resolver.PublicationMonth.ToString(CultureInfo.InvariantCulture) : m.Groups["m"].Value;
            Add(cues, m, resolver.FirstDays(m.Groups["d"].Value, "", "", koreanMonth), PeriodRole.Normal);
        }

        foreach (var m in digit && Has(lower, "일") ? SafeRegex.Matches(KoreanBareDaySpanRegex(), lower) : [])
        {
            Add(cues, m, resolver.DaysOfLatestMonth(m.Groups["d"].Value), PeriodRole.Normal);
        }

        foreach (var m in Has(lower, "month") || Has(lower, "전월") || Has(lower, "직전") ? SafeRegex.Matches(MonthEarlierRegex(), lower) : [])
        {
            // "in the previous month" dates the figure (the month before publication); "from the previous month" is its base.
            if (m.Groups["in"].Success)
            {
                Add(cues, m, resolver.MonthBeforePublication, PeriodRole.Normal);
            }
            else if (lower.AsSpan(m.Index + m.Length).StartsWith("'s", StringComparison.Ordinal) || lower.AsSpan(m.Index + m.Length).StartsWith("’s", StringComparison.Ordinal))
            {
                // "the previous month's 14.9%": the figure belongs to the month before.
                Add(cues, m, resolver.Anchor.ShiftMonths(-1), PeriodRole.Normal);
            }
            else
            {
                Add(cues, m, resolver.Anchor, PeriodRole.MonthEarlier);
            }
        }

        foreach (var m in digit && (Has(lower, "th") || Has(lower, "this month") || Has(lower, "until") || Has(lower, "through") || Has(lower, "till") || Has(lower, "up to"))
            ? SafeRegex.Matches(MonthToDayRegex(), lower) : [])
        {
            Add(cues, m, resolver.FirstDays(m.Groups["d"].Value, m.Groups["m"].Value, ""), PeriodRole.Normal);
        }

        foreach (var m in month && Has(lower, "months") ? SafeRegex.Matches(MonthsToRegex(), lower) : [])
        {
            Add(cues, m, resolver.MonthsTo(m), PeriodRole.Normal);
        }

        foreach (var m in Has(lower, "half") || Has(lower, "반기") || (digit && Has(lower, "h")) ? SafeRegex.Matches(HalfRegex(), lower) : [])
        {
            Add(cues, m, resolver.Half(m), PeriodRole.Normal);
        }

        foreach (var m in Has(lower, "year") || Has(lower, "올해") || Has(lower, "연초") ? SafeRegex.Matches(YearToDateRegex(), lower) : [])
        {
            Add(cues, m, resolver.YearToDate(m), PeriodRole.Normal);
        }

        foreach (var m in Has(lower, "year") || Has(lower, "same") || Has(lower, "전년") || Has(lower, "지난해") || Has(lower, "작년") || Has(lower, "1년") ? SafeRegex.Matches(YearEarlierRegex(), lower) : [])
        {
            Add(cues, m, resolver.Anchor, PeriodRole.YearEarlier);
        }

        foreach (var m in digit && (Has(lower, "fy") || Has(lower, "fiscal")) ? SafeRegex.Matches(FiscalRegex(), lower) : [])
        {
            Add(cues, m, resolver.Fiscal(m), PeriodRole.Normal);
        }

        foreach (var m in digit && month ? SafeRegex.Matches(CompactSpanRegex(), lower) : [])
        {
            Add(cues, m, PeriodResolver.CompactSpan(m), PeriodRole.Normal);
        }

        foreach (var m in digit && (Has(lower, "from") || Has(lower, "year")) ? SafeRegex.Matches(YearStartToDayRegex(), lower) : [])
        {
            Add(cues, m, resolver.YearStartToDay(m), PeriodRole.Normal);
        }

        foreach (var m in digit && (Has(lower, "first") || Has(lower, "1st")) ? SafeRegex.Matches(FirstToDayRegex(), lower) : [])
        {
            Add(cues, m, resolver.FirstDays(m.Groups["d"].Value, m.Groups["m"].Value, ""), PeriodRole.Normal);
        }

        foreach (var m in Has(lower, "first") && Has(lower, "day") ? SafeRegex.Matches(FirstDaysRegex(), lower) : [])
        {
            Add(cues, m, resolver.FirstDays(m.Groups["n"].Value, m.Groups["m"].Value, m.Groups["y"].Value), PeriodRole.Normal);
        }

        foreach (var m in digit && month ? SafeRegex.Matches(MonthDaysRegex(), lower) : [])
        {
            Add(cues, m, resolver.MonthDays(m), PeriodRole.Normal);
        }

        // A calendar date ("Sept. 1", "04 APR 2022") is when something was said, not a period figures cover.
        foreach (var m in digit ? SafeRegex.Matches(DateRegex(), lower) : [])
        {
            if (!m.Groups["m"].Success || char.IsUpper(original[m.Groups["m"].Index]))
            {
                Add(cues, m, resolver.Anchor, PeriodRole.Date);
            }
        }

        foreach (var m in Has(lower, "first") && Has(lower, "month") ? SafeRegex.Matches(FirstMonthsRegex(), lower) : [])
        {
            Add(cues, m, resolver.FirstMonths(m), PeriodRole.Normal);
        }

        foreach (var m in month ? SafeRegex.Matches(MonthSpanRegex(), lower) : [])
        {
            Add(cues, m, resolver.MonthSpan(m), PeriodRole.Normal);
        }

        foreach (var m in Has(lower, "quarter") || (digit && Has(lower, "q")) ? SafeRegex.Matches(QuarterRegex(), lower) : [])
        {
            Add(cues, m, resolver.Quarter(m), PeriodRole.Normal);
        }

        foreach (var m in digit && Has(lower, "월") ? SafeRegex.Matches(KoreanMonthSpanRegex(), lower) : [])
        {
            Add(cues, m, resolver.KoreanMonthSpan(m), PeriodRole.Normal);
        }

        foreach (var m in month ? SafeRegex.Matches(MonthRegex(), lower) : [])
        {
            if (IsMonthWord(original, m))
            {
                Add(cues, m, resolver.Month(m), PeriodRole.Normal);
            }
        }

        foreach (var m in digit && Has(lower, "월") ? SafeRegex.Matches(KoreanMonthRegex(), lower) : [])
        {
            Add(cues, m, resolver.KoreanMonth(m), PeriodRole.Normal);
        }

        foreach (var m in Relative(lower) ? SafeRegex.Matches(RelativeRegex(), lower) : [])
        {
            Add(cues, m, resolver.Relative(m.Value), PeriodRole.Normal);
        }

        foreach (var m in digit ? SafeRegex.Matches(YearRegex(), lower) : [])
        {
            Add(cues, m, PeriodResolver.Year(m.Groups["y"].Value), PeriodRole.Normal);
        }

        cues.Sort((a, b) => a.Start.CompareTo(b.Start));
        CountOfMonthsThisYear(lower, cues, resolver);
        for (var i = 0; i < cues.Count; i++)
        {
            var c = cues[i];
            if (c.Role == PeriodRole.Normal && IsComparison(lower, c))
            {
                cues[i] = c with { Role = PeriodRole.Comparison };
            }
        }

        return cues;
    }

    /// <summary>
    /// "a two-month trade deficit … this year", "this year's three-month surplus": the year named beside a count of months
    /// is that many months from January (contract, labelling decision 7), not the whole year.
    /// </summary>
    private static void CountOfMonthsThisYear(string lower, List<PeriodCue> cues, PeriodResolver resolver)
    {
        if (!Has(lower, "month") || !Has(lower, "this year"))
        {
            return;
        }

        var count = SafeRegex.Match(CountOfMonthsRegex(), lower);
        var months = count is null ? 0 : SmallNumber(count.Groups["n"].Value);
        if (months is < 2 or > 11)
        {
            return;
        }

        for (var i = 0; i < cues.Count; i++)
        {
            var c = cues[i];
            if (c.Period.Kind == PeriodKind.Year && lower.AsSpan(c.Start, c.End - c.Start).StartsWith("this year", StringComparison.Ordinal)
                && PeriodResolver.FirstMonthsOf(c.Period.Start.Year, months) is { } span)
            {
                cues[i] = c with { Period = span };
            }
        }
    }

    private static bool Has(string lower, string part) => lower.Contains(part, StringComparison.Ordinal);

    // English month names count only capitalised (see IsMonthWord), so the prefilter looks for the capitalised stem.
    private static readonly string[] MonthStems = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    private static readonly string[] RelativeWords = ["last", "this", "next", "whole", "full", "entire", "지난", "이달", "전월", "올해", "금년", "작년", "내년", "연간"];

    private static bool HasMonthName(string original)
    {
        foreach (var stem in MonthStems)
        {
            if (original.Contains(stem, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Relative(string lower)
    {
        foreach (var word in RelativeWords)
        {
            if (lower.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsComparison(string lower, PeriodCue cue)
    {
        var before = lower[Math.Max(0, cue.Start - 30)..cue.Start];
        if (before.EndsWith("dated from ", StringComparison.Ordinal) || before.EndsWith("dating from ", StringComparison.Ordinal)
            || before.EndsWith("dates from ", StringComparison.Ordinal))
        {
            return false;
        }

        // "a base effect from September 2018, when chip exports hit $12.4 billion": the clause that follows is about that period.
        if (lower.AsSpan(cue.End).StartsWith(", when ", StringComparison.Ordinal))
        {
            return false;
        }

        if (SafeRegex.IsMatch(ComparisonBeforeRegex(), before))
        {
            // "from January to November" and "from the first to the 10th": the "from" opens the span itself.
            var word = before.TrimEnd();
            return !(cue.Period.Kind is PeriodKind.MonthSpan or PeriodKind.DaySpan
                && (word.EndsWith("from", StringComparison.Ordinal) || word.EndsWith("over", StringComparison.Ordinal) || word.EndsWith("over the", StringComparison.Ordinal)));
        }

        var after = lower[cue.End..Math.Min(lower.Length, cue.End + 8)];
        return SafeRegex.IsMatch(KoreanComparisonAfterRegex(), after);
    }

    /// <summary>English month names count when capitalised in the source ("May", not the verb "may").</summary>
    private static bool IsMonthWord(string original, Match m)
    {
        var start = m.Groups["m"].Index;
        if (start >= original.Length || !char.IsUpper(original[start]))
        {
            return false;
        }

        // A bare three-letter abbreviation needs its period or a number ("Oct.", "Mar-22"); "Mar" alone may be a name.
        var name = m.Groups["m"].Value;
        return name.Length > 3 || name is "may" || m.Length > name.Length;
    }

    private static void Add(List<PeriodCue> cues, Match m, Period? period, PeriodRole role)
    {
        if (period is null)
        {
            return;
        }

        var start = m.Index;
        var end = m.Index + m.Length;
        while (end > start && char.IsWhiteSpace(m.Value[end - start - 1]))
        {
            end--;
        }

        foreach (var c in cues)
        {
            if (start < c.End && c.Start < end)
            {
                return;
            }
        }

        cues.Add(new PeriodCue(start, end, period.Value, role));
    }

    internal static bool IsMonthName(string word) => word.Length >= 3 && MonthNumber(word) > 0 && Mon.Contains(word, StringComparison.Ordinal);

    internal static int MonthNumber(string name) => name.Length < 3 ? 0 : name[..3] switch
    {
        "jan" => 1, "feb" => 2, "mar" => 3, "apr" => 4, "may" => 5, "jun" => 6,
        "jul" => 7, "aug" => 8, "sep" => 9, "oct" => 10, "nov" => 11, "dec" => 12, _ => 0,
    };

    internal static int SmallNumber(string word) => word switch
    {
        "two" => 2, "three" => 3, "four" => 4, "five" => 5, "six" => 6, "seven" => 7, "eight" => 8,
        "nine" => 9, "ten" => 10, "eleven" => 11, "twelve" => 12, "fifteen" => 15, "twenty" => 20,
        _ => int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0,
    };
}
