namespace IngestWorker.Extraction.Vocabulary;

/// <summary>What a phrase of the lexicon names.</summary>
internal enum TermKind { Flow, Product, Partner, Blocker, Daily, TotalTrade }

/// <summary>A lexicon phrase found in text.</summary>
internal readonly record struct Term(int Start, int End, TermKind Kind, string Value);

/// <summary>
/// The phrase dictionary (flows, products, partners, non-trade subjects) and a matcher that looks
/// phrases up by their first two characters at word starts, so a sentence is scanned once.
/// </summary>
internal sealed class Lexicon
{
    private static readonly (string Value, string[] Names)[] Flows =
    [
        ("exports", ["credits", "exports", "export", "outbound shipments", "overseas shipments", "shipments abroad", "shipments", "shipment", "overseas sales", "shipped abroad", "shipped", "goods exports", "sales", "exported", "수출", "수출액", "수출은", "내보내"]),
        ("imports", ["debits", "imports", "import", "inbound shipments", "purchases", "import bills", "imported", "수입", "수입액"]),
        ("surplus", ["trade surpluses", "surpluses", "trade surplus", "surplus", "in the black", "흑자"]),
        ("deficit", ["trade deficits", "deficits", "trade deficit", "deficit", "shortfall", "trade gap", "in the red", "적자"]),
        ("balance", ["trade balance", "balance", "무역수지"]),
        ("same", ["those"]),
    ];

    private static readonly string[] TotalTradeNames =
    [
        "total trade", "trade volume", "foreign trade", "combined import and export value", "combined export and import value",
        "imports and exports combined", "import and export value", "export and import value", "trade turnover", "turnover",
        "non-eu", "extra-eu", "non-eu countries", "euro area", "eurozone", "euro zone", "third countries", "fdi sector", "foreign-invested sector", "foreign invested sector", "foreign-invested enterprises",
        "foreign invested enterprises", "fdi enterprises", "domestic sector", "domestic enterprises", "foreign direct investment sector",
        "외국인투자기업", "외투기업", "exports and imports combined", "combined exports and imports", "two-way trade",
        "교역", "무역액", "수출입",
        // Regions with no slug (contract, decision 6: only blocs whose scope is clear): a figure for them is no record,
        // and never the world's.
        "asia", "europe", "north america", "the americas", "asia-pacific", "asia pacific",
    ];

    private static readonly string[] BlockerNames =
    [
        "price", "prices", "tariff", "tariffs", "duty", "duties", "gdp", "economy", "inflation", "interest rate", "exchange rate",
        "volume", "volumes", "working days", "unemployment", "stocks", "kospi", "won", "yen", "yuan", "growth rate",
        "단가", "가격", "관세", "물가", "물량", "조업일수", "경제성장률", "환율",
    ];

    private static readonly string[] DailyNames =
    [
        "per working day", "per day", "per-day", "daily average", "average daily", "a working day", "on a daily basis",
        "하루 평균", "일평균", "일 평균",
    ];

    private readonly PhraseIndex<(TermKind Kind, string Value)> _phrases = new();

    public static Lexicon Default { get; } = new(false);

    public static Lexicon WithGoodsAndServices { get; } = new(true);

    private Lexicon(bool goodsAndServices)
    {
        foreach (var (value, names) in Flows)
        {
            AddAll(names, TermKind.Flow, value);
        }

        foreach (var (slug, names) in Products.All)
        {
            AddAll(names, TermKind.Product, slug);
        }

        if (goodsAndServices)
        {
            foreach (var (slug, names) in Products.GoodsAndServices)
            {
                AddAll(names, TermKind.Product, slug);
            }

            Add("goods and services", TermKind.Product, "total");
        }

        foreach (var (code, names) in Partners.All)
        {
            AddAll(names, TermKind.Partner, code);
        }

        AddAll(TotalTradeNames, TermKind.TotalTrade, "trade");
        AddAll(BlockerNames, TermKind.Blocker, "other");
        AddAll(DailyNames, TermKind.Daily, "daily");
    }

    private void AddAll(string[] names, TermKind kind, string value)
    {
        foreach (var n in names)
        {
            Add(n, kind, value);
        }
    }

    private void Add(string phrase, TermKind kind, string value) => _phrases.Add(phrase, (kind, value));

    /// <summary>A short all-letter ASCII name ("us", "eu", "cis", "uae") names a place only when written in capitals.</summary>
    private static bool IsAcronym(string phrase) => phrase.Length <= 3 && phrase.All(char.IsAsciiLetterLower);

    /// <summary>Longest phrases win; a phrase never overlaps another. <paramref name="original"/> keeps the case of <paramref name="lower"/>.</summary>
    public List<Term> Find(string original, string lower) =>
        _phrases.Find(lower, (phrase, start, term) => term.Kind != TermKind.Partner || !IsAcronym(phrase)
                || original.AsSpan(start, phrase.Length).SequenceEqual(phrase.ToUpperInvariant())) // "US", "EU", "UK" only in capitals
            .ConvertAll(f => new Term(f.Start, f.End, f.Value.Kind, f.Value.Value));
}
