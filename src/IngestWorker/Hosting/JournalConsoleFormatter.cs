using System.Globalization;
using Microsoft.Extensions.Hosting.Systemd;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace IngestWorker.Hosting;

/// <summary>
/// The console line under systemd: a <c>&lt;N&gt;</c> syslog priority prefix, which journald turns
/// into the entry's priority (<c>journalctl -p warning</c>), and no timestamp, which it adds itself.
/// </summary>
internal sealed class JournalConsoleFormatter : ITextFormatter
{
    private readonly MessageTemplateTextFormatter _message = new("{Message:lj}{NewLine}{Exception}", CultureInfo.InvariantCulture);

    /// <summary>Whether this process was started by systemd as a service.</summary>
    public static bool UnderSystemd => SystemdHelpers.IsSystemdService();

    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Priority(logEvent.Level));
        _message.Format(logEvent, output);
    }

    public static string Priority(LogEventLevel level) => level switch
    {
        LogEventLevel.Fatal => "<2>",
        LogEventLevel.Error => "<3>",
        LogEventLevel.Warning => "<4>",
        LogEventLevel.Information => "<6>",
        _ => "<7>",
    };
}
