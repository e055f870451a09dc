using System.Text.Json;
using System.Text.Json.Nodes;

namespace IngestWorker.Tests.Support;

/// <summary>A content root for a test host: config/appsettings.json and config/sources.json written by the test.</summary>
public static class ContentRootBuilder
{
    public static string Corpus => Path.Combine(AppContext.BaseDirectory, "fixtures", "corpus");

    /// <summary>The repository's own config/ as copied beside the test assembly.</summary>
    public static string ShippedConfig => Path.Combine(AppContext.BaseDirectory, "config");

    public static void Write(string root, JsonArray sources, JsonObject? settings = null)
    {
        var config = Directory.CreateDirectory(Path.Combine(root, "config")).FullName;
        settings ??= [];
        settings["Log"] ??= new JsonObject { ["Folder"] = "" };
        // Politeness towards real hosts is tested on its own; here it would only slow the tests down.
        settings["Fetching"] ??= new JsonObject { ["HostInterval"] = "00:00:00" };
        var indented = new JsonSerializerOptions { WriteIndented = true };
        File.WriteAllText(Path.Combine(config, "appsettings.json"), settings.ToJsonString(indented));
        File.WriteAllText(Path.Combine(config, "sources.json"), new JsonObject { ["Sources"] = sources }.ToJsonString(indented));
    }

    /// <summary>A source that runs at start-up and then not again for the length of any test.</summary>
    public static JsonObject Source(string id, string kind, params (string Key, JsonNode? Value)[] settings)
    {
        var source = new JsonObject { ["Id"] = id, ["Kind"] = kind, ["Schedule"] = "0 0 0 1 1 ? 2099", ["TimeZone"] = "Asia/Seoul" };
        foreach (var (key, value) in settings)
        {
            source[key] = value;
        }

        return source;
    }

    /// <summary>A folder source "corpus" over every labelled case's bulletin.</summary>
    public static JsonObject CorpusCases() =>
        Source("corpus", "folder", ("Folder", Path.Combine(Corpus, "cases")), ("Patterns", new JsonArray("bulletin.html")));
}
