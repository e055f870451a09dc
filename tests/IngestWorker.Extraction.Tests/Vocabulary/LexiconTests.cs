using IngestWorker.Extraction.Vocabulary;

namespace IngestWorker.Extraction.Tests.Vocabulary;

public sealed class LexiconTests
{
    private static Term Single(string text, TermKind kind) =>
        Assert.Single(Lexicon.Default.Find(text, text.ToLowerInvariant()), t => t.Kind == kind);

    [Theory]
    [InlineData("memory chips", "semiconductors")]
    [InlineData("semiconductor chips", "semiconductors")]
    [InlineData("반도체", "semiconductors")]
    [InlineData("cars", "automobiles")]
    [InlineData("승용차", "automobiles")]
    [InlineData("auto parts", "auto-parts")]
    [InlineData("차부품", "auto-parts")]
    [InlineData("flat-panel displays", "displays")]
    [InlineData("무선통신", "wireless-devices")]
    [InlineData("가전", "home-appliances")]
    [InlineData("3대 에너지원", "energy")]
    [InlineData("energy goods", "energy")]
    [InlineData("agricultural and marine products", "agri-fisheries")]
    [InlineData("machinery", "general-machinery")]
    [InlineData("기계류", "general-machinery")]
    [InlineData("refined petroleum", "petroleum-products")]
    [InlineData("이차전지", "secondary-batteries")]
    [InlineData("가스", "natural-gas")]
    [InlineData("non-petroleum", "non-petroleum")]
    public void FindProduct_Alias_ReturnsContractSlug(string text, string slug) =>
        Assert.Equal(slug, Single(text, TermKind.Product).Value);

    [Theory]
    [InlineData("the United States", "US")]
    [InlineData("the U.S.", "US")]
    [InlineData("미국", "US")]
    [InlineData("중국", "CN")]
    [InlineData("Southeast Asia", "asean")]
    [InlineData("Association of Southeast Asian Nations", "asean")]
    [InlineData("아세안", "asean")]
    [InlineData("중남미", "latin-america")]
    [InlineData("독립국가연합", "cis")]
    [InlineData("중동", "middle-east")]
    [InlineData("the European Union", "eu")]
    [InlineData("베트남", "VN")]
    public void FindPartner_Name_ReturnsCodeOrBloc(string text, string code) =>
        Assert.Equal(code, Single(text, TermKind.Partner).Value);

    [Theory]
    [InlineData("outbound shipments", "exports")]
    [InlineData("overseas sales", "exports")]
    [InlineData("inbound shipments", "imports")]
    [InlineData("purchases", "imports")]
    [InlineData("흑자", "surplus")]
    [InlineData("적자", "deficit")]
    [InlineData("shortfall", "deficit")]
    public void FindFlow_Synonym_ReturnsFlow(string text, string flow) =>
        Assert.Equal(flow, Single(text, TermKind.Flow).Value);

    [Fact]
    public void FindPartner_LowercaseUs_IsPronounNotCountry() =>
        Assert.DoesNotContain(Lexicon.Default.Find("let us see", "let us see"), t => t.Kind == TermKind.Partner);
}
