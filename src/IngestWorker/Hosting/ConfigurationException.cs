namespace IngestWorker.Hosting;

/// <summary>The configuration cannot be read or bound: each problem is one line naming the file, the setting and the expected form.</summary>
internal sealed class ConfigurationException(IReadOnlyList<string> problems, Exception? inner = null)
    : Exception(string.Join(Environment.NewLine, problems), inner)
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
