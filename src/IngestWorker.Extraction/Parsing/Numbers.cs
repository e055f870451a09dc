using System.Globalization;
using System.Text.RegularExpressions;

namespace IngestWorker.Extraction.Parsing;

/// <summary>Overflow-safe number helpers: a bulletin may say "$9,999,999 trillion" and must not crash us.</summary>
internal static class Numbers
{
    public static bool TryParse(ReadOnlySpan<char> text, out decimal value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 40)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[text.Length];
        var n = 0;
        foreach (var c in text)
        {
            if (c != ',')
            {
                buffer[n++] = c;
            }
        }

        return decimal.TryParse(buffer[..n], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Multiplies without throwing; false when the product would not fit a decimal.</summary>
    public static bool TryMultiply(decimal a, decimal b, out decimal product)
    {
        product = 0;
        if (a != 0 && b != 0 && Math.Abs(a) > decimal.MaxValue / Math.Abs(b))
        {
            return false;
        }

        product = a * b;
        return true;
    }

    /// <summary>Drops trailing zeros of the scale ("61040000000.00" → "61040000000") so records print as the number they are.</summary>
    public static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;

    /// <summary>Counts digits after the decimal point of the stated number: the precision a figure was written with.</summary>
    public static int Decimals(decimal value)
    {
        var bits = decimal.GetBits(value);
        return (bits[3] >> 16) & 0xFF;
    }
}

/// <summary>Regex matching that never throws: a timeout means "no match" for hostile input.</summary>
internal static class SafeRegex
{
    public static IReadOnlyList<Match> Matches(Regex regex, string text)
    {
        var list = new List<Match>();
        try
        {
            for (var m = regex.Match(text); m.Success; m = m.NextMatch())
            {
                list.Add(m);
                if (list.Count > 5000)
                {
                    break;
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Bounded time beats completeness on pathological input.
        }

        return list;
    }

    public static bool IsMatch(Regex regex, string text)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    public static Match? Match(Regex regex, string text)
    {
        try
        {
            var m = regex.Match(text);
            return m.Success ? m : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }
}
