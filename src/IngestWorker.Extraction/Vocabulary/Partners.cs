namespace IngestWorker.Extraction.Vocabulary;

/// <summary>Economies and blocs (English and Korean names) mapped to ISO codes and bloc slugs, from the economies data.</summary>
internal static class Partners
{
    public static readonly (string Code, string[] Names)[] All = [.. Economies.PartnerNames()];
}
