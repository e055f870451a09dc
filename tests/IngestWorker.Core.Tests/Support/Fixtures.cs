namespace IngestWorker.Core.Tests.Support;

/// <summary>The corpus copied beside the test assembly (tests/fixtures).</summary>
public static class Fixtures
{
    public static string Corpus => Path.Combine(AppContext.BaseDirectory, "fixtures", "corpus");

    public static string Case(string name) => Path.Combine(Corpus, "cases", name);

    public static string Revision(string name) => Path.Combine(Corpus, "revisions", name);

    public static string Seed => Path.Combine(Case("001-kr-2025-11-joongang"), "bulletin.html");
}
