using System.Globalization;
using System.Text.RegularExpressions;

namespace IngestWorker.Commands;

/// <summary>
/// What <c>changes --since</c> takes: an ISO 8601 instant, or a duration before now such as
/// <c>24h</c>, <c>90m</c>, <c>7d</c>, <c>2w</c> or <c>1d12h</c>, measured on the store's clock.
/// </summary>
internal static partial class SinceText
{
    public const string Forms = "an instant (2025-12-01, 2025-12-01T09:00:00+09:00) or a duration before now (24h, 90m, 7d, 2w, 1d12h)";

    /// <summary>The instant meant, in UTC; null when the text is neither form.</summary>
    public static DateTime? Parse(string text, TimeProvider time)
    {
        if (Duration().Match(text) is { Success: true } match)
        {
            var total = TimeSpan.Zero;
            try
            {
                foreach (Capture part in match.Groups["part"].Captures)
                {
                    var amount = long.Parse(part.Value[..^1], CultureInfo.InvariantCulture);
                    total = checked(total + (char.ToLowerInvariant(part.Value[^1]) switch
                    {
                        'w' => TimeSpan.FromDays(7 * amount),
                        'd' => TimeSpan.FromDays(amount),
                        'h' => TimeSpan.FromHours(amount),
                        _ => TimeSpan.FromMinutes(amount),
                    }));
                }

                return (time.GetUtcNow() - total).UtcDateTime;
            }
            catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
            {
                return null; // longer ago than a DateTime reaches
            }
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.UtcDateTime
            : null;
    }

    [GeneratedRegex(@"^(?<part>[0-9]{1,9}[wdhm])+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Duration();
}
