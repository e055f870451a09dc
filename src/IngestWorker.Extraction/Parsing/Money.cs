using System.Text.RegularExpressions;

namespace IngestWorker.Extraction.Parsing;

/// <summary>An amount of money stated in text, in full units of its currency.</summary>
internal readonly record struct MoneyMatch(int Start, int End, decimal Value, string Currency, int Decimals);

/// <summary>Finds money amounts in English and Korean forms ($61.04 billion, USD56.3 bn, 57.9 billion dollars, 503억6000만달러, 1조 2,000억 원).</summary>
internal static class Money
{
    private const string Number = @"(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)";

    private const string Scale = @"(?<scale>trillion|billion|million|thousand|lakh\s?crore|crore|lakh|tn|bn|mn|mln|bln|b|m|k)";

    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(500);

    /// <summary>"$61.04 billion", "NT$1.2 trillion", "RM134.03 billion", "$41,215m": a symbol or code, then the amount.</summary>
    private static readonly Regex PrefixedRegex = new(
        @"(?<![\p{L}])(?<cur>" + Vocabulary.Currencies.BeforePattern + @"|\$)\s?" + Number + @"(?:\s?" + Scale + @"\b)?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, Timeout);

    /// <summary>"57.9 billion dollars", "134 billion ringgit", "2.1 trillion yen": the amount, then the currency's name.</summary>
    private static readonly Regex SuffixedRegex = new(
        Number + @"\s?(?:" + Scale + @"\s?)?(?:of\s)?(?<cur>" + Vocabulary.Currencies.AfterPattern + @")\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, Timeout);

    /// <summary>"2,045.3 billion" with no currency: money only where the sentence declares the currency ("Measured in US dollars, …").</summary>
    private static readonly Regex BareRegex = new(
        Number + @"\s?(?<scale>trillion|billion|million|tn|bn|mn)\b(?!\s?(?:tons?|tonnes?|barrels?|units?|people|won|yen|yuan|dollars?|euros?|pounds?))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, Timeout);

    private static readonly Regex KoreanRegex = new(
        @"(?<jo>\d[\d,]*(?:\.\d+)?)\s?조\s?(?:(?<eok>\d[\d,]*(?:\.\d+)?)\s?억\s?)?(?:(?<man>\d[\d,]*(?:\.\d+)?)\s?만\s?)?(?<cur>" + Vocabulary.Currencies.KoreanPattern + @")"
        + @"|(?<eok>\d[\d,]*(?:\.\d+)?)\s?억\s?(?:(?<man>\d[\d,]*(?:\.\d+)?)\s?만\s?)?(?<cur>" + Vocabulary.Currencies.KoreanPattern + @")"
        + @"|(?<man>\d[\d,]*(?:\.\d+)?)\s?만\s?(?<cur>" + Vocabulary.Currencies.KoreanPattern + @")",
        RegexOptions.CultureInvariant | RegexOptions.Compiled, Timeout);

    /// <summary>"measured in US dollars", "in yuan terms", "denominated in euros": the currency a sentence's bare amounts are in.</summary>
    private static readonly Regex DeclaredRegex = new(
        @"\b(?:(?:measured|denominated|valued|expressed|calculated)\s+in|in)\s+(?:(?:u\.?s\.?|american)[\s-])?(?<cur>" + Vocabulary.Currencies.AfterPattern + @"|" + Vocabulary.Currencies.BeforePattern + @")(?:[\s-]+(?:terms|denominated))?\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, Timeout);

    /// <summary>Cheap tests that tell a sentence can hold no amount of a form, so its regex need not run.</summary>
    private static readonly System.Buffers.SearchValues<string> BeforeWords = System.Buffers.SearchValues.Create(
        [.. Vocabulary.Currencies.BeforeNames, "$"], StringComparison.OrdinalIgnoreCase);

    private static readonly System.Buffers.SearchValues<string> AfterWords = System.Buffers.SearchValues.Create(
        [.. Vocabulary.Currencies.AfterNames], StringComparison.OrdinalIgnoreCase);

    /// <summary>Every amount of money in the text, in full units of its currency.</summary>
    /// <param name="text">One sentence or cell.</param>
    /// <param name="bareDollar">The currency a bare "$" stands for: the reporter's own dollar in its own release, else USD.</param>
    /// <param name="declared">The currency the sentence or its paragraph declares for bare amounts ("Measured in US dollars"), or null.</param>
    public static List<MoneyMatch> Find(string text, string bareDollar = "USD", string? declared = null)
    {
        var found = new List<MoneyMatch>();
        if (text.AsSpan().IndexOfAnyInRange('0', '9') < 0)
        {
            return found;
        }

        foreach (var m in text.AsSpan().IndexOfAny(BeforeWords) >= 0 ? SafeRegex.Matches(PrefixedRegex, text) : [])
        {
            var cur = m.Groups["cur"].Value;
            var code = cur == "$" ? bareDollar : Vocabulary.Currencies.Before(cur);
            if (code is null || IsInsideWord(text, m.Index) || (cur.Length <= 3 && char.IsLetter(cur[0]) && !IsCodePrefix(text, m))
                || !TryScale(m.Groups["num"].Value, m.Groups["scale"].Value, out var v, out var dec))
            {
                continue;
            }

            found.Add(new MoneyMatch(m.Index, m.Index + m.Length, v, code, dec));
        }

        foreach (var m in text.AsSpan().IndexOfAny(AfterWords) >= 0 ? SafeRegex.Matches(SuffixedRegex, text) : [])
        {
            if (Overlaps(found, m.Index, m.Index + m.Length) || IsInsideWord(text, m.Index)
                || Vocabulary.Currencies.After(m.Groups["cur"].Value) is not { } code
                || !TryScale(m.Groups["num"].Value, m.Groups["scale"].Value, out var v, out var dec))
            {
                continue;
            }

            found.Add(new MoneyMatch(m.Index, m.Index + m.Length, v, code, dec));
        }

        if (text.AsSpan().IndexOfAny("억만조") >= 0)
        {
            foreach (var m in SafeRegex.Matches(KoreanRegex, text))
            {
                if (m.Length == m.Groups["cur"].Length || Overlaps(found, m.Index, m.Index + m.Length)
                    || Vocabulary.Currencies.After(m.Groups["cur"].Value) is not { } code)
                {
                    continue;
                }

                if (TryKorean(m, out var v, out var dec))
                {
                    found.Add(new MoneyMatch(m.Index, m.Index + m.Length, v, code, dec));
                }
            }
        }

        if ((declared ?? DeclaredCurrency(text)) is { } inDeclared)
        {
            foreach (var m in SafeRegex.Matches(BareRegex, text))
            {
                if (!Overlaps(found, m.Index, m.Index + m.Length) && !IsInsideWord(text, m.Index)
                    && TryScale(m.Groups["num"].Value, m.Groups["scale"].Value, out var v, out var dec))
                {
                    found.Add(new MoneyMatch(m.Index, m.Index + m.Length, v, inDeclared, dec));
                }
            }
        }

        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }

    /// <summary>The currency a sentence declares for its bare amounts ("Measured in US dollars, …", "in yuan terms"), or null.</summary>
    public static string? DeclaredCurrency(string text)
    {
        if (!text.Contains(" in ", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("in ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return SafeRegex.Match(DeclaredRegex, text) is { } m ? Vocabulary.Currencies.After(m.Groups["cur"].Value) : null;
    }

    /// <summary>A letter code ("RM", "Rs", "Rp") counts only when written as one: capitalised, not a word's tail.</summary>
    private static bool IsCodePrefix(string text, Match m)
    {
        var cur = m.Groups["cur"];
        return char.IsUpper(text[cur.Index]);
    }

    /// <summary>Parses one stated amount ("$61.04 billion", "503억6000만달러"); null when it is not money.</summary>
    public static MoneyMatch? ParseOne(string text)
    {
        var all = Find(text);
        return all.Count == 1 ? all[0] : null;
    }

    public static bool TryScale(string number, string scale, out decimal value, out int decimals)
    {
        value = 0;
        decimals = 0;
        if (!Numbers.TryParse(number, out var n))
        {
            return false;
        }

        decimals = Numbers.Decimals(n);
        return Numbers.TryMultiply(n, Multiplier(scale), out value);
    }

    public static decimal Multiplier(string scale) => scale.ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal) switch
    {
        "TRILLION" or "TN" => 1_000_000_000_000m,
        "BILLION" or "BN" or "BLN" or "B" => 1_000_000_000m,
        "MILLION" or "MN" or "MLN" or "M" => 1_000_000m,
        "THOUSAND" or "K" => 1_000m,
        "LAKHCRORE" => 1_000_000_000_000m,
        "CRORE" => 10_000_000m,
        "LAKH" => 100_000m,
        _ => 1m,
    };

    private static bool TryKorean(Match m, out decimal value, out int decimals)
    {
        value = 0;
        decimals = 0;
        (string Group, decimal Unit)[] parts = [("jo", 1_000_000_000_000m), ("eok", 100_000_000m), ("man", 10_000m)];
        foreach (var (group, unit) in parts)
        {
            var g = m.Groups[group];
            if (!g.Success)
            {
                continue;
            }

            if (!Numbers.TryParse(g.Value, out var n) || !Numbers.TryMultiply(n, unit, out var part))
            {
                return false;
            }

            decimals = Math.Max(decimals, Numbers.Decimals(n));
            if (value > decimal.MaxValue - part)
            {
                return false;
            }

            value += part;
        }

        // 503억6000만 carries four more digits than 503억: count them as precision.
        if (m.Groups["man"].Success && m.Groups["eok"].Success)
        {
            decimals += 4;
        }

        return value > 0;
    }

    private static bool IsInsideWord(string text, int index) =>
        index > 0 && (char.IsLetterOrDigit(text[index - 1]) || text[index - 1] == '.') && text[index] is >= '0' and <= '9';

    private static bool Overlaps(List<MoneyMatch> found, int start, int end)
    {
        foreach (var f in found)
        {
            if (start < f.End && f.Start < end)
            {
                return true;
            }
        }

        return false;
    }
}
