using System.Globalization;
using System.Xml.Linq;
using IngestWorker.Core.Storage;
using IngestWorker.Operations;

namespace IngestWorker.Tests.Operations;

public sealed class ChartSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Render_TwoSourcesOneRevision_DrawsALinePerSourceAPointPerValueAndMarksTheRevision()
    {
        List<FigureVersion> versions =
        [
            Version("ministry", "2025-09", 1, 59_000_000_000m), Version("ministry", "2025-10", 1, 60_000_000_000m),
            Version("ministry", "2025-11", 1, 61_040_000_000m), Version("ministry", "2025-11", 2, 61_100_000_000m),
            Version("news", "2025-10", 1, 60_100_000_000m), Version("news", "2025-11", 1, 61_000_000_000m),
        ];

        var svg = XDocument.Parse(ChartSvg.Render(versions, "KR exports total/world value (USD)", 640, 320)).Root!;

        Assert.Equal((Svg + "svg", "640", "320"), (svg.Name, (string?)svg.Attribute("width"), (string?)svg.Attribute("height")));
        var lines = svg.Elements(Svg + "polyline").ToList();
        Assert.Equal(["ministry", "news"], lines.Select(l => (string)l.Attribute("data-source")!));
        Assert.Equal([3, 2], lines.Select(l => ((string)l.Attribute("points")!).Split(' ').Length));
        var circles = svg.Elements(Svg + "circle").ToList();
        Assert.Equal(5, circles.Count(c => ((string)c.Attribute("class")!).Contains("latest", StringComparison.Ordinal)));
        var first = Assert.Single(circles, c => ((string)c.Attribute("class")!).Contains("first", StringComparison.Ordinal));
        Assert.Contains("2025-11 first published 61.04 bn USD (ministry)", first.Value, StringComparison.Ordinal);
        Assert.Single(svg.Elements(Svg + "line"), l => (string?)l.Attribute("class") == "revision");

        // Every point is inside the canvas, and a higher value is drawn higher.
        var ys = lines[0].Attribute("points")!.Value.Split(' ').Select(p => double.Parse(p.Split(',')[1], CultureInfo.InvariantCulture)).ToList();
        Assert.All(ys, y => Assert.InRange(y, 0, 320));
        Assert.True(ys[0] > ys[1] && ys[1] > ys[2]);
    }

    [Fact]
    public void Render_OneValue_StillDrawsIt()
    {
        var svg = XDocument.Parse(ChartSvg.Render([Version("s", "2025", 1, 8.4m, "%", "yoy_pct")], "t & <u>", 300, 200)).Root!;

        Assert.Single(svg.Elements(Svg + "circle"));
        Assert.Equal("t & <u>", svg.Element(Svg + "title")!.Value);
    }

    [Theory]
    [InlineData("2025-11", "monthly")]
    [InlineData("2025", "annual")]
    [InlineData("2025-01/2025-11", "other")]
    [InlineData("2025-10-01/2025-10-20", "other")]
    public void PeriodKind_Period_IsTheKindDrawnTogether(string period, string kind) => Assert.Equal(kind, ChartSvg.PeriodKind(period));

    [Fact]
    public void Render_Axis_HasRoundTicksAroundTheValues()
    {
        var svg = XDocument.Parse(ChartSvg.Render([Version("s", "2025-10", 1, 59_700_000_000m), Version("s", "2025-11", 1, 61_040_000_000m)], "t", 400, 300)).Root!;

        var ticks = svg.Elements(Svg + "text").Select(t => t.Value).Where(t => t.EndsWith(" bn USD", StringComparison.Ordinal)).ToList();
        Assert.Equal(["59.5 bn USD", "60 bn USD", "60.5 bn USD", "61 bn USD", "61.5 bn USD"], ticks);
    }

    private static FigureVersion Version(string source, string period, int version, decimal value, string unit = "USD", string measure = "value") => new()
    {
        Reporter = "KR", Flow = "exports", Product = "total", Partner = "world", Period = period, Measure = measure, Basis = "actual",
        Adjustment = "none", Value = value, Unit = unit, SourceId = source, Version = version,
    };
}
