namespace IngestWorker.Extraction.Vocabulary;

/// <summary>Product names and aliases (English and Korean) mapped to the contract's product slugs, from Vocabulary/Data/products.tsv.</summary>
internal static class Products
{
    public static readonly (string Slug, string[] Names)[] All =
        [.. DataFile.Rows("products.tsv", 2).Select(f => (f[0], DataFile.List(f[1])))];

    /// <summary>Only meaningful in a bulletin that reports goods and services, where they split the total (contract, decision 14).</summary>
    public static readonly (string Slug, string[] Names)[] GoodsAndServices =
    [
        ("goods", ["goods", "merchandise", "merchandise trade", "goods trade"]),
        ("services", ["services", "services trade"]),
    ];

    /// <summary>Singapore's non-oil domestic exports and their parts: a series of their own, whose items are not records (decision 13).</summary>
    public static bool IsDomesticExportsSeries(string slug) => slug.StartsWith("non-oil-domestic-exports", StringComparison.Ordinal);
}
