using IngestWorker.Core.Ingestion;
using IngestWorker.Core.Storage;
using IngestWorker.Core.Tests.Fetching;
using IngestWorker.Core.Tests.Support;
using IngestWorker.Extraction;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace IngestWorker.Core.Tests.Ingestion;

/// <summary>What a person reads in the log for one bulletin: one line per figure, its change on the value's line.</summary>
public sealed class OutcomeLoggerTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static FigureRecord Figure(string product, string measure, decimal value, string unit) =>
        new("KR", "exports", product, "world", "2025-11", measure, "actual", "none", value, unit, "e");

    [Fact]
    public void Log_ValueWithItsOnYearChange_IsOneLineAndAChangeAloneKeepsItsOwn()
    {
        using var store = FigureStore.Open(_folder.File("figures.db"), new FakeTimeProvider());
        using var capture = new LogCapture();
        using var factory = LoggerFactory.Create(b => b.AddProvider(capture));
        var document = new StoredDocument { SourceId = "ministry", Url = "https://example.test/1", ContentHash = "h", Published = "2025-12-01", Title = "November exports up 8.4%" };
        var outcome = store.RecordDocument(document,
        [
            Figure("total", "yoy_pct", 8.4m, "%"),
            Figure("total", "value", 61_040_000_000m, "USD"),
            Figure("steel", "yoy_pct", -15.9m, "%"),
        ]);

        new OutcomeLogger(factory.CreateLogger<OutcomeLogger>()).Log(document, outcome);

        Assert.Equal(
        [
            "New figure KR exports total/world 2025-11 value 61.04 bn USD (+8.4 % y/y) from ministry: \"November exports up 8.4%\"",
            "New figure KR exports steel/world 2025-11 yoy_pct -15.9 % from ministry: \"November exports up 8.4%\"",
        ], capture.Lines.Where(l => l.Event.Id == 3001).Select(l => l.Message));
    }

    public void Dispose() => _folder.Dispose();
}
