using System.Text.RegularExpressions;

namespace IngestWorker.Extraction.Parsing;

/// <summary>An amount of money stated in text, in full units of its currency.</summary>
internal readonly record struct MoneyMatch(int Start, int End, decimal Value, string Currency, int Decimals);

/// <summary>Finds money amounts in English and Korean forms ($61.04 billion, USD56.3 bn, 57.9 billion dollars, 503억6000만달러, 1조 2,000억 원).</summary>
internal static partial class Money
{
    private const int TimeoutMs = 500;

    [GeneratedRegex(@"(?<cur>US\$|U\.S\.\s?\$|USD|US\s?dollars?|\$|€|EUR|£|GBP|¥|JPY|KRW|₩|RMB|CNY|INR|Rs\.?)\s?(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(?<scale>trillion|billion|million|thousand|lakh\s?crore|crore|lakh|tn|bn|mn|b|m|k)\b)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex PrefixedRegex();

    [GeneratedRegex(@"(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?(?:(?<scale>trillion|billion|million|thousand|lakh\s?crore|crore|lakh|tn|bn|mn)\s?)?(?:(?:U\.?S\.?|American)\s)?(?<cur>dollars?|won|yen|euros?|yuan|rupees|pounds)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex SuffixedRegex();

    [GeneratedRegex(@"(?<jo>\d[\d,]*(?:\.\d+)?)\s?조\s?(?:(?<eok>\d[\d,]*(?:\.\d+)?)\s?억\s?)?(?:(?<man>\d[\d,]*(?:\.\d+)?)\s?만\s?)?(?<cur>달러|불|원|엔|유로|위안)|(?<eok>\d[\d,]*(?:\.\d+)?)\s?억\s?(?:(?<man>\d[\d,]*(?:\.\d+)?)\s?만\s?)?(?<cur>달러|불|원|엔|유로|위안)|(?<man>\d[\d,]*(?:\.\d+)?)\s?만\s?(?<cur>달러|불|원|엔|유로|위안)", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex KoreanRegex();

    private static readonly string[] PrefixCodes = ["usd", "eur", "gbp", "jpy", "krw", "rmb", "cny", "inr", "rs"];

    private static readonly string[] SuffixWords = ["dollar", "won", "yen", "euro", "yuan", "rupee", "pound"];

    private static bool ContainsAny(string text, string[] parts)
    {
        foreach (var p in parts)
        {
            if (text.Contains(p, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static List<MoneyMatch> Find(string text)
    {
        var found = new List<MoneyMatch>();
        if (text.AsSpan().IndexOfAnyInRange('0', '9') < 0)
        {
            return found;
        }

        var prefixed = text.AsSpan().IndexOfAny("$€£¥₩") >= 0 || ContainsAny(text, PrefixCodes);
        var suffixed = ContainsAny(text, SuffixWords);
        var korean = text.AsSpan().IndexOfAny("억만조") >= 0;
        foreach (var m in prefixed ? SafeRegex.Matches(PrefixedRegex(), text) : [])
        {
            if (IsInsideWord(text, m.Index) || !TryScale(m.Groups["num"].Value, m.Groups["scale"].Value, out var v, out var dec))
            {
                continue;
            }

            found.Add(new MoneyMatch(m.Index, m.Index + m.Length, v, Currency(m.Groups["cur"].Value), dec));
        }

        foreach (var m in suffixed ? SafeRegex.Matches(SuffixedRegex(), text) : [])
        {
            if (Overlaps(found, m.Index, m.Index + m.Length) || IsInsideWord(text, m.Index)
                || !TryScale(m.Groups["num"].Value, m.Groups["scale"].Value, out var v, out var dec))
            {
                continue;
            }

            found.Add(new MoneyMatch(m.Index, m.Index + m.Length, v, Currency(m.Groups["cur"].Value), dec));
        }

        foreach (var m in korean ? SafeRegex.Matches(KoreanRegex(), text) : [])
        {
            if (m.Length == m.Groups["cur"].Length || Overlaps(found, m.Index, m.Index + m.Length))
            {
                continue;
            }

            if (TryKorean(m, out var v, out var dec))
            {
                found.Add(new MoneyMatch(m.Index, m.Index + m.Length, v, Currency(m.Groups["cur"].Value), dec));
            }
        }

        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
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
        "BILLION" or "BN" or "B" => 1_000_000_000m,
        "MILLION" or "MN" or "M" => 1_000_000m,
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

    private static string Currency(string token)
    {
        var t = token.ToUpperInvariant();
        return t switch
        {
            "€" or "EUR" or "EURO" or "EUROS" or "유로" => "EUR",
            "£" or "GBP" or "POUNDS" => "GBP",
            "¥" or "JPY" or "YEN" or "엔" => "JPY",
            "KRW" or "₩" or "WON" or "원" => "KRW",
            "RMB" or "CNY" or "YUAN" or "위안" => "CNY",
            "INR" or "RUPEES" or "RS" or "RS." => "INR",
            _ => "USD",
        };
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
