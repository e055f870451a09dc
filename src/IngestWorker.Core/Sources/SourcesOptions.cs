namespace IngestWorker.Core.Sources;

/// <summary>The <c>Sources</c> section: every configured source.</summary>
public sealed class SourcesOptions
{
    public const string SectionName = "Sources";

    public List<SourceDefinition> Items { get; set; } = [];

    public SourceDefinition? Find(string id) => Items.Find(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase));
}
