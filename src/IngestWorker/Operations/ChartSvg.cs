using System.Globalization;
using System.Security;
using System.Text;
using IngestWorker.Core.Ingestion;
using IngestWorker.Core.Storage;

namespace IngestWorker.Operations;

/// <summary>
/// One figure series over its periods as a self-contained SVG: a line per source through the
/// latest values (filled dots), and for each revised value the first published one (a hollow dot
/// joined to the latest by a dashed line). Written by hand: no drawing library, no native code.
/// </summary>
internal static class ChartSvg
{
    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
    private const int Left = 90, Right = 20, Top = 40, Bottom = 70;

    /// <summary>The versions of one key (any periods, any sources); <paramref name="title"/> heads the chart.</summary>
    public static string Render(IReadOnlyList<FigureVersion> versions, string title, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var periods = versions.Select(v => v.Period).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var chains = versions
            .GroupBy(v => (v.SourceId, v.Period))
            .Select(g => (g.Key.SourceId, g.Key.Period, First: g.MinBy(v => v.Version)!, Latest: g.MaxBy(v => v.Version)!))
            .ToList();
        var values = chains.SelectMany(c => new[] { c.First.Value, c.Latest.Value }).ToList();
        var (low, high, step) = Scale(values.Min(), values.Max());
        var (plotWidth, plotHeight) = (width - Left - Right, height - Top - Bottom);
        double X(string period) => Left + ((periods.IndexOf(period) + 0.5) * plotWidth / periods.Count);
        double Y(decimal value) => Top + (double)((high - value) / (high - low)) * plotHeight;
        var sample = versions[0];

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"11\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Escape(title)}</title>\n<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"22\" font-size=\"14\" font-weight=\"bold\">{Escape(title)}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Left + plotWidth}\" y2=\"{Top + plotHeight}\" stroke=\"#444\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotHeight}\" stroke=\"#444\"/>\n");
        for (var value = low; value <= high; value += step)
        {
            var y = Y(value);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Left + plotWidth}\" y2=\"{y:0.#}\" stroke=\"#eee\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{Escape(FigureText.Value(value, sample.Unit, sample.Measure))}</text>\n");
        }

        var every = Math.Max(1, (int)Math.Ceiling(periods.Count / (plotWidth / 60.0)));
        for (var i = 0; i < periods.Count; i += every)
        {
            var x = X(periods[i]);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{Top + plotHeight + 16}\" text-anchor=\"middle\">{Escape(periods[i])}</text>\n");
        }

        var sources = chains.Select(c => c.SourceId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        for (var s = 0; s < sources.Count; s++)
        {
            var color = Palette[s % Palette.Length];
            var own = chains.Where(c => c.SourceId == sources[s]).OrderBy(c => periods.IndexOf(c.Period)).ToList();
            var points = string.Join(' ', own.Select(c => Point(X(c.Period), Y(c.Latest.Value))));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"series\" data-source=\"{Escape(sources[s])}\" points=\"{points}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"/>\n");
            foreach (var c in own)
            {
                var (x, y) = (X(c.Period), Y(c.Latest.Value));
                if (c.Latest.Version > 1)
                {
                    var firstY = Y(c.First.Value);
                    svg.Append(CultureInfo.InvariantCulture, $"<line class=\"revision\" x1=\"{x:0.##}\" y1=\"{firstY:0.##}\" x2=\"{x:0.##}\" y2=\"{y:0.##}\" stroke=\"{color}\" stroke-dasharray=\"3,2\"/>");
                    svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"point first\" cx=\"{x:0.##}\" cy=\"{firstY:0.##}\" r=\"4\" fill=\"white\" stroke=\"{color}\" stroke-width=\"1.5\">");
                    svg.Append(CultureInfo.InvariantCulture, $"<title>{Escape($"{c.Period} first published {FigureText.Value(c.First)} ({c.SourceId})")}</title></circle>\n");
                }

                svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"point latest\" data-source=\"{Escape(c.SourceId)}\" cx=\"{x:0.##}\" cy=\"{y:0.##}\" r=\"4\" fill=\"{color}\">");
                svg.Append(CultureInfo.InvariantCulture, $"<title>{Escape($"{c.Period} {FigureText.Value(c.Latest)} (version {c.Latest.Version}, {c.SourceId})")}</title></circle>\n");
            }

            var legendY = height - 22 + (s / 4 * 14);
            var legendX = Left + (s % 4 * 150);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{legendX}\" y=\"{legendY - 9}\" width=\"10\" height=\"10\" fill=\"{color}\"/><text x=\"{legendX + 14}\" y=\"{legendY}\">{Escape(sources[s])}</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width - Right}\" y=\"{height - 8}\" text-anchor=\"end\" fill=\"#666\">● latest  ○ first published (revised)</text>\n");
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>An axis from a round number below the values to one above, in 2 to 10 round steps.</summary>
    private static (decimal Low, decimal High, decimal Step) Scale(decimal min, decimal max)
    {
        var span = max - min;
        if (span == 0)
        {
            span = min == 0 ? 1 : Math.Abs(min) / 5;
        }

        var raw = (double)span / 4;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = (decimal)(new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(m => m >= raw));
        var low = Math.Floor(min / step) * step;
        var high = Math.Ceiling(max / step) * step;
        if (low == high)
        {
            (low, high) = (low - step, high + step);
        }

        return (low, high, step);
    }

    /// <summary>monthly (YYYY-MM), annual (YYYY) or other (spans, quarters, days): a chart draws one kind.</summary>
    public static string PeriodKind(string period) => period switch
    {
        { Length: 7 } when period[4] == '-' && period.Where((c, i) => i != 4).All(char.IsAsciiDigit) => "monthly",
        { Length: 4 } when period.All(char.IsAsciiDigit) => "annual",
        _ => "other",
    };

    private static string Point(double x, double y) => string.Create(CultureInfo.InvariantCulture, $"{x:0.##},{y:0.##}");

    private static string Escape(string text) => SecurityElement.Escape(text) ?? "";
}
