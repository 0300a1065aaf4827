using System.Globalization;
using System.Net;
using System.Text;

namespace Exchange.LoadTesting;

/// <summary>One line of a chart.</summary>
/// <param name="Name">Legend text.</param>
/// <param name="Color">CSS colour.</param>
/// <param name="Points">Points in data units, in x order.</param>
/// <param name="Dashed">Draw dashed, to tell lines apart without relying on colour alone.</param>
internal sealed record ChartSeries(string Name, string Color, IReadOnlyList<(double X, double Y)> Points, bool Dashed = false);

/// <summary>
/// A dependency-free SVG line chart: title, legend, gridlines, labelled axes with units, and a
/// tooltip on each point. Reports must work offline, so no charting library can be loaded.
/// </summary>
internal static class SvgLineChart
{
    private const int Width = 900;
    private const int Height = 320;
    private const int Left = 72;
    private const int Right = 24;
    private const int Top = 48;
    private const int Bottom = 56;

    public static string Render(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series)
    {
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        var points = series.SelectMany(s => s.Points).ToList();
        var (xMax, xStep) = NiceAxis(points.Count == 0 ? 1 : points.Max(p => p.X));
        var (yMax, yStep) = NiceAxis(points.Count == 0 ? 1 : points.Max(p => p.Y));
        double Sx(double x) => Left + (x / xMax * plotW);
        double Sy(double y) => Top + plotH - (y / yMax * plotH);

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{E(title)}\">");
        sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"0\" width=\"{Width}\" height=\"{Height}\" fill=\"#fff\"/>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"24\" font-size=\"16\" font-weight=\"600\" fill=\"#222\">{E(title)}</text>");

        // Gridlines and tick labels; the plot starts at 0 on both axes so line heights compare honestly.
        for (var y = 0.0; y <= yMax + (yStep / 2); y += yStep)
        {
            var py = F(Sy(y));
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{py}\" x2=\"{Left + plotW}\" y2=\"{py}\" stroke=\"{(y == 0 ? "#555" : "#e3e3e3")}\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 8}\" y=\"{py}\" dy=\"4\" text-anchor=\"end\" font-size=\"12\" fill=\"#444\">{Tick(y, yStep)}</text>");
        }

        for (var x = 0.0; x <= xMax + (xStep / 2); x += xStep)
        {
            var px = F(Sx(x));
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{px}\" y1=\"{Top}\" x2=\"{px}\" y2=\"{Top + plotH}\" stroke=\"{(x == 0 ? "#555" : "#f0f0f0")}\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{px}\" y=\"{Top + plotH + 18}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#444\">{Tick(x, xStep)}</text>");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + (plotW / 2)}\" y=\"{Height - 12}\" text-anchor=\"middle\" font-size=\"13\" fill=\"#222\">{E(xLabel)}</text>");
        sb.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate(18 {Top + (plotH / 2)}) rotate(-90)\" text-anchor=\"middle\" font-size=\"13\" fill=\"#222\">{E(yLabel)}</text>");

        if (points.Count == 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + (plotW / 2)}\" y=\"{Top + (plotH / 2)}\" text-anchor=\"middle\" font-size=\"14\" fill=\"#888\">no data</text>");
        }

        foreach (var s in series)
        {
            if (s.Points.Count == 0)
            {
                continue;
            }

            var path = string.Join(' ', s.Points.Select(p => F(Sx(p.X)) + "," + F(Sy(p.Y))));
            sb.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"2.5\" stroke-linejoin=\"round\"{(s.Dashed ? " stroke-dasharray=\"7 4\"" : string.Empty)} points=\"{path}\"/>");

            // Markers make single points visible and carry the exact values as hover tooltips;
            // beyond a few hundred they would only blot the line.
            if (s.Points.Count <= 300)
            {
                foreach (var (x, y) in s.Points)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(Sx(x))}\" cy=\"{F(Sy(y))}\" r=\"3\" fill=\"{s.Color}\"><title>{E(s.Name)}: {Tick(y, yStep / 100)} at {Tick(x, xStep / 100)}</title></circle>");
                }
            }
        }

        // Legend, right-aligned in the header band so it never covers data.
        var legendX = (double)(Left + plotW);
        foreach (var s in series.Reverse())
        {
            var textWidth = (s.Name.Length * 7.2) + 8;
            legendX -= textWidth;
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(legendX)}\" y=\"28\" font-size=\"13\" fill=\"#222\">{E(s.Name)}</text>");
            legendX -= 30;
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(legendX)}\" y1=\"24\" x2=\"{F(legendX + 24)}\" y2=\"24\" stroke=\"{s.Color}\" stroke-width=\"3\"{(s.Dashed ? " stroke-dasharray=\"7 4\"" : string.Empty)}/>");
            legendX -= 18;
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>An axis maximum and tick step on a 1–2–2.5–5 grid with about five ticks, covering <paramref name="max"/>.</summary>
    internal static (double Max, double Step) NiceAxis(double max)
    {
        if (max <= 0 || double.IsNaN(max) || double.IsInfinity(max))
        {
            return (1, 0.2);
        }

        var rough = max / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= rough);
        return (Math.Ceiling((max / step) - 1e-9) * step, step);
    }

    // As many decimals as the value needs (a 2.5 step labels 2.5 and 7.5, not 2 and 8), without float noise.
    private static string Tick(double value, double step) =>
        Math.Round(value, step >= 1 ? 1 : Math.Min(6, (int)Math.Ceiling(-Math.Log10(step)) + 1))
            .ToString("0.######", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
