using System.CommandLine;
using System.Globalization;
using IngestWorker.Core.Fetching;
using IngestWorker.Core.Ingestion;
using IngestWorker.Core.Notifications;
using IngestWorker.Core.Sources;
using IngestWorker.Core.Storage;
using Microsoft.Extensions.Configuration;
using IngestWorker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IngestWorker.Commands;

/// <summary>Commands that write: <c>run</c> (the service), <c>once</c>, <c>ingest</c> and <c>reprocess</c>.</summary>
internal static class ServiceCommands
{
    public static Command Run(Option<string?> db)
    {
        var command = new Command("run", "Run the service: poll every enabled source on its schedule until Ctrl+C or SIGTERM (the default command).");
        command.SetAction((result, _) => RunService(result.GetValue(db)));
        return command;
    }

    public static Task<int> RunService(string? db) =>
        HostRunner.RunServiceAsync(db, () => ServiceHost.CreateBuilder(db).ForService());

    public static Command Once(Option<string?> db)
    {
        var source = new Option<string?>("--source") { Description = "Run only the source with this id." };
        var noNotify = NoNotify();
        var command = new Command("once", "Run every enabled source (or one) once, then exit; exit code 1 if a source failed.") { source, noNotify };
        command.SetAction((result, _) => HostRunner.RunWorkAsync("once", result.GetValue(db), () => ServiceHost.CreateBuilder(result.GetValue(db)), async (services, stopping) =>
        {
            var chosen = Chosen(services, result.GetValue(source));
            if (chosen is null)
            {
                return HostRunner.ConfigurationError;
            }

            SuppressNotifications(services, result.GetValue(noNotify));

            var pipeline = services.GetRequiredService<IngestionPipeline>();
            var failed = false;
            foreach (var definition in chosen)
            {
                failed |= (await pipeline.RunAsync(definition, stopping)).Failed;
            }

            return failed ? 1 : 0;
        }));
        return command;
    }

    public static Command Ingest(Option<string?> db)
    {
        var file = new Argument<FileInfo?>("file") { Description = "The bulletin file to record (or use --manifest).", Arity = ArgumentArity.ZeroOrOne };
        var url = new Option<string?>("--url") { Description = "The URL the bulletin was published at (its identity in the store); required with FILE." };
        var manifest = new Option<FileInfo?>("--manifest")
        {
            Description = "Record many bulletins: a CSV file with the columns file,url and optionally published,language (files relative to it).",
        };
        var source = new Option<string>("--source") { Description = "The id of the configured source it came from.", Required = true };
        var published = new Option<string?>("--published") { Description = "Publication date (YYYY-MM-DD) or instant (ISO 8601); default: the date the bulletin states." };
        var language = new Option<string?>("--language") { Description = "en or ko; default: the source's, else detected." };
        language.AcceptOnlyFromAmong("en", "ko");
        var noNotify = NoNotify();
        var command = new Command("ingest", "Record a bulletin file (or a manifest of them) as if the source had fetched it from the URL (for backfills and reproducing a case).")
        {
            file, url, manifest, source, published, language, noNotify,
        };
        command.Validators.Add(result =>
        {
            var (hasFile, hasManifest) = (result.GetValue(file) is not null, result.GetValue(manifest) is not null);
            if (hasFile == hasManifest)
            {
                result.AddError("give either a FILE (with --url) or --manifest, not both");
            }
            else if (hasFile && result.GetValue(url) is null)
            {
                result.AddError("--url is required with FILE");
            }
            else if (hasManifest && (result.GetValue(url) ?? result.GetValue(published) ?? result.GetValue(language)) is not null)
            {
                result.AddError("--url, --published and --language belong to one FILE; with --manifest they are its columns");
            }
        });
        command.SetAction((result, _) =>
        {
            IEnumerable<BulletinFile>? files = null;
            FileInfo? single = null;
            DateOnly? date = null;
            DateTimeOffset? instant = null;
            var count = 1;
            if (result.GetValue(manifest) is { } list)
            {
                if (!list.Exists)
                {
                    Console.Error.WriteLine($"No such manifest: {list.FullName}");
                    return Task.FromResult(HostRunner.ConfigurationError);
                }

                if (IngestManifest.Read(list.FullName, out var errors) is not { } read)
                {
                    errors.Take(20).ToList().ForEach(Console.Error.WriteLine);
                    Console.Error.WriteLine(errors.Count > 20 ? $"... and {errors.Count - 20} more; nothing was recorded." : "Nothing was recorded.");
                    return Task.FromResult(HostRunner.ConfigurationError);
                }

                files = read.Files();
                count = read.Entries.Count;
            }
            else
            {
                single = result.GetValue(file)!;
                if (!single.Exists)
                {
                    Console.Error.WriteLine($"No such file: {single.FullName}");
                    return Task.FromResult(HostRunner.ConfigurationError);
                }

                if (!PublishedText.TryParse(result.GetValue(published), out date, out instant))
                {
                    Console.Error.WriteLine($"--published '{result.GetValue(published)}' is not {PublishedText.Form}");
                    return Task.FromResult(HostRunner.ConfigurationError);
                }
            }

            return HostRunner.RunWorkAsync("ingest", result.GetValue(db), () => ServiceHost.CreateBuilder(result.GetValue(db)), (services, stopping) =>
            {
                if (Chosen(services, result.GetValue(source)) is not [var definition])
                {
                    return Task.FromResult(HostRunner.ConfigurationError);
                }

                SuppressNotifications(services, result.GetValue(noNotify));
                if (single is not null)
                {
                    if (ReadBulletin(single, services.GetRequiredService<IOptions<FetchOptions>>().Value.MaxDocumentBytes) is not { } content)
                    {
                        return Task.FromResult(HostRunner.ConfigurationError);
                    }

                    files = [new BulletinFile(result.GetValue(url)!, content, BulletinFile.ContentTypeOf(single.FullName), date, result.GetValue(language), instant)];
                }

                var progress = count > 1 ? new ProgressLine("ingest", count) : null;
                var summary = services.GetRequiredService<IngestionPipeline>().IngestFiles(definition, files!, progress, stopping);
                if (count > 1)
                {
                    Console.WriteLine($"Ingested {summary.Documents} files: {summary.NewDocuments} new, {summary.UnchangedDocuments} unchanged, {summary.FailedDocuments} failed; figures {summary.NewFigures} new, {summary.RevisedFigures} revised.");
                }

                return Task.FromResult(summary.Failed ? 1 : 0);
            });
        });
        return command;
    }

    public static Command Reprocess(Option<string?> db)
    {
        var source = new Option<string?>("--source") { Description = "Only the documents of this source." };
        var command = new Command("reprocess", "Re-extract every archived document with the current extractor, recording only what changed.") { source };
        command.SetAction((result, _) => HostRunner.RunWorkAsync("reprocess", result.GetValue(db), () => ServiceHost.CreateBuilder(result.GetValue(db)), (services, stopping) =>
        {
            var sources = services.GetRequiredService<IOptions<SourcesOptions>>().Value;
            // A source no longer configured may still have documents to re-read; one that has neither is a typo.
            if (result.GetValue(source) is { } id && sources.Find(id) is null && !services.GetRequiredService<FigureStore>().HasDocumentsOf(id))
            {
                Console.Error.WriteLine($"No source '{id}' is configured or has documents in the store; 'sources' lists them.");
                return Task.FromResult(HostRunner.ConfigurationError);
            }

            var progress = new ProgressLine("reprocess");
            var outcome = services.GetRequiredService<Reprocessor>().Run(result.GetValue(source), id => sources.Find(id)?.Reporter, progress, stopping);
            Console.WriteLine($"Reprocessed {outcome.Documents} documents: {outcome.NewFigures} new, {outcome.ChangedFigures} changed, {outcome.UnchangedFigures} unchanged figures; {outcome.FailedDocuments} failed.");
            return Task.FromResult(outcome.FailedDocuments > 0 ? 1 : 0);
        }));
        return command;
    }

    public static Command Compact(Option<string?> db)
    {
        var command = new Command("compact", "Rewrite the database into a fresh, smaller file (stop the service first); the old file is kept beside it until you delete it.");
        command.SetAction(result =>
        {
            try
            {
                if (HostRunner.RefusedWhileServiceRuns(result.GetValue(db), "compact") is { } refused)
                {
                    return refused;
                }

                var root = ContentRoot.Locate();
                var configuration = ServiceHost.LoadConfiguration(root, result.GetValue(db));
                var options = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
                var outcome = FigureStore.Compact(Path.GetFullPath(options.DatabasePath, root), options.Password,
                    new Progress<string>(line => Console.Error.WriteLine("compact: " + line)));
                Console.WriteLine($"Compacted {outcome.Rows} rows: {outcome.BytesBefore:N0} bytes -> {outcome.BytesAfter:N0} bytes. The old file is kept as {outcome.OldFile}; delete it once satisfied.");
                return 0;
            }
            catch (StoreException e)
            {
                Console.Error.WriteLine(e.Message);
                return HostRunner.ConfigurationError;
            }
            catch (ConfigurationException e)
            {
                Console.Error.WriteLine(HostRunner.Describe(e));
                return HostRunner.ConfigurationError;
            }
        });
        return command;
    }

    private static Option<bool> NoNotify() =>
        new("--no-notify") { Description = "Record without notifying the webhooks (a backfill is not news)." };

    private static void SuppressNotifications(IServiceProvider services, bool suppress)
    {
        if (suppress)
        {
            services.GetRequiredService<NotificationInbox>().Suppress();
        }
    }

    /// <summary>
    /// The bytes of a bulletin file, or null after one line saying why it is none: larger than the
    /// documents the fetcher accepts, or binary (the extractor would find nothing and store an empty document).
    /// </summary>
    private static byte[]? ReadBulletin(FileInfo file, long limit)
    {
        if (file.Length > limit)
        {
            Console.Error.WriteLine($"{file.FullName} is {file.Length:N0} bytes, over the limit of {limit:N0} (Fetching:MaxDocumentBytes); nothing was recorded.");
            return null;
        }

        var content = File.ReadAllBytes(file.FullName);
        if (BulletinFile.NotText(content) is { } kind)
        {
            Console.Error.WriteLine($"{file.FullName} is {kind}, not an HTML or text bulletin; nothing was recorded.");
            return null;
        }

        return content;
    }

    /// <summary>The enabled sources, or the one asked for; null (after saying why) when there is none.</summary>
    private static List<SourceDefinition>? Chosen(IServiceProvider services, string? id)
    {
        var sources = services.GetRequiredService<IOptions<SourcesOptions>>().Value;
        List<SourceDefinition> chosen = id is null ? [.. sources.Items.Where(s => s.Enabled)] : sources.Find(id) is { } one ? [one] : [];
        if (chosen.Count == 0)
        {
            Console.Error.WriteLine(id is null
                ? "No enabled source is configured (config/sources.json)."
                : $"No source '{id}' is configured; 'sources' lists them.");
            return null;
        }

        return chosen;
    }
}
