namespace IngestWorker.Extraction.Vocabulary;

/// <summary>Economies and blocs (English and Korean names) mapped to ISO codes and bloc slugs.</summary>
internal static class Partners
{
    public static readonly (string Code, string[] Names)[] All =
    [
        ("US", ["united states", "u.s.", "us", "america", "american", "the states", "미국", "대미"]),
        ("CN", ["china", "chinese", "mainland china", "중국", "대중"]),
        ("JP", ["japan", "japanese", "일본", "대일"]),
        ("VN", ["vietnam", "viet nam", "vietnamese", "베트남"]),
        ("HK", ["hong kong", "홍콩"]),
        ("TW", ["taiwan", "대만"]),
        ("IN", ["india", "indian", "인도"]),
        ("DE", ["germany", "german", "독일"]),
        ("KR", ["south korea", "korea", "s.korea", "s. korea", "republic of korea", "korean", "한국", "우리나라"]),
        ("MX", ["mexico", "멕시코"]),
        ("SG", ["singapore", "싱가포르"]),
        ("AU", ["australia", "호주"]),
        ("GB", ["united kingdom", "britain", "u.k.", "영국"]),
        ("RU", ["russia", "러시아"]),
        ("CA", ["canada", "캐나다"]),
        ("SA", ["saudi arabia", "사우디아라비아", "사우디"]),
        ("ID", ["indonesia", "인도네시아"]),
        ("MY", ["malaysia", "말레이시아"]),
        ("TH", ["thailand", "태국"]),
        ("PH", ["philippines", "필리핀"]),
        ("FR", ["france", "프랑스"]),
        ("NL", ["netherlands", "네덜란드"]),
        ("AE", ["united arab emirates", "uae", "아랍에미리트"]),
        ("asean", ["asean", "association of southeast asian nations", "southeast asia", "southeast asian nations", "아세안"]),
        ("eu", ["european union", "eu", "유럽연합"]),
        ("middle-east", ["middle east", "중동"]),
        ("cis", ["cis", "commonwealth of independent states", "독립국가연합"]),
        ("latin-america", ["latin america", "중남미"]),
        ("central-asia", ["central asia", "중앙아시아"]),
        ("oceania", ["oceania", "오세아니아"]),
        ("africa", ["africa", "아프리카"]),
    ];
}
