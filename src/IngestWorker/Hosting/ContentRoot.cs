namespace IngestWorker.Hosting;

/// <summary>
/// Where <c>config/</c> is: the working directory when it has one (a clone run with
/// <c>dotnet run --project src/IngestWorker</c>), else the executable's folder (a published build).
/// </summary>
internal static class ContentRoot
{
    public const string ConfigFolder = "config";
    public const string SettingsFile = "appsettings.json";
    public const string SourcesFile = "sources.json";

    public static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("INGESTWORKER_ROOT");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        foreach (var candidate in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            if (File.Exists(Path.Combine(candidate, ConfigFolder, SettingsFile)))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
