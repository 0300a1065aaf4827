using System.Text;

namespace Exchange.LoadTesting;

/// <summary>Plain-text tables for a terminal or a CI log.</summary>
internal static class ConsoleReport
{
    public static string Render(RunResult run)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"== {run.TestName}: {(run.ExitCode == 0 ? "PASSED" : "FAILED")} (exit code {run.ExitCode}), {ReportRows.Num(run.Elapsed.TotalSeconds, "0.0")} s ==");
        foreach (var scenario in run.Scenarios)
        {
            sb.AppendLine();
            sb.AppendLine(
                $"scenario '{scenario.Name}' ({string.Join(", then ", scenario.LoadProfile)}): measured {ReportRows.Num(scenario.Duration.TotalSeconds)} s after {ReportRows.Num(scenario.WarmUp.TotalSeconds)} s warm-up"
                + (scenario.StartLag.Samples > 0 ? $", start lag p99 {ReportRows.Ms(scenario.StartLag.P99Ms)} ms" : string.Empty));
            if (scenario.Error is not null)
            {
                sb.AppendLine($"  ERROR: {scenario.Error}");
            }

            if (scenario.EndedEarly is not null)
            {
                sb.AppendLine($"  ended early: {scenario.EndedEarly}");
            }

            // Bytes are left out of the terminal table to keep it within a normal width.
            var header = ReportRows.Header[1..^2];
            var rows = ReportRows.Stats(scenario).Select(r => r[1..^2]).ToList();
            AppendTable(sb, header, rows);
        }

        var thresholds = ReportRows.Thresholds(run).ToList();
        if (thresholds.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("thresholds:");
            AppendTable(sb, ReportRows.ThresholdHeader, thresholds);
        }

        return sb.ToString();
    }

    private static void AppendTable(StringBuilder sb, IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();

        // Text columns left-aligned, numbers right-aligned, as a reader scans them.
        string Cell(string value, int i) =>
            double.TryParse(value.TrimEnd('%', 's', 'm', '/'), System.Globalization.CultureInfo.InvariantCulture, out _) || value == "-"
                ? value.PadLeft(widths[i])
                : value.PadRight(widths[i]);

        sb.AppendLine("  " + string.Join("  ", header.Select((h, i) => Cell(h, i))).TrimEnd());
        sb.AppendLine("  " + string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            sb.AppendLine("  " + string.Join("  ", row.Select((v, i) => Cell(v, i))).TrimEnd());
        }
    }
}
