using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using IngestWorker.Core.Sources;
using IngestWorker.Core.Storage;
using Quartz;

namespace IngestWorker.Commands;

/// <summary><c>status</c>: each source with its schedule, next run and last outcome; the store's counts and size.</summary>
internal static class StatusCommand
{
    private static readonly string[] Columns =
        ["id", "kind", "enabled", "schedule", "time_zone", "next_run", "last_run", "last_success", "failures", "last_error", "degraded"];

    public static Command Create(Option<string?> db)
    {
        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("status", "Each source with its schedule, next run, last run, last success, last error and consecutive failures; the store's counts and the database file's size.") { format };
        command.SetAction((result, _) => StoreAccess.WithStoreAsync(result, db, (store, configuration) =>
        {
            var now = TimeProvider.System.GetUtcNow();
            var sources = QueryCommands.Configured(configuration)
                .Select(s => Row(s, store.SourceState(s.Id), now))
                .ToList();
            var (documents, figures, current) = store.Counts();
            var files = new StoreFiles(store.Path);
            var writer = result.InvocationConfiguration.Output;
            if (result.GetValue(format) == "json")
            {
                WriteJson(writer, sources, documents, figures, current, files);
                return Task.FromResult(0);
            }

            Output.Write(writer, "table", Columns, sources);
            writer.WriteLine();
            writer.WriteLine($"store     {documents} documents, {figures} figure versions ({current} current)");
            writer.WriteLine($"database  {store.Path}: {Size(files.DataBytes)}, log {Size(files.LogBytes)}");
            writer.WriteLine($"service   {(StoreAccess.InService ? "running (this answer came from it)" : "not running (read from the file)")}");
            return Task.FromResult(0);
        }));
        return command;
    }

    /// <summary>The soonest next fire time of a source's crons in its time zone, as the scheduler computes it.</summary>
    public static DateTimeOffset? NextRun(SourceDefinition source, DateTimeOffset after)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!source.Enabled || !source.AllSchedules.All(s => CronExpression.TryParse(s, out _))
            || !TimeZoneInfo.TryFindSystemTimeZoneById(source.TimeZone, out var zone))
        {
            return null;
        }

        return source.AllSchedules
            .Select(s => TriggerBuilder.Create().WithCronSchedule(s, cron => cron.InTimeZone(zone)).StartAt(after).Build().GetFireTimeAfter(after))
            .Min();
    }

    private static object?[] Row(SourceDefinition source, SourceState state, DateTimeOffset now) =>
    [
        source.Id, source.Kind, source.Enabled ? "yes" : "no", string.Join(" and ", source.AllSchedules), source.TimeZone,
        NextRun(source, now)?.UtcDateTime, state.LastRunAt, state.LastSuccessAt, state.ConsecutiveFailures, state.LastError, state.Degraded,
    ];

    private static void WriteJson(TextWriter writer, List<object?[]> sources, int documents, int figures, int current, StoreFiles files)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("sources");
            foreach (var row in sources)
            {
                json.WriteStartObject();
                for (var i = 0; i < Columns.Length; i++)
                {
                    json.WritePropertyName(Columns[i]);
                    switch (row[i])
                    {
                        case null: json.WriteNullValue(); break;
                        case int n: json.WriteNumberValue(n); break;
                        default: json.WriteStringValue(Output.Text(row[i])); break;
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("store");
            json.WriteNumber("documents", documents);
            json.WriteNumber("figure_versions", figures);
            json.WriteNumber("current_figures", current);
            json.WriteString("database", files.DataPath);
            json.WriteNumber("database_bytes", files.DataBytes);
            json.WriteNumber("log_bytes", files.LogBytes);
            json.WriteEndObject();
            json.WriteBoolean("service_running", StoreAccess.InService);
            json.WriteEndObject();
        }

        writer.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1 << 30 => (bytes / (double)(1 << 30)).ToString("0.0 GiB", CultureInfo.InvariantCulture),
        >= 1 << 20 => (bytes / (double)(1 << 20)).ToString("0.0 MiB", CultureInfo.InvariantCulture),
        >= 1 << 10 => (bytes / 1024.0).ToString("0.0 KiB", CultureInfo.InvariantCulture),
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };

    /// <summary>The data file and LiteDB's log file beside it (<c>NAME-log.EXT</c>).</summary>
    private sealed class StoreFiles(string path)
    {
        public string DataPath { get; } = path;
        public long DataBytes { get; } = Length(path);
        public long LogBytes { get; } = Length(Path.Combine(Path.GetDirectoryName(path) ?? "", Path.GetFileNameWithoutExtension(path) + "-log" + Path.GetExtension(path)));

        private static long Length(string file) => File.Exists(file) ? new FileInfo(file).Length : 0;
    }
}
