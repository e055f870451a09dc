using System.CommandLine;
using IngestWorker.Core.Ingestion;
using IngestWorker.Core.Storage;
using IngestWorker.Operations;

namespace IngestWorker.Commands;

/// <summary><c>chart</c>: one series over its periods as an SVG image, revisions marked, one line per source.</summary>
internal static class ChartCommand
{
    public static Command Create(Option<string?> db)
    {
        var filter = new QueryCommands.FilterOptions(required: false);
        var basis = new Option<string>("--basis") { Description = "actual, preliminary, forecast, … (default actual).", DefaultValueFactory = _ => "actual" };
        var output = new Option<FileInfo?>("--out") { Description = "The SVG file to write; default: standard output." };
        var kind = new Option<string?>("--period-kind") { Description = "monthly, annual or other (spans, days); default: the kind with the most periods." };
        kind.AcceptOnlyFromAmong("monthly", "annual", "other");
        var width = new Option<int>("--width") { Description = "Pixels.", DefaultValueFactory = _ => 900 };
        var height = new Option<int>("--height") { Description = "Pixels.", DefaultValueFactory = _ => 450 };
        foreach (var size in new[] { width, height })
        {
            size.Validators.Add(r =>
            {
                if (r.GetValue(size) is < 200 or > 10000)
                {
                    r.AddError($"{size.Name} must be between 200 and 10000 pixels");
                }
            });
        }

        var command = new Command("chart", "Draw one figure series over its periods as SVG: one line per source, revised values marked (first published vs latest).")
        {
            basis, kind, output, width, height,
        };
        filter.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            // Checked before the store is read; inside the service the file is not written, so not checked there.
            if (!StoreAccess.InService && result.GetValue(output) is { Directory: { Exists: false } missing })
            {
                await result.InvocationConfiguration.Error.WriteLineAsync($"--out: the folder '{missing.FullName}' does not exist");
                return HostRunner.ConfigurationError;
            }

            // Inside the service the image goes back over the socket; the file is written here, by the user who asked.
            var image = new StringWriter();
            var code = await StoreAccess.WithStoreAsync(result, db, (store, _) =>
            {
                if (filter.Read(result, store) is not { } wanted)
                {
                    return Task.FromResult(HostRunner.ConfigurationError);
                }

                var versions = store.History(wanted).Where(v => v.Basis == result.GetValue(basis)).ToList();
                var keys = versions.Select(FigureText.Key).Distinct(StringComparer.Ordinal).ToList();
                var measures = versions.Select(v => v.Measure).Distinct(StringComparer.Ordinal).ToList();
                if (versions.Count == 0)
                {
                    result.InvocationConfiguration.Error.WriteLine("No figure matches; 'figures' lists what the store has.");
                    return Task.FromResult(1); // nothing to read
                }

                if (keys.Count > 1 || measures.Count > 1)
                {
                    // A filter too broad for one chart is bad input, not an empty store.
                    result.InvocationConfiguration.Error.WriteLine(
                        $"The filter matches {keys.Count} keys and {measures.Count} measures; a chart shows one: narrow it with --reporter, --flow, --product, --partner and --measure.");
                    return Task.FromResult(HostRunner.ConfigurationError);
                }

                // Months beside years beside spans on one axis would mislead: one kind of period is drawn.
                var kinds = versions.GroupBy(v => ChartSvg.PeriodKind(v.Period)).ToDictionary(g => g.Key, g => g.Select(v => v.Period).Distinct(StringComparer.Ordinal).Count());
                var chosen = result.GetValue(kind) ?? kinds.MaxBy(k => k.Value).Key;
                versions = [.. versions.Where(v => ChartSvg.PeriodKind(v.Period) == chosen)];
                if (versions.Count == 0)
                {
                    result.InvocationConfiguration.Error.WriteLine($"No {chosen} periods match; there are {string.Join(", ", kinds.Select(k => $"{k.Value} {k.Key}"))}.");
                    return Task.FromResult(1);
                }

                if (kinds.Count > 1)
                {
                    result.InvocationConfiguration.Error.WriteLine($"Drawing the {kinds[chosen]} {chosen} periods; --period-kind draws the others ({string.Join(", ", kinds.Where(k => k.Key != chosen).Select(k => $"{k.Value} {k.Key}"))}).");
                }

                var title = $"{keys[0]} {measures[0]} ({versions[0].Unit}), {chosen}";
                var svg = ChartSvg.Render(versions, title, result.GetValue(width), result.GetValue(height));
                (StoreAccess.InService ? result.InvocationConfiguration.Output : image).Write(svg);
                return Task.FromResult(0);
            }, image);

            if (code != 0 || StoreAccess.InService)
            {
                return code;
            }

            if (result.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, image.ToString(), cancellationToken);
                await result.InvocationConfiguration.Error.WriteLineAsync($"Wrote {file.FullName}");
            }
            else
            {
                await result.InvocationConfiguration.Output.WriteAsync(image.ToString());
            }

            return 0;
        });
        return command;
    }
}
