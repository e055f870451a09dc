using System.Text.Json.Nodes;
using System.Xml.Linq;
using IngestWorker.Tests.Support;

namespace IngestWorker.Tests.Commands;

/// <summary><c>chart</c> as a user runs it, on the file and through the running service.</summary>
public sealed class ChartCommandTests : IDisposable
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly string Correction = Path.Combine(ContentRootBuilder.Corpus, "revisions", "01-kr-2019-09-ministry-correction");
    private const string Url = "https://www.motie.example/en/bbsView.do?bbs_seq_n=739";
    private readonly TempFolder _root = new();

    public ChartCommandTests() =>
        ContentRootBuilder.Write(_root.Path, [ContentRootBuilder.Source("ministry", "folder", ("Folder", "inbox"), ("Language", "en"), ("Reporter", "KR"))]);

    [Fact]
    public async Task Chart_RevisedFigure_WritesAnSvgWithTheFirstAndLatestValue()
    {
        await IngestAsync("v1.html", "2019-10-01");
        await IngestAsync("v2.html", "2019-10-02");

        var chart = await CliProcess.RunAsync(_root.Path, "chart", "--reporter", "KR", "--flow", "exports", "--product", "petrochemicals",
            "--partner", "world", "--measure", "value", "--out", "petro.svg", "--width", "500", "--height", "300");

        Assert.True(chart.ExitCode == 0, chart.Error);
        var svg = XDocument.Load(_root.File("petro.svg")).Root!;
        Assert.Equal((Svg + "svg", "500", "300"), (svg.Name, (string?)svg.Attribute("width"), (string?)svg.Attribute("height")));
        var points = svg.Elements(Svg + "circle").Select(c => ((string)c.Attribute("class")!, c.Value)).ToList();
        Assert.Equal(2, points.Count);
        Assert.Contains(points, p => p == ("point latest", "2019-09 3.4 bn USD (version 2, ministry)"));
        Assert.Contains(points, p => p == ("point first", "2019-09 first published 4.3 bn USD (ministry)"));
    }

    [Fact]
    public async Task Chart_ThroughRunningService_WritesTheFileInTheCallersFolder()
    {
        await IngestAsync("v1.html", "2019-10-01");
        await using var host = await ServiceRuns.StartServiceAsync(_root.Path);
        Directory.CreateDirectory(_root.File("charts"));

        var chart = await CliProcess.RunAsync(_root.File("charts"), "chart", "--db", _root.File("data/ingestworker.db"), "--flow", "exports", "--product", "total",
            "--partner", "world", "--measure", "value", "--out", "total.svg");

        Assert.True(chart.ExitCode == 0, chart.Error);
        Assert.Single(XDocument.Load(_root.File("charts/total.svg")).Root!.Elements(Svg + "circle"));
    }

    [Fact]
    public async Task Chart_FilterMatchesSeveralSeries_ExitsTwoAskingToNarrowIt()
    {
        await IngestAsync("v1.html", "2019-10-01");

        var chart = await CliProcess.RunAsync(_root.Path, "chart", "--flow", "exports");

        Assert.Equal(2, chart.ExitCode);
        Assert.Contains("narrow it", chart.Error, StringComparison.Ordinal);
        Assert.Empty(chart.Output);
    }

    private async Task IngestAsync(string file, string published)
    {
        var ingest = await CliProcess.RunAsync(_root.Path, "ingest", Path.Combine(Correction, file), "--url", Url, "--source", "ministry", "--published", published);
        Assert.True(ingest.ExitCode == 0, ingest.Error);
    }

    public void Dispose() => _root.Dispose();
}
