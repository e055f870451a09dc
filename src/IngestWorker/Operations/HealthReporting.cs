using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IngestWorker.Operations;

/// <summary>Runs health checks into a <see cref="HealthReport"/> and writes it for people or machines.</summary>
internal static class HealthReporting
{
    public static async Task<HealthReport> RunAsync(IEnumerable<(string Name, IHealthCheck Check)> checks, CancellationToken cancellationToken)
    {
        var entries = new Dictionary<string, HealthReportEntry>(StringComparer.Ordinal);
        var total = Stopwatch.StartNew();
        foreach (var (name, check) in checks)
        {
            var one = Stopwatch.StartNew();
            var result = await check.CheckHealthAsync(new HealthCheckContext(), cancellationToken);
            entries[name] = new HealthReportEntry(result.Status, result.Description, one.Elapsed, result.Exception, result.Data);
        }

        return new HealthReport(entries, total.Elapsed);
    }

    /// <summary>0 when the service can be left alone (healthy or degraded), 1 when it needs a person.</summary>
    public static int ExitCode(HealthReport report) => report.Status == HealthStatus.Unhealthy ? 1 : 0;

    public static void WriteText(TextWriter writer, HealthReport report)
    {
        writer.WriteLine(report.Status.ToString());
        var width = report.Entries.Keys.Select(k => k.Length).DefaultIfEmpty(0).Max();
        foreach (var (name, entry) in report.Entries)
        {
            writer.WriteLine($"  {name.PadRight(width)}  {entry.Status,-9}  {entry.Description}");
        }
    }

    public static byte[] Json(HealthReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("status", report.Status.ToString());
            json.WriteStartArray("checks");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteString("status", entry.Status.ToString());
                json.WriteString("description", entry.Description);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
