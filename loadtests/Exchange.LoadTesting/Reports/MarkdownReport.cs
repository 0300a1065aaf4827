using System.Text;
using System.Text.RegularExpressions;

namespace Exchange.LoadTesting;

/// <summary>GitHub-flavoured Markdown tables.</summary>
internal static partial class MarkdownReport
{
    public static string Render(RunResult run)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# {Escape(run.TestName)}");
        sb.AppendLine();
        sb.AppendLine($"**{(run.ExitCode == 0 ? "PASSED" : "FAILED")}** (exit code {run.ExitCode}) — started {run.StartedAt:yyyy-MM-dd HH:mm:ss zzz}, {ReportRows.Num(run.Elapsed.TotalSeconds, "0.0")} s"
            + (run.Cancelled ? ", cancelled" : string.Empty));
        var thresholds = ReportRows.Thresholds(run).ToList();
        if (thresholds.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("## Thresholds");
            sb.AppendLine();
            AppendTable(sb, ReportRows.ThresholdHeader, thresholds);
        }

        foreach (var scenario in run.Scenarios)
        {
            sb.AppendLine();
            sb.AppendLine($"## Scenario `{scenario.Name}`");
            sb.AppendLine();
            sb.AppendLine($"Load: {Escape(string.Join(", then ", scenario.LoadProfile))}. Measured {ReportRows.Num(scenario.Duration.TotalSeconds)} s after {ReportRows.Num(scenario.WarmUp.TotalSeconds)} s warm-up; latency in ms. {ReportRows.ModelNote(scenario)}");
            if (scenario.StartLag.Samples > 0)
            {
                sb.AppendLine($"Harness start lag: p50 {ReportRows.Ms(scenario.StartLag.P50Ms)} ms, p99 {ReportRows.Ms(scenario.StartLag.P99Ms)} ms, max {ReportRows.Ms(scenario.StartLag.MaxMs)} ms.");
            }

            if (scenario.Error is not null)
            {
                sb.AppendLine();
                sb.AppendLine($"> **Error:** {Escape(scenario.Error)}");
            }

            if (scenario.EndedEarly is not null)
            {
                sb.AppendLine();
                sb.AppendLine($"> Ended early: {Escape(scenario.EndedEarly)}");
            }

            sb.AppendLine();
            AppendTable(sb, ReportRows.Header[1..], ReportRows.Stats(scenario).Select(r => r[1..]).ToList());
            sb.AppendLine();
            sb.AppendLine($"### Time series ({ReportRows.Num(scenario.SnapshotInterval.TotalSeconds)} s intervals)");
            sb.AppendLine();
            AppendTable(sb, ReportRows.TimeSeriesHeader[1..], ReportRows.TimeSeries(scenario).Select(r => r[1..]).ToList());
        }

        return sb.ToString();
    }

    private static void AppendTable(StringBuilder sb, IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        sb.AppendLine("| " + string.Join(" | ", header.Select(Escape)) + " |");
        sb.AppendLine("|" + string.Concat(header.Select((_, i) => i == 0 ? "---|" : "---:|")));
        foreach (var row in rows)
        {
            sb.AppendLine("| " + string.Join(" | ", row.Select(Escape)) + " |");
        }
    }

    // Only a '<' that could open an HTML tag is escaped, so "p99 < 250ms" stays readable in the raw file.
    private static string Escape(string text) => TagStart().Replace(text.Replace("|", "\\|", StringComparison.Ordinal), "&lt;");

    [GeneratedRegex("<(?=[A-Za-z/!?])")]
    private static partial Regex TagStart();
}
