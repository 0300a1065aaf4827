using System.Net;
using System.Text;

namespace Exchange.LoadTesting;

/// <summary>
/// One self-contained HTML page: inline CSS and SVG only, because the reports are opened on
/// machines without network access (and CI artifacts should render years later).
/// </summary>
internal static class HtmlReport
{
    private const string Style = """
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222; margin: 24px; }
        .wide { overflow-x: auto; }
        h1 { font-size: 24px; margin: 0 0 6px; } h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
        .badge { display: inline-block; padding: 2px 10px; border-radius: 4px; color: #fff; font-weight: 600; }
        .pass { background: #2e7d32; } .fail { background: #c62828; }
        .meta, .note { color: #555; }
        table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; font-variant-numeric: tabular-nums; }
        th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: right; white-space: nowrap; }
        th { background: #f4f4f4; } td.t, th.t { text-align: left; }
        tr.agg td { font-weight: 600; background: #fafafa; } tr.bad td.status { color: #c62828; }
        td.PASS { color: #2e7d32; font-weight: 600; } td.FAIL { color: #c62828; font-weight: 600; }
        .chart { display: block; margin: 8px 0 16px; border: 1px solid #e5e5e5; border-radius: 4px; }
        .error { color: #c62828; font-weight: 600; }
        """;

    public static string Render(RunResult run)
    {
        var sb = new StringBuilder();
        var passed = run.ExitCode == 0;
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(run.TestName)).Append("</title><style>").Append(Style).Append("</style></head><body>");
        sb.Append("<h1>").Append(E(run.TestName)).Append(' ').Append(passed ? "<span class=\"badge pass\">PASSED</span>" : "<span class=\"badge fail\">FAILED</span>").Append("</h1>");
        sb.Append("<p class=\"meta\">Started ").Append(E(run.StartedAt.ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture)))
            .Append(", ran ").Append(ReportRows.Num(run.Elapsed.TotalSeconds, "0.0")).Append(" s, exit code ").Append(run.ExitCode)
            .Append(run.Cancelled ? ", <span class=\"error\">cancelled</span>" : string.Empty).Append(".</p>");

        var thresholds = ReportRows.Thresholds(run).ToList();
        if (thresholds.Count > 0)
        {
            sb.Append("<h2>Thresholds</h2>");
            AppendTable(sb, ReportRows.ThresholdHeader, thresholds, isText: i => i is < 3 or 5, rowClass: _ => string.Empty, cellClass: (r, i) => i == 3 ? r[3] : null);
        }

        foreach (var scenario in run.Scenarios)
        {
            AppendScenario(sb, scenario);
        }

        sb.Append("</body></html>");
        return sb.ToString();
    }

    private static void AppendScenario(StringBuilder sb, ScenarioResult s)
    {
        sb.Append("<h2>Scenario ").Append(E(s.Name)).Append("</h2>");
        sb.Append("<p class=\"note\">Load: ").Append(E(string.Join(", then ", s.LoadProfile))).Append(". Measured ")
            .Append(ReportRows.Num(s.Duration.TotalSeconds)).Append(" s after ").Append(ReportRows.Num(s.WarmUp.TotalSeconds)).Append(" s warm-up. ")
            .Append(E(ReportRows.ModelNote(s)));
        if (s.StartLag.Samples > 0)
        {
            sb.Append(" Harness start lag p99 ").Append(ReportRows.Ms(s.StartLag.P99Ms)).Append(" ms, max ").Append(ReportRows.Ms(s.StartLag.MaxMs)).Append(" ms.");
        }

        sb.Append("</p>");
        if (s.Error is not null)
        {
            sb.Append("<p class=\"error\">Error: ").Append(E(s.Error)).Append("</p>");
        }

        if (s.EndedEarly is not null)
        {
            sb.Append("<p class=\"error\">Ended early: ").Append(E(s.EndedEarly)).Append("</p>");
        }

        // Each point sits at the end of its interval: the figures describe calls completed up to then.
        var ends = s.TimeSeries.Select(t => (t.Start + t.Duration).TotalSeconds).ToList();
        ChartSeries Line(string name, string color, Func<IntervalSnapshot, double> value, bool dashed = false) =>
            new(name, color, s.TimeSeries.Select((t, i) => (ends[i], value(t))).ToList(), dashed);

        var interval = ReportRows.Num(s.SnapshotInterval.TotalSeconds);
        sb.Append(SvgLineChart.Render(
            $"{s.Name}: latency percentiles per {interval} s interval",
            "time since end of warm-up (s)",
            "latency (ms)",
            [Line("p50", "#1f77b4", t => t.P50Ms), Line("p99", "#d62728", t => t.P99Ms, dashed: true)]));
        sb.Append(SvgLineChart.Render(
            $"{s.Name}: throughput per {interval} s interval",
            "time since end of warm-up (s)",
            "calls per second",
            [
                Line("RPS (executed calls/s)", "#2ca02c", t => t.Rps),
                Line("errors/s", "#ff7f0e", t => t.Duration > TimeSpan.Zero ? t.Errors / t.Duration.TotalSeconds : 0, dashed: true),
            ]));

        sb.Append("<h3>Statistics (latency in ms)</h3>");
        AppendTable(
            sb,
            ReportRows.Header[1..],
            ReportRows.Stats(s).Select(r => r[1..]).ToList(),
            isText: i => i < 2,
            rowClass: r => r[1] == "ALL" ? "agg" : r[1] != StepStatus.Ok ? "bad" : string.Empty,
            cellClass: (_, i) => i == 1 ? "status" : null);

        sb.Append("<details><summary>Time series table</summary>");
        AppendTable(sb, ReportRows.TimeSeriesHeader[1..], ReportRows.TimeSeries(s).Select(r => r[1..]).ToList(), isText: _ => false, rowClass: _ => string.Empty, cellClass: (_, _) => null);
        sb.Append("</details>");
    }

    private static void AppendTable(
        StringBuilder sb,
        IReadOnlyList<string> header,
        IReadOnlyList<string[]> rows,
        Func<int, bool> isText,
        Func<string[], string> rowClass,
        Func<string[], int, string?> cellClass)
    {
        // Wide tables scroll inside their own box instead of widening the whole page.
        sb.Append("<div class=\"wide\"><table><thead><tr>");
        for (var i = 0; i < header.Count; i++)
        {
            sb.Append(isText(i) ? "<th class=\"t\">" : "<th>").Append(E(header[i])).Append("</th>");
        }

        sb.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            var rc = rowClass(row);
            sb.Append(rc.Length > 0 ? $"<tr class=\"{rc}\">" : "<tr>");
            for (var i = 0; i < row.Length; i++)
            {
                var classes = string.Join(' ', new[] { isText(i) ? "t" : null, cellClass(row, i) }.Where(c => c is not null));
                sb.Append(classes.Length > 0 ? $"<td class=\"{E(classes)}\">" : "<td>").Append(E(row[i])).Append("</td>");
            }

            sb.Append("</tr>");
        }

        sb.Append("</tbody></table></div>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
