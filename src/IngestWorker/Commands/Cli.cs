using System.CommandLine;

namespace IngestWorker.Commands;

/// <summary>The one executable's command line: the service and the commands that read and write its store.</summary>
internal static class Cli
{
    public static RootCommand Create()
    {
        var db = new Option<string?>("--db")
        {
            Description = "The LiteDB file to use instead of Storage:DatabasePath from config/appsettings.json.",
            Recursive = true,
        };
        var root = new RootCommand("IngestWorker: watches trade bulletins and keeps a versioned history of their figures. With no command, runs the service.")
        {
            db,
            ServiceCommands.Run(db),
            ServiceCommands.Once(db),
            ServiceCommands.Ingest(db),
            ServiceCommands.Reprocess(db),
            ServiceCommands.Compact(db),
            ExtractCommand.Create(),
        };
        // 'sources test' reads the web, not the store: it is not among the commands the service answers for others.
        var sources = QueryCommands.Sources(db);
        sources.Subcommands.Add(SourcesTestCommand.Create(db));
        AddQueries(root, db, sources);
        root.SetAction((result, _) => ServiceCommands.RunService(result.GetValue(db)));
        return root;
    }

    /// <summary>The read commands only: what the running service answers for other processes.</summary>
    public static RootCommand CreateQueries()
    {
        var db = new Option<string?>("--db") { Description = "Ignored: the service answers from its own database.", Recursive = true };
        var root = new RootCommand("IngestWorker's read commands, answered by the running service.") { db };
        AddQueries(root, db);
        return root;
    }

    /// <summary>The commands that read the store: the running service's over its socket, or the file.</summary>
    /// <param name="sources">The <c>sources</c> command to use, with its subcommands; null: the plain one.</param>
    private static void AddQueries(RootCommand root, Option<string?> db, Command? sources = null)
    {
        Command[] queries =
        [
            QueryCommands.Figures(db),
            QueryCommands.History(db),
            QueryCommands.Changes(db),
            QueryCommands.Conflicts(db),
            QueryCommands.Export(db),
            QueryCommands.VocabularyList(db),
            sources ?? QueryCommands.Sources(db),
            StatusCommand.Create(db),
            HealthCommand.Create(db),
            WatchCommand.Create(db),
            ChartCommand.Create(db),
            BackupCommand.Create(db),
        ];
        foreach (var command in queries)
        {
            root.Subcommands.Add(command);
        }
    }
}
