using System.CommandLine;
using System.Text;
using IngestWorker.Core.Sources;
using IngestWorker.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IngestWorker.Commands;

/// <summary>
/// <c>health</c>: the health checks a supervisor runs without reading logs. Exit code 0 when
/// healthy or degraded, 1 when unhealthy: no running service, the store unreadable, or a source
/// failing without a success for longer than <c>Health:UnhealthyAfter</c>.
/// </summary>
internal static class HealthCommand
{
    public const string ServiceCheck = "service";

    public static Command Create(Option<string?> db)
    {
        var format = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("health", "Check the service's health: exit code 0 when healthy (or degraded), 1 when unhealthy.") { format };
        command.SetAction(async (result, cancellationToken) =>
        {
            var code = await StoreAccess.WithStoreAsync(result, db, async (store, configuration) =>
            {
                var sources = Options.Create(new SourcesOptions { Items = QueryCommands.Configured(configuration) });
                var health = Options.Create(configuration.GetSection(HealthOptions.SectionName).Get<HealthOptions>() ?? new HealthOptions());
                var checks = new List<(string, IHealthCheck)>
                {
                    (StoreHealthCheck.Name, new StoreHealthCheck(store)),
                    (SourcesHealthCheck.Name, new SourcesHealthCheck(store, sources, health, TimeProvider.System)),
                };
                if (!StoreAccess.InService)
                {
                    checks.Add((ServiceCheck, new NotRunning()));
                }

                var report = await HealthReporting.RunAsync(checks, cancellationToken);
                var writer = result.InvocationConfiguration.Output;
                if (result.GetValue(format) == "json")
                {
                    writer.WriteLine(Encoding.UTF8.GetString(HealthReporting.Json(report)));
                }
                else
                {
                    HealthReporting.WriteText(writer, report);
                }

                return HealthReporting.ExitCode(report);
            }, storeFailure: 1);

            // No database, or one that cannot be opened, is unhealthy too; a configuration that cannot be read is exit code 2, as everywhere.
            return code is 0 or HostRunner.ConfigurationError ? code : 1;
        });
        return command;
    }

    /// <summary>Answered from the file: nobody is ingesting.</summary>
    private sealed class NotRunning : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(HealthCheckResult.Unhealthy("no running service answers for this database"));
    }
}
