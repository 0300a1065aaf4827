using System.Globalization;
using System.Net;
using System.Text;
using Exchange.V1;

namespace Exchange.Gateway.CourtConsole;

/// <summary>
/// The statistics page's charts as SVG drawn on the server: readable without JavaScript, printable,
/// and labelled for screen readers (role="img" with a title, and the numbers in a table beside).
/// </summary>
public static class StatisticsCharts
{
    /// <summary>How the statuses are grouped in the monthly bars: (words, colour, statuses).</summary>
    public static readonly (string Chinese, string English, string Colour, ApplicationStatus[] Statuses)[] Groups =
    [
        ("待受理/补正", "Received/correction", "#9aa5b1", [ApplicationStatus.Received, ApplicationStatus.CorrectionRequested]),
        ("受理/审查中", "Accepted/in review", "#3b82c4", [ApplicationStatus.Accepted, ApplicationStatus.UnderReview, ApplicationStatus.SupplementRequested, ApplicationStatus.CaseRegistered, ApplicationStatus.DocumentIssued]),
        ("确认/生效/送达", "Confirmed/effective", "#2e8b57", [ApplicationStatus.Confirmed, ApplicationStatus.Effective, ApplicationStatus.Served]),
        ("驳回/不予受理/不予出具", "Rejected/refused", "#b03a2e", [ApplicationStatus.Rejected, ApplicationStatus.NotAccepted, ApplicationStatus.Refused, ApplicationStatus.Repudiated]),
        ("撤回", "Withdrawn", "#d39e00", [ApplicationStatus.Withdrawn, ApplicationStatus.DeemedWithdrawn]),
    ];

    /// <summary>Applications per month of receipt, stacked by status group, for one type.</summary>
    public static string Monthly(CourtStatistics statistics, ApplicationType type, string id)
    {
        var months = statistics.Counts.Select(c => c.Month).Distinct().Order(StringComparer.Ordinal).ToList();
        var counts = statistics.Counts.Where(c => c.Type == type).ToList();
        const int width = 720, height = 260, left = 48, bottom = 40, top = 16, legendHeight = 28;
        var plotHeight = height - bottom - top;
        var totals = months.Select(m => counts.Where(c => c.Month == m).Sum(c => c.Count)).ToList();
        var max = Math.Max(1, totals.DefaultIfEmpty(0).Max());
        var scale = NiceCeiling(max);
        var slot = months.Count == 0 ? 0 : (width - left - 10) / (double)months.Count;
        var bar = Math.Min(48, slot * 0.6);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg id=\"{id}\" role=\"img\" aria-labelledby=\"{id}-title\" viewBox=\"0 0 {width} {height + legendHeight}\" width=\"{width}\" height=\"{height + legendHeight}\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Text(ConsoleText.Type(type))}{Text(ConsoleText.T("：各月收到的申请数（按状态）", ": applications received per month, by status"))}</title>");
        for (var i = 0; i <= 4; i++)
        {
            var value = scale * i / 4.0;
            var y = top + plotHeight - plotHeight * i / 4.0;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{width - 10}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#e3e7ec\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" fill=\"#5b6673\">{value:0.#}</text>");
        }

        for (var m = 0; m < months.Count; m++)
        {
            var x = left + slot * m + (slot - bar) / 2;
            var y = (double)(top + plotHeight);
            foreach (var (chinese, english, colour, statuses) in Groups)
            {
                var n = counts.Where(c => c.Month == months[m] && statuses.Contains(c.Status)).Sum(c => c.Count);
                if (n == 0)
                {
                    continue;
                }

                var h = plotHeight * n / (double)scale;
                y -= h;
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{bar:0.#}\" height=\"{h:0.#}\" fill=\"{colour}\"><title>{Text(months[m])} {Text(ConsoleText.T(chinese, english))}：{n}</title></rect>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + bar / 2:0.#}\" y=\"{y - 4:0.#}\" text-anchor=\"middle\">{totals[m]}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + bar / 2:0.#}\" y=\"{top + plotHeight + 16}\" text-anchor=\"middle\" fill=\"#1d2733\">{Text(months[m])}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{width - 10}\" y1=\"{top + plotHeight}\" y2=\"{top + plotHeight}\" stroke=\"#1d2733\"/>");
        var lx = (double)left;
        foreach (var (chinese, english, colour, _) in Groups)
        {
            var label = ConsoleText.T(chinese, english);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{lx:0.#}\" y=\"{height + 6}\" width=\"12\" height=\"12\" fill=\"{colour}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{lx + 16:0.#}\" y=\"{height + 16}\">{Text(label)}</text>");
            // A Chinese character is about as wide as two Latin letters.
            lx += 28 + label.Length * (ConsoleText.English ? 7 : 12);
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Days from receipt to acceptance and from acceptance to ruling: p50, mean and p90 bars per type.</summary>
    public static string Durations(CourtStatistics statistics, string id)
    {
        var rows = new List<(string Label, DurationSummary Summary)>();
        foreach (var d in statistics.Durations)
        {
            rows.Add(($"{ConsoleText.Type(d.Type)} · {ConsoleText.T("收到→受理", "receipt→acceptance")}", d.ReceiptToAcceptance ?? new DurationSummary()));
            rows.Add(($"{ConsoleText.Type(d.Type)} · {ConsoleText.T("受理→裁定", "acceptance→ruling")}", d.AcceptanceToRuling ?? new DurationSummary()));
        }

        const int width = 720, left = 190, rowHeight = 60, top = 10;
        var height = top + rowHeight * Math.Max(1, rows.Count) + 30;
        var max = Math.Max(1, rows.Select(r => Math.Max(Math.Max(r.Summary.MeanDays, r.Summary.P90Days), r.Summary.P50Days)).DefaultIfEmpty(0).Max());
        var scale = NiceCeiling((long)Math.Ceiling(max));
        var plot = width - left - 60;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg id=\"{id}\" role=\"img\" aria-labelledby=\"{id}-title\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Text(ConsoleText.T("办理天数：中位数、平均与第90百分位", "Days taken: median, mean and 90th percentile"))}</title>");
        for (var i = 0; i < rows.Count; i++)
        {
            var (label, s) = rows[i];
            var y = top + rowHeight * i;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 8}\" y=\"{y + 28}\" text-anchor=\"end\">{Text(label)}{Text(ConsoleText.T($"（{s.Count} 件）", $" ({s.Count})"))}</text>");
            var p50 = plot * s.P50Days / scale;
            var mean = plot * s.MeanDays / scale;
            var days = ConsoleText.T(" 天", " days");
            var meanWord = ConsoleText.T("平均", "mean");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"p50\" x=\"{left}\" y=\"{y + 4}\" width=\"{p50:0.#}\" height=\"14\" fill=\"#7bbf86\"><title>P50 {s.P50Days:0.0}{days}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + p50 + 4:0.#}\" y=\"{y + 15}\">P50 {s.P50Days:0.0}</text>");
            y += 16;
            var p90 = plot * s.P90Days / scale;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{y + 4}\" width=\"{mean:0.#}\" height=\"14\" fill=\"#3b82c4\"><title>{meanWord} {s.MeanDays:0.0}{days}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + mean + 4:0.#}\" y=\"{y + 15}\">{meanWord} {s.MeanDays:0.0}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{y + 20}\" width=\"{p90:0.#}\" height=\"14\" fill=\"#8b1a1a\"><title>P90 {s.P90Days:0.0}{days}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + p90 + 4:0.#}\" y=\"{y + 31}\">P90 {s.P90Days:0.0}</text>");
        }

        var axis = top + rowHeight * Math.Max(1, rows.Count);
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{left + plot}\" y1=\"{axis}\" y2=\"{axis}\" stroke=\"#1d2733\"/>");
        for (var i = 0; i <= 4; i++)
        {
            var x = left + plot * i / 4.0;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{axis + 16}\" text-anchor=\"middle\" fill=\"#5b6673\">{scale * i / 4.0:0.#}{ConsoleText.T(" 天", " d")}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>The smallest of 1, 2, 5 × 10ⁿ not below <paramref name="value"/> (a round axis end).</summary>
    private static long NiceCeiling(long value)
    {
        long step = 1;
        while (true)
        {
            foreach (var m in new[] { 1, 2, 5 })
            {
                if (step * m >= value)
                {
                    return step * m;
                }
            }

            step *= 10;
        }
    }

    private static string Text(string text) => WebUtility.HtmlEncode(text);
}
