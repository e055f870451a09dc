using System.CommandLine;
using System.Globalization;
using IngestWorker.Core.Sources;
using IngestWorker.Core.Storage;
using Microsoft.Extensions.Configuration;

namespace IngestWorker.Commands;

/// <summary>Commands that read the store: <c>figures</c>, <c>history</c>, <c>changes</c>, <c>conflicts</c>, <c>export</c>, <c>sources</c>.</summary>
internal static class QueryCommands
{
    private static readonly string[] VersionColumns =
        ["reporter", "flow", "product", "partner", "period", "measure", "basis", "adjustment", "value", "unit",
         "version", "reason", "recorded_at", "superseded_at", "realtime_start", "realtime_end", "published_from",
         "source", "document_url", "release_url", "evidence"];

    /// <summary>Table output leaves out the long columns; json and csv carry them all.</summary>
    private static readonly string[] TableColumns = [.. VersionColumns.Except(["adjustment", "published_from", "document_url", "release_url", "evidence"])];

    private static object?[] Row(FigureVersion f) =>
    [
        f.Reporter, f.Flow, f.Product, f.Partner, f.Period, f.Measure, f.Basis, f.Adjustment, f.Value, f.Unit,
        f.Version, f.Reason, f.RecordedAt, f.SupersededAt, f.PublishedAt, f.RealtimeEnd, f.PublishedFrom, f.SourceId, f.DocumentUrl, f.ReleaseUrl, f.Evidence,
    ];

    private static void WriteVersions(ParseResult result, Option<string> format, IEnumerable<FigureVersion> versions)
    {
        var chosen = result.GetValue(format)!;
        var columns = chosen == "table" ? TableColumns : VersionColumns;
        var indexes = columns.Select(c => Array.IndexOf(VersionColumns, c)).ToArray();
        Output.Write(result.InvocationConfiguration.Output, chosen, columns, versions.Select(v =>
        {
            var row = Row(v);
            return indexes.Select(i => row[i]).ToArray();
        }));
    }

    public static Command Figures(Option<string?> db)
    {
        var filter = new FilterOptions(required: false);
        var asOf = new AsOfOptions("Show the figures as published by this instant (the vintage; ISO 8601, UTC unless an offset is given).",
            "Show the figures as this program had recorded them by this instant.");
        var format = FormatOption();
        var command = new Command("figures", "List the current value of each figure (the highest-priority source wins), or the values published (or recorded) by an instant.") { format };
        asOf.AddTo(command);
        filter.AddTo(command);
        command.SetAction((result, _) => StoreAccess.WithStoreAsync(result, db, (store, configuration) =>
        {
            if (!asOf.TryRead(result, out var instant, out var axis) || filter.Read(result, store) is not { } chosen)
            {
                return Task.FromResult(HostRunner.ConfigurationError);
            }

            WriteVersions(result, format, store.Current(chosen, instant, Priorities(configuration), axis));
            return Task.FromResult(0);
        }));
        return command;
    }

    public static Command History(Option<string?> db)
    {
        var filter = new FilterOptions(required: true);
        var format = FormatOption();
        var command = new Command("history", "Every version of a figure from every source, with recorded and superseded instants, reason, source, URL and evidence.") { format };
        filter.AddTo(command);
        command.SetAction((result, _) => StoreAccess.WithStoreAsync(result, db, (store, _) =>
        {
            if (filter.Read(result, store) is not { } chosen)
            {
                return Task.FromResult(HostRunner.ConfigurationError);
            }

            WriteVersions(result, format, store.History(chosen));
            return Task.FromResult(0);
        }));
        return command;
    }

    public static Command Changes(Option<string?> db)
    {
        var since = new Option<string?>("--since") { Description = "List what was recorded after this instant (ISO 8601, UTC unless an offset is given) or this long ago (24h, 90m, 7d, 2w, 1d12h)." };
        var cursor = new Option<string?>("--cursor") { Description = "A name (letters, digits, - _ ., up to 64): list what was recorded since this name's last call (everything, or --since, the first time), then move it past what was listed." };
        var format = FormatOption();
        var command = new Command("changes", "New, revised and re-extracted figures recorded since an instant, or since a named cursor's last call, oldest first.") { since, cursor, format };
        command.Validators.Add(result =>
        {
            if (result.GetValue(since) is null && result.GetValue(cursor) is null)
            {
                result.AddError("give --since, --cursor, or both");
            }
        });
        command.SetAction((result, _) => StoreAccess.WithStoreAsync(result, db, async (store, _) =>
        {
            var error = result.InvocationConfiguration.Error;
            var (sinceText, name) = (result.GetValue(since), result.GetValue(cursor));
            var instant = sinceText is null ? null : SinceText.Parse(sinceText, store.Time);
            if (sinceText is not null && instant is null)
            {
                await error.WriteLineAsync($"--since '{sinceText}' is not {SinceText.Forms}");
                return HostRunner.ConfigurationError;
            }

            if (name is not null && !ChangeCursor.IsValidName(name))
            {
                await error.WriteLineAsync($"--cursor '{name}' is not a cursor name (letters, digits, '-', '_' and '.', at most {ChangeCursor.MaxNameLength} characters)");
                return HostRunner.ConfigurationError;
            }

            var batch = store.ChangesAfter(name is null ? 0 : store.CursorPosition(name), instant);
            WriteVersions(result, format, batch.Changes);
            if (name is not null)
            {
                // Only once the listing is written out (inside the service: onto the socket) does the cursor move.
                await result.InvocationConfiguration.Output.FlushAsync();
                store.MoveCursor(name, batch.UpTo);
            }

            return 0;
        }));
        return command;
    }

    public static Command Conflicts(Option<string?> db)
    {
        var format = FormatOption();
        var command = new Command("conflicts", "Figures on which sources disagree beyond the precision they were stated with.") { format };
        command.SetAction((result, _) => StoreAccess.WithStoreAsync(result, db, (store, _) =>
        {
            Output.Write(result.InvocationConfiguration.Output, result.GetValue(format)!,
                ["reporter", "flow", "product", "partner", "period", "measure", "basis", "value", "source", "other_value", "other_source"],
                store.Conflicts().Select(c => new object?[]
                {
                    c.Recorded.Reporter, c.Recorded.Flow, c.Recorded.Product, c.Recorded.Partner, c.Recorded.Period, c.Recorded.Measure,
                    c.Recorded.Basis, c.Recorded.Value, c.Recorded.SourceId, c.Other.Value, c.Other.SourceId,
                }));
            return Task.FromResult(0);
        }));
        return command;
    }

    public static Command Export(Option<string?> db)
    {
        var format = new Option<string>("--format") { Description = "csv or json.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json");
        var asOf = new AsOfOptions("Only the versions published by this instant.", "Only the versions recorded by this instant.");
        var command = new Command("export", "The whole store, one row per figure version, in a stable column order (for spreadsheets and pandas).") { format };
        asOf.AddTo(command);
        command.SetAction((result, _) => StoreAccess.WithStoreAsync(result, db, (store, _) =>
        {
            if (!asOf.TryRead(result, out var instant, out var axis))
            {
                return Task.FromResult(HostRunner.ConfigurationError);
            }

            Output.Write(result.InvocationConfiguration.Output, result.GetValue(format)!, VersionColumns, store.Export(instant, axis).Select(Row));
            return Task.FromResult(0);
        }));
        return command;
    }

    public static Command VocabularyList(Option<string?> db)
    {
        var format = FormatOption();
        var command = new Command("vocabulary", "The values the filters take: flows, measures, products and partners (with their aliases), and the reporters, products and partners the store holds.") { format };
        command.SetAction((result, _) => StoreAccess.WithStoreAsync(result, db, (store, _) =>
        {
            IEnumerable<object?[]> Rows(string kind, IEnumerable<string> values) => values.Select(v => new object?[]
            {
                kind, v, string.Join(", ", Vocabulary.Aliases.Where(a => a.Value == v).Select(a => a.Key).Order(StringComparer.Ordinal)),
            });
            var reporters = store.KeyValues(nameof(FigureVersion.Reporter)).Order(StringComparer.Ordinal).ToList();
            var products = Vocabulary.Products.Concat(store.KeyValues(nameof(FigureVersion.Product)).Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal);
            var partners = Vocabulary.Partners.Concat(store.KeyValues(nameof(FigureVersion.Partner)).Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal);
            Output.Write(result.InvocationConfiguration.Output, result.GetValue(format)!, ["kind", "value", "aliases"],
                Rows("reporter", reporters).Concat(Rows("flow", Vocabulary.Flows)).Concat(Rows("measure", Vocabulary.Measures))
                    .Concat(Rows("product", products)).Concat(Rows("partner", partners)));
            return Task.FromResult(0);
        }));
        return command;
    }

    public static Command Sources(Option<string?> db)
    {
        var format = FormatOption();
        var command = new Command("sources", "List the configured sources with their last run, last success, last error, failure count, and why one that works yields nothing (degraded).") { format };
        command.SetAction((result, _) => StoreAccess.WithStoreAsync(result, db, (store, configuration) =>
        {
            Output.Write(result.InvocationConfiguration.Output, result.GetValue(format)!,
                ["id", "kind", "enabled", "schedule", "time_zone", "priority", "last_run", "last_success", "failures", "last_error", "degraded"],
                Configured(configuration).Select(s => (Source: s, State: store.SourceState(s.Id))).Select(x => new object?[]
                {
                    x.Source.Id, x.Source.Kind, x.Source.Enabled ? "yes" : "no", string.Join(" and ", x.Source.AllSchedules), x.Source.TimeZone, x.Source.Priority,
                    x.State.LastRunAt, x.State.LastSuccessAt, x.State.ConsecutiveFailures, x.State.LastError, x.State.Degraded,
                }));
            return Task.FromResult(0);
        }));
        return command;
    }

    internal static List<SourceDefinition> Configured(IConfiguration configuration) =>
        configuration.GetSection(SourcesOptions.SectionName).Get<List<SourceDefinition>>() ?? [];

    private static Func<string, int> Priorities(IConfiguration configuration)
    {
        var priorities = Configured(configuration).ToDictionary(s => s.Id, s => s.Priority, StringComparer.OrdinalIgnoreCase);
        return id => priorities.GetValueOrDefault(id);
    }

    internal static Option<string> FormatOption()
    {
        var format = new Option<string>("--format") { Description = "table, json or csv.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(Output.Formats);
        return format;
    }

    internal static bool TryParseInstant(ParseResult result, Option<string?> option, out DateTime? instant) =>
        TryParseInstant(result, option.Name, result.GetValue(option), out instant);

    internal static bool TryParseInstant(ParseResult result, string name, string? text, out DateTime? instant)
    {
        instant = null;
        if (text is null)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            instant = parsed.UtcDateTime;
            return true;
        }

        result.InvocationConfiguration.Error.WriteLine($"{name} '{text}' is not an instant (for example 2025-12-01 or 2025-12-01T09:00:00+09:00)");
        return false;
    }

    /// <summary><c>--as-of</c> (publication time, the vintage) and <c>--as-of-recorded</c> (when this program recorded it); at most one.</summary>
    internal sealed class AsOfOptions(string published, string recorded)
    {
        private readonly Option<string?> _published = new("--as-of") { Description = published };
        private readonly Option<string?> _recorded = new("--as-of-recorded") { Description = recorded };

        public void AddTo(Command command)
        {
            command.Options.Add(_published);
            command.Options.Add(_recorded);
            command.Validators.Add(result =>
            {
                if (result.GetValue(_published) is not null && result.GetValue(_recorded) is not null)
                {
                    result.AddError("give --as-of or --as-of-recorded, not both");
                }
            });
        }

        public bool TryRead(ParseResult result, out DateTime? instant, out TimeAxis axis)
        {
            axis = result.GetValue(_recorded) is null ? TimeAxis.Published : TimeAxis.Recorded;
            var option = axis == TimeAxis.Published ? _published : _recorded;
            return TryParseInstant(result, option, out instant);
        }
    }

    /// <summary>The key filters shared by <c>figures</c> and <c>history</c>.</summary>
    internal sealed class FilterOptions(bool required)
    {
        private readonly Option<string?> _reporter = new("--reporter") { Description = "Economy (ISO alpha-2), e.g. KR.", Required = required };
        private readonly Option<string?> _flow = new("--flow") { Description = "exports, imports or balance.", Required = required };
        private readonly Option<string?> _product = new("--product") { Description = "total or a product slug, e.g. semiconductors.", Required = required };
        private readonly Option<string?> _partner = new("--partner") { Description = "world, an ISO alpha-2 code or a bloc slug.", Required = required };
        private readonly Option<string?> _period = new("--period") { Description = "YYYY-MM, YYYY, YYYY-MM/YYYY-MM or a day span.", Required = required };
        private readonly Option<string?> _measure = new("--measure") { Description = "value, yoy_pct, mom_pct, share_pct, daily_avg_value, daily_avg_yoy_pct." };
        private readonly Option<string?> _source = new("--source") { Description = "Only this source's versions." };

        public void AddTo(Command command)
        {
            foreach (var option in new[] { _reporter, _flow, _product, _partner, _period, _measure, _source })
            {
                command.Options.Add(option);
            }
        }

        /// <summary>
        /// The filter, each value checked against the vocabulary (codes in any case); null after
        /// writing one line per bad value, naming the closest valid one.
        /// </summary>
        public FigureFilter? Read(ParseResult result, FigureStore store)
        {
            var errors = new List<string>();
            string? Checked((string? Value, string? Error) check)
            {
                if (check.Error is not null)
                {
                    errors.Add(check.Error);
                }

                return check.Value;
            }

            var filter = new FigureFilter(
                Checked(Vocabulary.CheckEconomy("--reporter", result.GetValue(_reporter), store.KeyValues(nameof(FigureVersion.Reporter)))),
                Checked(Vocabulary.Check("--flow", result.GetValue(_flow), Vocabulary.Flows)),
                Checked(Vocabulary.Check("--product", result.GetValue(_product), Vocabulary.Products, store.KeyValues(nameof(FigureVersion.Product)))),
                Checked(Partner(result.GetValue(_partner), store)),
                result.GetValue(_period),
                Checked(Vocabulary.Check("--measure", result.GetValue(_measure), Vocabulary.Measures)),
                result.GetValue(_source));
            if (Vocabulary.CheckPeriod("--period", filter.Period) is { } period)
            {
                errors.Add(period);
            }

            errors.ForEach(result.InvocationConfiguration.Error.WriteLine);
            return errors.Count == 0 ? filter : null;
        }

        private static (string?, string?) Partner(string? value, FigureStore store) =>
            Vocabulary.CheckEconomy("--partner", value, []) is (not null, null) code
                ? code
                : Vocabulary.Check("--partner", value, Vocabulary.Partners, store.KeyValues(nameof(FigureVersion.Partner)));
    }
}
