using System.CommandLine;
using IngestWorker.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace IngestWorker.Commands;

/// <summary><c>run</c> (the service) and <c>once</c> (every source once, then exit).</summary>
internal static class ServiceCommands
{
    public static Command Run(Option<string?> db)
    {
        var command = new Command("run", "Run the service: poll every enabled source on its schedule until Ctrl+C or SIGTERM (the default command).");
        command.SetAction((result, _) => RunService(result.GetValue(db)));
        return command;
    }

    public static Task<int> RunService(string? db) =>
        HostRunner.RunAsync(() => ServiceHost.CreateBuilder(db).ForService(), _ => 0);

    public static Command Once(Option<string?> db)
    {
        var source = new Option<string?>("--source") { Description = "Run only the source with this id." };
        var command = new Command("once", "Run every enabled source (or one) once, then exit; exit code 1 if a source failed.") { source };
        command.SetAction((result, _) => HostRunner.RunAsync(
            () => ServiceHost.CreateBuilder(result.GetValue(db)).ForOnce(result.GetValue(source)),
            host => host.Services.GetRequiredService<OnceRunner>().ExitCode));
        return command;
    }
}
