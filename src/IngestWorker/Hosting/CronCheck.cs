using System.Globalization;
using System.Text.RegularExpressions;
using Quartz;

namespace IngestWorker.Hosting;

/// <summary>
/// What Quartz's parser lets through: numbers outside their field's range (<c>99 * * * * ?</c> parses
/// and fires every second) and expressions that can never fire (<c>0 0 12 31 2 ?</c>, the 31st of February).
/// </summary>
internal static partial class CronCheck
{
    private static readonly (string Name, int Min, int Max)[] Fields =
    [
        ("second", 0, 59), ("minute", 0, 59), ("hour", 0, 23), ("day of month", 1, 31), ("month", 1, 12), ("day of week", 1, 7), ("year", 1970, 2199),
    ];

    /// <summary>Why <paramref name="expression"/> is not a usable schedule in <paramref name="zone"/> after <paramref name="now"/>, or null.</summary>
    public static string? Problem(string expression, TimeZoneInfo zone, DateTimeOffset now)
    {
        if (!CronExpression.TryParse(expression, out _))
        {
            return $"'{expression}' is not a valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year], for example '0 0/10 * * * ?')";
        }

        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < fields.Length && i < Fields.Length; i++)
        {
            var (name, min, max) = Fields[i];
            foreach (Match number in Number().Matches(fields[i]))
            {
                var value = int.Parse(number.Groups["n"].Value, CultureInfo.InvariantCulture);
                var (low, high, what) = number.Groups["op"].Value switch
                {
                    "/" => (1, max - min + 1, "increment"),
                    "#" => (1, 5, "occurrence in the month"),
                    _ => (min, max, "value"),
                };
                if (value < low || value > high)
                {
                    return $"'{expression}': {value} is out of range for the {name} field's {what} ({low} to {high})";
                }
            }
        }

        var cron = new CronExpression(expression, zone);
        return cron.GetNextValidTimeAfter(now) is null ? $"'{expression}' never fires after {now:yyyy-MM-dd} (no such date in {zone.Id})" : null;
    }

    // A number, with what precedes it when that changes its meaning: an increment (/n) or an nth weekday (#n).
    [GeneratedRegex(@"(?<op>[/#]?)(?<n>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}
