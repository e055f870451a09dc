using IngestWorker.Core.Storage;

namespace IngestWorker.Benchmarks;

/// <summary>A generated store of a million figure versions: 8 reporters, 3 flows, 30 products, 9 partners, months of 2015-2025, several sources and revisions.</summary>
internal static class StoreCorpus
{
    public const int Versions = 1_000_000;
    public static readonly DateTime Epoch = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] Reporters = ["KR", "JP", "TW", "US", "CN", "DE", "VN", "IN"];
    private static readonly string[] Flows = ["exports", "imports", "balance"];
    private static readonly string[] Products =
        ["total", "semiconductors", "automobiles", "auto-parts", "ships", "steel", "petrochemicals", "petroleum-products", "general-machinery",
         "displays", "wireless-devices", "computers", "secondary-batteries", "home-appliances", "textiles", "bio-health", "cosmetics",
         "agri-fisheries", "energy", "crude-oil", "natural-gas", "coal", "precision-instruments", "chemicals", "plastics-and-rubber",
         "electronic-components", "it-products", "goods", "services", "non-petroleum"];
    private static readonly string[] Partners = ["world", "US", "CN", "JP", "VN", "HK", "asean", "eu", "middle-east"];
    private static readonly string[] Measures = ["value", "yoy_pct"];
    private static readonly string[] Sources = ["ministry", "customs", "news"];

    public sealed record Key(string Reporter, string Flow, string Product, string Partner, string Period)
    {
        public long Lookup => FigureKey.Of(Reporter, Flow, Product, Partner, Period);
    }

    public static (FigureStore Store, Key[] Keys) OpenMillion()
    {
        var path = Path.Combine(Path.GetTempPath(), "ingestworker-bench", "million-v3.db");
        var exists = File.Exists(path);
        var store = FigureStore.Open(path, TimeProvider.System);
        var random = new Random(2025);
        if (!exists || store.Counts().Figures < Versions)
        {
            Console.WriteLine($"// generating {Versions:N0} figure versions in {path} (once)");
            store.BulkLoad(Generate(new Random(1)));
            store.Checkpoint();
        }

        var keys = Enumerable.Range(0, 1000).Select(_ => new Key(
            Reporters[random.Next(Reporters.Length)], Flows[random.Next(Flows.Length)], Products[random.Next(Products.Length)],
            Partners[random.Next(Partners.Length)], Period(random.Next(132)))).ToArray();
        return (store, keys);
    }

    private static string Period(int month) => $"{2015 + (month / 12)}-{(month % 12) + 1:00}";

    /// <summary>Chains of one to three versions (first-seen, then revisions a day apart) until a million rows.</summary>
    private static IEnumerable<FigureVersion> Generate(Random random)
    {
        var produced = 0;
        var chains = new HashSet<string>(StringComparer.Ordinal);
        while (produced < Versions)
        {
            var (reporter, flow, product, partner, period) = (Reporters[random.Next(Reporters.Length)], Flows[random.Next(Flows.Length)],
                Products[random.Next(Products.Length)], Partners[random.Next(Partners.Length)], Period(random.Next(132)));
            var measure = Measures[random.Next(Measures.Length)];
            var source = Sources[random.Next(Sources.Length)];
            var chain = random.Next(3) + 1;
            var recorded = Epoch.AddMinutes(random.Next(365 * 24 * 60));
            var series = string.Join('|', reporter, flow, product, partner, measure, "actual", "none", period);
            if (!chains.Add(series + "|" + source))
            {
                continue;
            }

            for (var v = 1; v <= chain && produced < Versions; v++, produced++)
            {
                yield return new FigureVersion
                {
                    Key = FigureKey.Of(reporter, flow, product, partner, period),
                    Reporter = reporter, Flow = flow, Product = product, Partner = partner, Period = period, Measure = measure,
                    Basis = "actual", Adjustment = "none",
                    Value = measure == "value" ? random.Next(1, 100_000) * 1_000_000m : Math.Round((decimal)(random.NextDouble() * 60 - 30), 1),
                    Unit = measure == "value" ? "USD" : "%",
                    SourceId = source, Version = v, Reason = v == 1 ? VersionReason.FirstSeen : VersionReason.Revised,
                    RecordedAt = recorded.AddDays(v - 1), SupersededAt = v < chain ? recorded.AddDays(v) : null,
                    PublishedAt = recorded.AddDays(v - 1), PublishedFrom = PublicationSource.Bulletin, RealtimeEnd = v < chain ? recorded.AddDays(v) : null,
                    DocumentId = produced / 20, DocumentUrl = $"https://{source}.example/{produced / 20}",
                    Evidence = $"{product} {flow} of {reporter} in {period}", ExtractorVersion = "bench",
                };
            }
        }
    }
}
