using IngestWorker.Core.Fetching;
using IngestWorker.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace IngestWorker.Hosting;

/// <summary>Checks the <c>Storage</c>, <c>Fetching</c> and <c>Log</c> sections, naming each failing setting and its file.</summary>
internal sealed class SettingsValidators(IConfiguration configuration)
    : IValidateOptions<StorageOptions>, IValidateOptions<FetchOptions>, IValidateOptions<LogOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new Failures(configuration, StorageOptions.SectionName);
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            failures.Add("DatabasePath", "is empty");
        }

        if (options.CheckpointInterval <= TimeSpan.Zero)
        {
            failures.Add("CheckpointInterval", $"{options.CheckpointInterval} must be positive");
        }

        return failures.Result;
    }

    public ValidateOptionsResult Validate(string? name, FetchOptions options)
    {
        var failures = new Failures(configuration, FetchOptions.SectionName);
        if (string.IsNullOrWhiteSpace(options.UserAgent))
        {
            failures.Add("UserAgent", "is empty; publishers should be able to tell who is calling");
        }

        Positive(failures, "Timeout", options.Timeout);
        Positive(failures, "TotalTimeout", options.TotalTimeout);
        if (options.TotalTimeout < options.Timeout)
        {
            failures.Add("TotalTimeout", $"{options.TotalTimeout} is shorter than Fetching:Timeout ({options.Timeout}), so no attempt could finish");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add("MaxRetries", $"{options.MaxRetries} is out of range (0 to 10)");
        }

        Positive(failures, "RetryDelay", options.RetryDelay);
        if (options.MaxRetryDelay < options.RetryDelay)
        {
            failures.Add("MaxRetryDelay", $"{options.MaxRetryDelay} is shorter than Fetching:RetryDelay ({options.RetryDelay})");
        }

        if (options.HostInterval < TimeSpan.Zero)
        {
            failures.Add("HostInterval", $"{options.HostInterval} must not be negative");
        }

        Positive(failures, "RobotsCacheDuration", options.RobotsCacheDuration);
        if (options.CircuitMinimumThroughput < 2)
        {
            failures.Add("CircuitMinimumThroughput", $"{options.CircuitMinimumThroughput} must be at least 2");
        }

        // The circuit breaker refuses a break shorter than half a second.
        if (options.CircuitBreakDuration < TimeSpan.FromMilliseconds(500))
        {
            failures.Add("CircuitBreakDuration", $"{options.CircuitBreakDuration} must be at least 00:00:00.5");
        }

        if (options.MaxDocumentBytes <= 0)
        {
            failures.Add("MaxDocumentBytes", $"{options.MaxDocumentBytes} must be positive");
        }

        if (options.MaxRedirects is < 0 or > 20)
        {
            failures.Add("MaxRedirects", $"{options.MaxRedirects} is out of range (0 to 20)");
        }

        if (options.MaxDocumentsPerRun is < 1 or > 10_000)
        {
            failures.Add("MaxDocumentsPerRun", $"{options.MaxDocumentsPerRun} is out of range (1 to 10000)");
        }

        if (options.MaxAttachmentsPerPage is < 0 or > 50)
        {
            failures.Add("MaxAttachmentsPerPage", $"{options.MaxAttachmentsPerPage} is out of range (0 to 50; 0 follows no attachment)");
        }

        if (options.MaxAttachmentPages is < 1 or > 10_000)
        {
            failures.Add("MaxAttachmentPages", $"{options.MaxAttachmentPages} is out of range (1 to 10000)");
        }

        Positive(failures, "AttachmentTimeout", options.AttachmentTimeout);
        if (options.MaxAttachmentUnzippedBytes <= 0)
        {
            failures.Add("MaxAttachmentUnzippedBytes", $"{options.MaxAttachmentUnzippedBytes} must be positive");
        }

        if (options.MaxAttachmentEntries is < 1 or > 100_000)
        {
            failures.Add("MaxAttachmentEntries", $"{options.MaxAttachmentEntries} is out of range (1 to 100000)");
        }

        return failures.Result;
    }

    private static void Positive(Failures failures, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add(setting, $"{value} must be positive");
        }
    }

    public ValidateOptionsResult Validate(string? name, LogOptions options)
    {
        var failures = new Failures(configuration, LogOptions.SectionName);
        if (options.RetainedFiles < 1)
        {
            failures.Add("RetainedFiles", $"{options.RetainedFiles} must be at least 1");
        }

        return failures.Result;
    }

    private sealed class Failures(IConfiguration configuration, string section)
    {
        private readonly List<string> _messages = [];

        public void Add(string setting, string problem)
        {
            var key = $"{section}:{setting}";
            _messages.Add($"{key} ({ConfigurationOrigin.Of(configuration, key)}): {problem}");
        }

        public ValidateOptionsResult Result => _messages.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_messages);
    }
}
