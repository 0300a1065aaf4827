using System.Text;

namespace Exchange.LoadTesting;

/// <summary>RFC 4180 CSV: one file each for statistics, time series and thresholds, since their columns differ.</summary>
internal static class CsvReport
{
    public static string Stats(RunResult run) =>
        Render(ReportRows.Header.Select(Column), run.Scenarios.SelectMany(ReportRows.Stats));

    public static string TimeSeries(RunResult run) =>
        Render(ReportRows.TimeSeriesHeader.Select(Column), run.Scenarios.SelectMany(ReportRows.TimeSeries));

    public static string Thresholds(RunResult run) =>
        Render(ReportRows.ThresholdHeader.Select(Column), ReportRows.Thresholds(run));

    /// <summary>Machine-friendly column names: "p99.9 ms" becomes "p99_9_ms".</summary>
    private static string Column(string header) =>
        header.Replace("%", "_percent", StringComparison.Ordinal).Replace('.', '_').Replace(' ', '_');

    private static string Render(IEnumerable<string> header, IEnumerable<string[]> rows)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', header.Select(Quote))).Append("\r\n");
        foreach (var row in rows)
        {
            // Latency cells shown as "-" in tables (no samples) are empty in CSV, so tools read them as missing.
            sb.Append(string.Join(',', row.Select(v => Quote(v == "-" ? string.Empty : v)))).Append("\r\n");
        }

        return sb.ToString();
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
