using IngestWorker.Core.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace IngestWorker.Hosting;

/// <summary>Checks every source and reports every problem at once, each naming the setting and its file.</summary>
internal sealed class SourcesOptionsValidator(IConfiguration configuration, TimeProvider time) : IValidateOptions<SourcesOptions>
{
    public ValidateOptionsResult Validate(string? name, SourcesOptions options)
    {
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Items.Count; i++)
        {
            var source = options.Items[i];
            void Fail(string setting, string problem) =>
                failures.Add($"{SourcesOptions.SectionName}:{i}:{setting} ({ConfigurationOrigin.Of(configuration, $"{SourcesOptions.SectionName}:{i}")}): {problem}");

            if (string.IsNullOrWhiteSpace(source.Id) || !source.Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                Fail("Id", $"'{source.Id}' is not a source id (letters, digits, '-' and '_')");
            }
            else if (!seen.Add(source.Id))
            {
                Fail("Id", $"'{source.Id}' is used by another source");
            }

            if (!SourceDefinition.Kinds.Contains(source.Kind))
            {
                Fail("Kind", $"'{source.Kind}' is not a source kind (one of: {string.Join(", ", SourceDefinition.Kinds)})");
            }

            if (!TimeZoneInfo.TryFindSystemTimeZoneById(source.TimeZone, out var zone))
            {
                Fail("TimeZone", $"'{source.TimeZone}' is not a known time zone (for example 'Asia/Seoul' or 'UTC')");
            }

            if (CronCheck.Problem(source.Schedule, zone ?? TimeZoneInfo.Utc, time.GetUtcNow()) is { } schedule)
            {
                Fail("Schedule", schedule);
            }

            for (var e = 0; e < source.ExtraSchedules.Count; e++)
            {
                if (CronCheck.Problem(source.ExtraSchedules[e], zone ?? TimeZoneInfo.Utc, time.GetUtcNow()) is { } extra)
                {
                    Fail($"ExtraSchedules:{e}", extra);
                }
            }

            if (source.Language is { Length: > 0 } language && language is not ("en" or "ko"))
            {
                Fail("Language", $"'{language}' is not a supported language (en or ko)");
            }

            if (source.Reporter is { Length: > 0 } reporter && !(reporter.Length == 2 && reporter.All(char.IsAsciiLetterUpper)))
            {
                Fail("Reporter", $"'{reporter}' is not an ISO 3166-1 alpha-2 code such as KR");
            }

            if (source.Kind == "folder" && string.IsNullOrWhiteSpace(source.Folder))
            {
                Fail("Folder", "a folder source needs the folder to read");
            }

            if (source.Kind == "http")
            {
                if (!Uri.TryCreate(source.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                {
                    Fail("Url", $"'{source.Url}' is not an absolute http or https URL");
                }

                if (!SourceDefinition.Shapes.Contains(source.Shape))
                {
                    Fail("Shape", $"'{source.Shape}' is not a shape (one of: {string.Join(", ", SourceDefinition.Shapes)})");
                }

                if (!SourceDefinition.Methods.Contains(source.Method))
                {
                    Fail("Method", $"'{source.Method}' is not a request method for the listing or feed (one of: {string.Join(", ", SourceDefinition.Methods)})");
                }

                if (!SourceDefinition.ItemTexts.Contains(source.ItemText))
                {
                    Fail("ItemText", $"'{source.ItemText}' is not what a feed item's bulletin is (one of: {string.Join(", ", SourceDefinition.ItemTexts)})");
                }

                if (source.MaxPages is < 1 or > 100)
                {
                    Fail("MaxPages", $"{source.MaxPages} is out of range (1 to 100)");
                }

                if (source.PageUrlTemplate is { Length: > 0 } template
                    && (!template.Contains("{page}", StringComparison.Ordinal)
                        || !Uri.TryCreate(template.Replace("{page}", "2", StringComparison.Ordinal), UriKind.Absolute, out var page)
                        || page.Scheme is not ("http" or "https")))
                {
                    Fail("PageUrlTemplate", $"'{template}' is not an http or https URL with {{page}} where the page number goes");
                }

                if (source.LinkPattern is { Length: > 0 } pattern)
                {
                    try
                    {
                        _ = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(100));
                    }
                    catch (ArgumentException e)
                    {
                        Fail("LinkPattern", $"'{pattern}' is not a valid regular expression: {e.Message}");
                    }
                }

                if (source.AttachmentPattern is { Length: > 0 } attachments)
                {
                    try
                    {
                        _ = new System.Text.RegularExpressions.Regex(attachments, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(100));
                    }
                    catch (ArgumentException e)
                    {
                        Fail("AttachmentPattern", $"'{attachments}' is not a valid regular expression: {e.Message}");
                    }
                }

                for (var p = 0; p < source.AllowedPrefixes.Count; p++)
                {
                    if (!Uri.TryCreate(source.AllowedPrefixes[p], UriKind.Absolute, out var prefix) || prefix.Scheme is not ("http" or "https"))
                    {
                        Fail($"AllowedPrefixes:{p}", $"'{source.AllowedPrefixes[p]}' is not an absolute http or https URL prefix");
                    }
                }

                if (source.Revisit < TimeSpan.Zero)
                {
                    Fail("Revisit", $"{source.Revisit} must not be negative");
                }

                if (source.LinkRecipe?.Problem() is { } recipe)
                {
                    Fail("LinkRecipe", recipe);
                }

                ValidateXPath(source.LinkXPath, "LinkXPath", Fail);
                ValidateXPath(source.NextPageXPath, "NextPageXPath", Fail);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateXPath(string xpath, string setting, Action<string, string> fail)
    {
        try
        {
            System.Xml.XPath.XPathExpression.Compile(xpath);
        }
        catch (System.Xml.XPath.XPathException e)
        {
            fail(setting, $"'{xpath}' is not a valid XPath: {e.Message}");
        }
    }
}
