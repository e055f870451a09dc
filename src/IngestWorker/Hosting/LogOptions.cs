using Serilog.Events;

namespace IngestWorker.Hosting;

/// <summary>The <c>Log</c> section: where the log goes besides the console.</summary>
public sealed class LogOptions
{
    public const string SectionName = "Log";

    /// <summary>Lowest level written: Verbose, Debug, Information, Warning, Error or Fatal.</summary>
    public LogEventLevel MinimumLevel { get; set; } = LogEventLevel.Information;

    /// <summary>Folder of the rolling log files, relative to the content root or absolute; empty turns the file off.</summary>
    public string Folder { get; set; } = "logs";

    /// <summary>How many daily files are kept.</summary>
    public int RetainedFiles { get; set; } = 14;

    /// <summary>Also write compact JSON lines (one event a line) for log shippers.</summary>
    public bool JsonLines { get; set; }
}
