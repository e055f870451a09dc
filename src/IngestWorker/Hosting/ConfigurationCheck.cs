using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using IngestWorker.Core.Fetching;
using IngestWorker.Core.Notifications;
using IngestWorker.Core.Sources;
using IngestWorker.Core.Storage;
using IngestWorker.Operations;
using Microsoft.Extensions.Configuration;

namespace IngestWorker.Hosting;

/// <summary>
/// Reads the configuration files and checks that every value can be bound to its setting's type
/// before anything binds it: the binder would throw a bare <see cref="InvalidOperationException"/>
/// on the first wrong type, and silently bind an object given where a list is expected to nothing.
/// </summary>
internal static class ConfigurationCheck
{
    private static readonly (string Section, Type Type)[] Sections =
    [
        (StorageOptions.SectionName, typeof(StorageOptions)),
        (FetchOptions.SectionName, typeof(FetchOptions)),
        (LogOptions.SectionName, typeof(LogOptions)),
        (HealthOptions.SectionName, typeof(HealthOptions)),
        (NotificationOptions.SectionName, typeof(NotificationOptions)),
        (MetricsOptions.SectionName, typeof(MetricsOptions)),
    ];

    /// <summary>Adds a JSON file, naming it (relative to the content root) when it is not valid JSON.</summary>
    public static void AddJsonFile(ConfigurationManager configuration, string path, bool optional)
    {
        try
        {
            // A ConfigurationManager loads each source as it is added, so a bad file fails here, by name.
            configuration.AddJsonFile(path, optional, reloadOnChange: false);
        }
        catch (InvalidDataException e)
        {
            var detail = Innermost(e).Message;
            throw new ConfigurationException([$"{ContentRoot.ConfigFolder}/{Path.GetFileName(path)}: not valid JSON ({detail}); expected one JSON object of settings"], e);
        }
    }

    /// <exception cref="ConfigurationException">Some value cannot be bound to its setting.</exception>
    public static void ThrowIfUnbindable(IConfiguration configuration)
    {
        var problems = new List<string>();
        foreach (var (section, type) in Sections)
        {
            CheckObject(configuration, configuration.GetSection(section), type, problems);
        }

        var sources = configuration.GetSection(SourcesOptions.SectionName);
        if (CheckList(configuration, sources, problems, "a JSON array of sources, \"Sources\": [ { \"Id\": ..., \"Kind\": ... } ]"))
        {
            foreach (var source in sources.GetChildren())
            {
                CheckObject(configuration, source, typeof(SourceDefinition), problems, strict: true);
            }
        }

        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }
    }

    /// <param name="strict">Names that are no setting of <paramref name="type"/> are problems too (a misspelt setting would otherwise be ignored without a word).</param>
    private static void CheckObject(IConfiguration configuration, IConfigurationSection section, Type type, List<string> problems, bool strict = false)
    {
        if (!string.IsNullOrEmpty(section.Value))
        {
            problems.Add(Problem(configuration, section, $"'{section.Value}' is a single value; expected an object of settings"));
            return;
        }

        foreach (var child in section.GetChildren())
        {
            var property = type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is { CanWrite: true })
            {
                CheckValue(configuration, child, property.PropertyType, problems, strict);
            }
            else if (strict)
            {
                problems.Add(Problem(configuration, child, $"is not a setting of {(type == typeof(SourceDefinition) ? "a source" : type.Name)}{Suggestion(child.Key, type)}"));
            }
        }
    }

    /// <summary>"; did you mean X?" for the settable property of <paramref name="type"/> nearest to <paramref name="name"/> (at most 3 edits), else "".</summary>
    private static string Suggestion(string name, Type type)
    {
        var nearest = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite)
            .Select(p => (p.Name, Distance: Vocabulary.Distance(name.ToUpperInvariant(), p.Name.ToUpperInvariant())))
            .MinBy(p => p.Distance);
        return nearest.Name is not null && nearest.Distance <= 3 ? $"; did you mean {nearest.Name}?" : "";
    }

    private static void CheckValue(IConfiguration configuration, IConfigurationSection section, Type type, List<string> problems, bool strict = false)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            var element = type.GetGenericArguments()[0];
            if (CheckList(configuration, section, problems, $"a JSON array of {Expected(element)}"))
            {
                foreach (var item in section.GetChildren())
                {
                    CheckValue(configuration, item, element, problems, strict);
                }
            }

            return;
        }

        if (type != typeof(string) && type.IsClass)
        {
            CheckObject(configuration, section, type, problems, strict);
            return;
        }

        if (section.GetChildren().Any())
        {
            problems.Add(Problem(configuration, section, $"is an object or a list; expected {Expected(type)}"));
            return;
        }

        if (string.IsNullOrEmpty(section.Value) || type == typeof(string))
        {
            return;
        }

        try
        {
            _ = TypeDescriptor.GetConverter(type).ConvertFromInvariantString(section.Value);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException
                                   || e.InnerException is FormatException or OverflowException)
        {
            problems.Add(Problem(configuration, section, $"'{section.Value}' is not {Expected(type)}"));
        }
    }

    /// <summary>Whether <paramref name="section"/> is absent or a list (an array's children are numbered); adds the problem otherwise.</summary>
    private static bool CheckList(IConfiguration configuration, IConfigurationSection section, List<string> problems, string expected)
    {
        var children = section.GetChildren().ToList();
        var isList = string.IsNullOrEmpty(section.Value) && children.TrueForAll(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _));
        if (!isList)
        {
            problems.Add(Problem(configuration, section, children.Count > 0 ? $"is an object; expected {expected}" : $"'{section.Value}' is a single value; expected {expected}"));
        }

        return isList;
    }

    private static string Problem(IConfiguration configuration, IConfigurationSection section, string problem) =>
        $"{section.Path} ({ConfigurationOrigin.Of(configuration, section.Path)}): {problem}";

    private static string Expected(Type type) =>
        type == typeof(TimeSpan) ? "a duration such as 00:00:30 ([d.]hh:mm:ss)"
        : type == typeof(bool) ? "true or false"
        : type == typeof(int) || type == typeof(long) ? "a whole number"
        : type == typeof(double) || type == typeof(decimal) ? "a number"
        : type.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(type))
        : type == typeof(string) ? "a text value"
        : "a setting object";

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is { } inner)
        {
            e = inner;
        }

        return e;
    }
}
