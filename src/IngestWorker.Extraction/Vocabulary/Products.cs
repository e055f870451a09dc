namespace IngestWorker.Extraction.Vocabulary;

/// <summary>Product names and aliases (English and Korean) mapped to the contract's product slugs.</summary>
internal static class Products
{
    public static readonly (string Slug, string[] Names)[] All =
    [
        ("semiconductor-equipment", ["semiconductor equipment", "chip equipment", "chipmaking equipment", "반도체 장비", "반도체장비"]),
        ("semiconductors", ["semiconductors", "semiconductor", "chips", "chip", "memory chips", "memory chip", "semiconductor chips", "반도체"]),
        ("auto-parts", ["auto parts", "auto-parts", "car parts", "automotive parts", "auto components", "차부품", "자동차부품", "자동차 부품"]),
        ("automobiles", ["automobiles", "automobile", "cars", "car", "vehicles", "vehicle", "autos", "auto", "passenger cars", "자동차", "승용차"]),
        ("ships", ["ships", "ship", "shipbuilding", "vessels", "선박"]),
        ("steel", ["steel", "iron and steel", "steel products", "철강", "철강제품"]),
        ("petrochemicals", ["petrochemicals", "petrochemical", "petrochemical products", "석유화학", "석유화학제품"]),
        ("petroleum-products", ["petroleum products", "petroleum product", "oil products", "refined petroleum", "refined oil products", "refined petroleum products", "petroleum", "석유제품"]),
        ("general-machinery", ["general machinery", "machinery", "일반기계", "기계류"]),
        ("displays", ["displays", "display", "flat-panel displays", "flat panel displays", "flat-panel display", "디스플레이"]),
        ("wireless-devices", ["wireless communication devices", "wireless communications devices", "wireless devices", "mobile phones", "mobile phone", "무선통신기기", "무선통신"]),
        ("computers", ["computers", "computer", "personal computers", "computer-related devices", "pcs", "컴퓨터"]),
        ("secondary-batteries", ["secondary batteries", "rechargeable batteries", "batteries", "이차전지", "2차전지"]),
        ("home-appliances", ["home appliances", "household appliances", "appliances", "가전제품", "가전"]),
        ("textiles", ["textiles", "textile", "섬유"]),
        ("bio-health", ["bio-health", "biohealth", "pharmaceuticals", "바이오헬스"]),
        ("cosmetics", ["cosmetics", "화장품"]),
        ("agri-fisheries", ["agricultural and marine products", "agricultural and fishery products", "agri-fisheries", "농수산식품", "농수산물"]),
        ("electrical-equipment", ["electrical equipment", "전기기기"]),
        ("energy", ["energy goods", "energy products", "energy", "3대 에너지원", "에너지원", "에너지"]),
        ("crude-oil", ["crude oil", "crude", "원유"]),
        ("natural-gas", ["natural gas", "lng", "가스"]),
        ("coal", ["coal", "석탄"]),
        ("precision-instruments", ["precision instruments", "정밀기기"]),
        ("electronic-components", ["electronic components", "전자부품"]),
        ("electronic-goods", ["electronic goods", "electronics"]),
        ("it-products", ["it products", "it items", "ict products", "정보통신기술(ict) 품목", "ict 품목"]),
        ("chemicals", ["organic and inorganic chemicals", "chemicals", "화학제품"]),
        ("plastics-and-rubber", ["plastic and rubber", "plastics and rubber", "플라스틱"]),
        ("cereals", ["cereals"]),
        ("coffee", ["coffee"]),
        ("processed-food", ["processed food", "processed foods"]),
        ("leather-products", ["leather products", "leather"]),
        ("non-petroleum", ["non-petroleum", "non-oil"]),
        ("total-excluding-semiconductors", ["excluding semiconductors", "excluding chips", "반도체 제외"]),
    ];

    /// <summary>Only meaningful in a goods-and-services release, where they split the total.</summary>
    public static readonly (string Slug, string[] Names)[] GoodsAndServices =
    [
        ("goods", ["goods"]),
        ("services", ["services"]),
    ];
}
