using Microsoft.Extensions.Configuration;

namespace IngestWorker.Hosting;

/// <summary>Names the file (or other provider) a setting came from, so an error message can point at it.</summary>
internal static class ConfigurationOrigin
{
    public static string Of(IConfiguration configuration, string key)
    {
        if (configuration is IConfigurationRoot root)
        {
            foreach (var provider in root.Providers.Reverse())
            {
                if (provider.TryGet(key, out _) || provider.GetChildKeys([], key).Any())
                {
                    return provider switch
                    {
                        FileConfigurationProvider file => Path.Combine(ContentRoot.ConfigFolder, file.Source.Path ?? "?"),
                        _ when provider.GetType().Name.Contains("Environment", StringComparison.Ordinal) => "environment variables",
                        _ => "command line",
                    };
                }
            }
        }

        return "defaults";
    }
}
