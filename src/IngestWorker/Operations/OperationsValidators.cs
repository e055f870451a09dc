using IngestWorker.Core.Notifications;
using IngestWorker.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace IngestWorker.Operations;

/// <summary>Checks the <c>Health</c>, <c>Notifications</c> and <c>Metrics</c> sections, naming each failing setting and its file.</summary>
internal sealed class OperationsValidators(IConfiguration configuration)
    : IValidateOptions<HealthOptions>, IValidateOptions<NotificationOptions>, IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options)
    {
        var failures = new List<string>();
        if (options.UnhealthyAfter <= TimeSpan.Zero)
        {
            Fail(failures, HealthOptions.SectionName, "UnhealthyAfter", $"{options.UnhealthyAfter} must be positive");
        }

        if (options.HttpPort is < 0 or > 65535)
        {
            Fail(failures, HealthOptions.SectionName, "HttpPort", $"{options.HttpPort} is not a port (1 to 65535, or 0 for no endpoint)");
        }

        return Result(failures);
    }

    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var failures = new List<string>();
        const string section = NotificationOptions.SectionName;
        if (options.QueueCapacity < 1)
        {
            Fail(failures, section, "QueueCapacity", $"{options.QueueCapacity} must be at least 1");
        }

        if (options.MaxAttempts is < 1 or > 20)
        {
            Fail(failures, section, "MaxAttempts", $"{options.MaxAttempts} is out of range (1 to 20)");
        }

        foreach (var (setting, value) in new[] { ("RetryDelay", options.RetryDelay), ("Timeout", options.Timeout), ("DrainTimeout", options.DrainTimeout) })
        {
            if (value <= TimeSpan.Zero)
            {
                Fail(failures, section, setting, $"{value} must be positive");
            }
        }

        for (var i = 0; i < options.Webhooks.Count; i++)
        {
            var webhook = options.Webhooks[i];
            if (!Uri.TryCreate(webhook.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                Fail(failures, section, $"Webhooks:{i}:Url", $"'{webhook.Url}' is not an absolute http or https URL");
            }

            if (webhook.Format is not (WebhookOptions.JsonFormat or WebhookOptions.ChatFormat))
            {
                Fail(failures, section, $"Webhooks:{i}:Format", $"'{webhook.Format}' is not a format (json or chat)");
            }

            if (!webhook.New && !webhook.Revised)
            {
                Fail(failures, section, $"Webhooks:{i}:New", "New and Revised are both false: the webhook would never be called");
            }
        }

        return Result(failures);
    }

    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var failures = new List<string>();
        const string section = MetricsOptions.SectionName;
        if (!string.IsNullOrEmpty(options.OtlpEndpoint)
            && (!Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
        {
            Fail(failures, section, "OtlpEndpoint", $"'{options.OtlpEndpoint}' is not an absolute http or https URL");
        }

        if (options.OtlpProtocol is not ("http/protobuf" or "grpc"))
        {
            Fail(failures, section, "OtlpProtocol", $"'{options.OtlpProtocol}' is not a protocol (http/protobuf or grpc)");
        }

        if (options.ExportInterval < TimeSpan.FromMilliseconds(100) || options.ExportInterval > TimeSpan.FromDays(1))
        {
            Fail(failures, section, "ExportInterval", $"{options.ExportInterval} is out of range (00:00:00.1 to 1.00:00:00)");
        }

        return Result(failures);
    }

    private void Fail(List<string> failures, string section, string setting, string problem)
    {
        var key = $"{section}:{setting}";
        failures.Add($"{key} ({ConfigurationOrigin.Of(configuration, key)}): {problem}");
    }

    private static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
