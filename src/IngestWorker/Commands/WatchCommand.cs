using System.CommandLine;
using System.Text.Json;
using IngestWorker.Core.Ingestion;
using IngestWorker.Core.Storage;

namespace IngestWorker.Commands;

/// <summary>
/// <c>watch</c>: follows new and revised figures as the running service records them, one line
/// each, like <c>tail -f</c> on the store, with the filters of <c>figures</c>. Ctrl+C stops it.
/// </summary>
internal static class WatchCommand
{
    /// <summary>Versions recorded in the same millisecond as the cursor are looked at again; their ids tell them apart.</summary>
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(5);

    public static Command Create(Option<string?> db)
    {
        var filter = new QueryCommands.FilterOptions(required: false);
        var since = new Option<string?>("--since") { Description = "First show what was recorded after this instant (ISO 8601, UTC unless an offset is given); default: only what comes from now on." };
        var interval = new Option<double>("--interval") { Description = "Seconds between looks at the store.", DefaultValueFactory = _ => 2 };
        interval.Validators.Add(r =>
        {
            if (r.GetValue(interval) is < 0.1 or > 3600)
            {
                r.AddError("--interval must be between 0.1 and 3600 seconds");
            }
        });
        var format = new Option<string>("--format") { Description = "text (one readable line per figure) or json (one object per line).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("watch", "Follow new and revised figures as the running service records them (Ctrl+C stops).") { since, interval, format };
        filter.AddTo(command);
        command.SetAction((result, cancellationToken) => StoreAccess.WithStoreAsync(result, db, async (store, _) =>
        {
            if (!StoreAccess.InService)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync(
                    $"No service is running for {store.Path}: watch follows the running service (start it with 'run').");
                return 1;
            }

            if (!QueryCommands.TryParseInstant(result, since, out var start) || filter.Read(result, store) is not { } chosen)
            {
                return HostRunner.ConfigurationError;
            }

            var follower = new Follower(store, chosen, result.GetValue(format) == "json", result.InvocationConfiguration.Output);
            follower.Start(start);
            try
            {
                while (true)
                {
                    follower.Poll();
                    await Task.Delay(TimeSpan.FromSeconds(result.GetValue(interval)), TimeProvider.System, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return 0;
            }
        }));
        return command;
    }

    private sealed class Follower(FigureStore store, FigureFilter filter, bool json, TextWriter writer)
    {
        private DateTime _cursor;
        private DateTime _floor = DateTime.MinValue;
        private long _lastId;

        public void Start(DateTime? since)
        {
            if (since is { } instant)
            {
                _cursor = _floor = instant;
                return;
            }

            // From now on: whatever is already recorded is skipped.
            _cursor = TimeProvider.System.GetUtcNow().UtcDateTime;
            _lastId = store.ChangesSince(_cursor - Overlap).Select(v => v.Id).DefaultIfEmpty(0).Max();
        }

        public void Poll()
        {
            var from = _cursor - Overlap > _floor ? _cursor - Overlap : _floor;
            var fresh = store.ChangesSince(from, filter).Where(v => v.Id > _lastId).ToList();
            foreach (var version in fresh)
            {
                writer.WriteLine(json ? Json(version, Previous(version)) : Line(version, Previous(version)));
                _lastId = Math.Max(_lastId, version.Id);
                _cursor = version.RecordedAt > _cursor ? version.RecordedAt : _cursor;
            }

            writer.Flush();
        }

        private FigureVersion? Previous(FigureVersion v) => v.Version <= 1 ? null :
            store.History(new FigureFilter(v.Reporter, v.Flow, v.Product, v.Partner, v.Period, v.Measure, v.SourceId))
                .FirstOrDefault(p => p.ChainId == v.ChainId && p.Version == v.Version - 1);

        private static string Kind(FigureVersion v) => v.Reason switch
        {
            VersionReason.FirstSeen => "new",
            VersionReason.Revised => "revised",
            _ => v.Reason,
        };

        public static string Line(FigureVersion v, FigureVersion? previous)
        {
            var was = previous is null ? "" : $" (was {FigureText.Value(previous)}, version {v.Version})";
            return $"{Output.Text(v.RecordedAt)} {Kind(v),-12} {FigureText.Key(v)} {v.Period} {v.Measure} {FigureText.Value(v)}{was} from {v.SourceId} {v.DocumentUrl}";
        }

        private static string Json(FigureVersion v, FigureVersion? previous)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("recorded_at", Output.Text(v.RecordedAt));
                json.WriteString("kind", Kind(v));
                foreach (var (name, value) in new[] { ("reporter", v.Reporter), ("flow", v.Flow), ("product", v.Product), ("partner", v.Partner),
                    ("period", v.Period), ("measure", v.Measure), ("basis", v.Basis), ("adjustment", v.Adjustment) })
                {
                    json.WriteString(name, value);
                }

                json.WriteNumber("value", Output.Normalize(v.Value));
                json.WriteString("unit", v.Unit);
                json.WriteString("display", FigureText.Value(v));
                if (previous is not null)
                {
                    json.WriteNumber("previous_value", Output.Normalize(previous.Value));
                }

                json.WriteNumber("version", v.Version);
                json.WriteString("source", v.SourceId);
                json.WriteString("document_url", v.DocumentUrl);
                json.WriteEndObject();
            }

            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }
    }
}
