using System.CommandLine;
using IngestWorker.Core.Sources;
using IngestWorker.Core.Storage;
using IngestWorker.Hosting;
using Microsoft.Extensions.Configuration;

namespace IngestWorker.Commands;

/// <summary>Commands that read the store: <c>figures</c> and <c>sources</c>.</summary>
internal static class StoreCommands
{
    private static readonly string[] FigureColumns =
        ["reporter", "flow", "product", "partner", "period", "measure", "basis", "adjustment", "value", "unit",
         "version", "reason", "recorded_at", "source", "document_url", "evidence"];

    public static Command Figures(Option<string?> db)
    {
        var format = FormatOption();
        var command = new Command("figures", "List the current value of every figure in the store.") { format };
        command.SetAction((result, _) => StoreAccess.WithStoreAsync(result.GetValue(db), store =>
        {
            var chosen = result.GetValue(format)!;
            var columns = chosen == "table" ? FigureColumns[..^2] : FigureColumns;
            Output.Write(Console.Out, chosen, columns, store.CurrentFigures().Select(f => new object?[]
            {
                f.Reporter, f.Flow, f.Product, f.Partner, f.Period, f.Measure, f.Basis, f.Adjustment, f.Value, f.Unit,
                f.Version, f.Reason, f.RecordedAt, f.SourceId, f.DocumentUrl, f.Evidence,
            }));
            return Task.FromResult(0);
        }));
        return command;
    }

    public static Command Sources(Option<string?> db)
    {
        var format = FormatOption();
        var command = new Command("sources", "List the configured sources with their last run, last success, last error and failure count.") { format };
        command.SetAction((result, _) => StoreAccess.WithStoreAsync(result.GetValue(db), store =>
        {
            var configuration = ServiceHost.LoadConfiguration(ContentRoot.Locate(), result.GetValue(db));
            var sources = configuration.GetSection(SourcesOptions.SectionName).Get<List<SourceDefinition>>() ?? [];
            Output.Write(Console.Out, result.GetValue(format)!,
                ["id", "kind", "enabled", "schedule", "time_zone", "priority", "last_run", "last_success", "failures", "last_error"],
                sources.Select(s => (Source: s, State: store.SourceState(s.Id))).Select(x => new object?[]
                {
                    x.Source.Id, x.Source.Kind, x.Source.Enabled ? "yes" : "no", x.Source.Schedule, x.Source.TimeZone, x.Source.Priority,
                    x.State.LastRunAt, x.State.LastSuccessAt, x.State.ConsecutiveFailures, x.State.LastError,
                }));
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Option<string> FormatOption()
    {
        var format = new Option<string>("--format") { Description = "table, json or csv.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(Output.Formats);
        return format;
    }
}
