using System.Text.RegularExpressions;
using IngestWorker.Extraction.Parsing;

namespace IngestWorker.Extraction.Tables;

/// <summary>A table's money unit, as far as one caption, header, row label or note states it; either part may be missing.</summary>
internal readonly record struct TableUnit(decimal? Scale, string? Currency);

/// <summary>
/// Reads money units in the forms tables state them: "USD billion", "US$ million", "$m", "A$m", "NT$ bn", "€ million",
/// "£bn", "billion yen", "in millions of US dollars", "Value in Billion USD", "억 달러", "백만달러", "조 원". A bare "$" or
/// "dollars" is the reporter's own dollar where its currency is one (a statistics office's table), else the US dollar.
/// </summary>
internal static partial class TableUnits
{
    private const string Currency = @"(?<cur>us\$|u\.s\.\s?\$|usd|a\$|aud|nt\$|twd|hk\$|hkd|s\$|sgd|c\$|cad|nz\$|nzd|\$|€|eur|euros?|£|gbp|¥|jpy|yen|krw|₩|won|rmb|cny|yuan|renminbi|myr|ringgit|rm|idr|rupiah|rp|inr|₹|rupees|rs\.?|(?:u\.?s\.?\s|us\s|american\s|australian\s|canadian\s|singapore\s|hong\skong\s|new\staiwan\s|new\szealand\s)?dollars?)";

    private const string Scale = @"(?<scale>trillions?|billions?|millions?|thousands?|crores?|lakhs?|tn|bn|mn|mln|bln|m|b|k)";

    [GeneratedRegex(@"(?<![a-z])" + Currency + @"\s?" + Scale + @"(?![a-z])|(?<![a-z])" + Scale + @"\s?(?:of\s)?" + Currency + @"(?![a-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex UnitRegex();

    [GeneratedRegex(@"(?<![a-z])(?:trillions?|billions?|millions?|thousands?|crores?|bn|mn)(?![a-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex ScaleOnlyRegex();

    [GeneratedRegex(@"(?<![a-z])" + Currency + @"(?![a-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex CurrencyOnlyRegex();

    [GeneratedRegex(@"(?<n>조|억|백만|천만|천|만)?\s?(?<k>달러|불|원|엔|유로|위안)", RegexOptions.CultureInvariant, 500)]
    private static partial Regex KoreanRegex();

    /// <summary>The unit one piece of a table states; both parts null when it states none.</summary>
    /// <param name="text">The caption, header cell, row label or note.</param>
    /// <param name="reporter">Whose trade the bulletin reports (a bare "$" is its dollar where it has one).</param>
    /// <param name="strict">Prose: only a stated unit ("in US$ million", "(단위: 억 달러)") counts, not a scale or currency word met in passing.</param>
    public static TableUnit Read(string text, string reporter, bool strict = false)
    {
        foreach (var m in SafeRegex.Matches(UnitRegex(), text))
        {
            if (m.Groups["scale"].Index == m.Index && AfterNumber(text, m.Index))
            {
                continue; // "61 billion dollars" is an amount, not a unit
            }

            var scale = m.Groups["scale"].Value.ToLowerInvariant();
            // A lone "m"/"b"/"k" is a scale only when glued to a currency symbol ("$m", "A$bn", "€m").
            if (scale.Length == 1 && !m.Groups["cur"].Value.EndsWith('$') && m.Groups["cur"].Value is not ("€" or "£" or "¥" or "₩" or "₹"))
            {
                continue;
            }

            return new TableUnit(Multiplier(scale), CurrencyCode(m.Groups["cur"].Value, reporter));
        }

        if (SafeRegex.Match(KoreanRegex(), text) is { } k && !AfterNumber(text, k.Index) && (k.Groups["n"].Success || text.Contains("단위", StringComparison.Ordinal))
            && (!strict || text.Contains("단위", StringComparison.Ordinal)))
        {
            decimal? scale = k.Groups["n"].Value switch
            {
                "조" => 1_000_000_000_000m,
                "억" => 100_000_000m,
                "천만" => 10_000_000m,
                "백만" => 1_000_000m,
                "만" => 10_000m,
                "천" => 1_000m,
                _ => null,
            };
            var currency = k.Groups["k"].Value switch
            {
                "달러" or "불" => "USD",
                "원" => "KRW",
                "엔" => "JPY",
                "유로" => "EUR",
                _ => "CNY",
            };
            return new TableUnit(scale, currency);
        }

        if (strict)
        {
            return default;
        }

        decimal? bareScale = SafeRegex.Match(ScaleOnlyRegex(), text) is { } sm && !AfterNumber(text, sm.Index) ? Multiplier(sm.Value) : null;
        var bareCurrency = SafeRegex.Match(CurrencyOnlyRegex(), text) is { } cm && !IsWordCurrencyInProse(cm.Value) ? CurrencyCode(cm.Value, reporter) : null;
        return new TableUnit(bareScale, bareCurrency);
    }

    private static decimal Multiplier(string scale)
    {
        var s = scale.ToLowerInvariant();
        s = s.Length > 3 && s.EndsWith('s') ? s[..^1] : s;
        return Money.Multiplier(s switch { "mln" => "million", "bln" => "billion", _ => s });
    }

    private static bool AfterNumber(string text, int index)
    {
        var i = index - 1;
        while (i >= 0 && text[i] == ' ')
        {
            i--;
        }

        return i >= 0 && char.IsAsciiDigit(text[i]);
    }

    /// <summary>"rm", "rs" and "rp" are currencies only beside a scale; alone they are too likely to be something else.</summary>
    private static bool IsWordCurrencyInProse(string token) => token.ToLowerInvariant() is "rm" or "rs" or "rs." or "rp";

    /// <summary>ISO code of a currency token; a bare "$" or "dollars" is the reporter's dollar where it has one.</summary>
    public static string CurrencyCode(string token, string reporter)
    {
        var t = token.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);
        if (t.EndsWith("dollars", StringComparison.Ordinal) || t.EndsWith("dollar", StringComparison.Ordinal))
        {
            t = t[..t.IndexOf("dollar", StringComparison.Ordinal)] switch
            {
                "" => "$",
                "u.s." or "us" or "american" => "usd",
                "australian" => "aud",
                "canadian" => "cad",
                "singapore" => "sgd",
                "hongkong" => "hkd",
                "newtaiwan" => "twd",
                "newzealand" => "nzd",
                _ => "usd",
            };
        }

        return t switch
        {
            "$" => OwnDollar(reporter) ?? "USD",
            "us$" or "u.s.$" or "usd" => "USD",
            "a$" or "aud" => "AUD",
            "nt$" or "twd" => "TWD",
            "hk$" or "hkd" => "HKD",
            "s$" or "sgd" => "SGD",
            "c$" or "cad" => "CAD",
            "nz$" or "nzd" => "NZD",
            "€" or "eur" or "euro" or "euros" => "EUR",
            "£" or "gbp" => "GBP",
            "¥" or "jpy" or "yen" => "JPY",
            "krw" or "₩" or "won" => "KRW",
            "rmb" or "cny" or "yuan" or "renminbi" => "CNY",
            "myr" or "ringgit" or "rm" => "MYR",
            "idr" or "rupiah" or "rp" => "IDR",
            "inr" or "₹" or "rupees" or "rs" or "rs." => "INR",
            _ => "USD",
        };
    }

    /// <summary>The dollar of an economy whose currency is a dollar other than the US one.</summary>
    public static string? OwnDollar(string reporter) => reporter switch
    {
        "AU" => "AUD",
        "CA" => "CAD",
        "NZ" => "NZD",
        "SG" => "SGD",
        "HK" => "HKD",
        "TW" => "TWD",
        _ => null,
    };
}
