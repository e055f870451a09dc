using System.Globalization;

namespace IngestWorker.Commands;

/// <summary>
/// A publication given on the command line or in a manifest: a date (<c>2025-12-01</c>, the start
/// of that day in the source's time zone) or an instant (<c>2025-12-01T09:00:00+09:00</c>, UTC
/// unless an offset is given), whose date in its own offset is the date periods are resolved against.
/// </summary>
internal static class PublishedText
{
    public const string Form = "a date in the form YYYY-MM-DD or an instant such as 2025-12-01T09:00:00+09:00";

    public static bool TryParse(string? text, out DateOnly? date, out DateTimeOffset? instant)
    {
        (date, instant) = (null, null);
        if (text is null)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            date = day;
            return true;
        }

        if (text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            (date, instant) = (DateOnly.FromDateTime(at.DateTime), at);
            return true;
        }

        return false;
    }
}
