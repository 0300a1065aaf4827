using System.Globalization;

namespace Exchange.LoadTesting;

/// <summary>
/// The statistics table every report shows, flattened into rows: for each scenario, the scenario
/// line, its status lines, then each step and its status lines. Keeping it in one place keeps the
/// formats consistent with each other.
/// </summary>
internal static class ReportRows
{
    public static readonly string[] Header =
    [
        "scenario", "step", "status", "count", "ok", "fail", "fail%", "rps",
        "min ms", "mean ms", "p50 ms", "p75 ms", "p90 ms", "p95 ms", "p99 ms", "p99.9 ms", "max ms",
        "sent B", "recv B",
    ];

    public static readonly string[] TimeSeriesHeader = ["scenario", "start s", "duration s", "count", "rps", "p50 ms", "p99 ms", "errors", "max ms"];

    public static readonly string[] ThresholdHeader = ["scenario", "step", "threshold", "result", "actual", "detail"];

    /// <summary>Rows with values already formatted for display.</summary>
    public static IEnumerable<string[]> Stats(ScenarioResult scenario)
    {
        foreach (var row in Rows(scenario.Name, "(all)", scenario.Stats))
        {
            yield return row;
        }

        foreach (var step in scenario.Steps)
        {
            foreach (var row in Rows(scenario.Name, step.Name, step))
            {
                yield return row;
            }
        }
    }

    public static IEnumerable<string[]> TimeSeries(ScenarioResult scenario) =>
        scenario.TimeSeries.Select(s => new[]
        {
            scenario.Name, Num(s.Start.TotalSeconds), Num(s.Duration.TotalSeconds), Int(s.Count), Num(s.Rps, "0.0"),
            Num(s.P50Ms), Num(s.P99Ms), Int(s.Errors), Num(s.MaxMs),
        });

    public static IEnumerable<string[]> Thresholds(RunResult run) =>
        run.Thresholds.Select(t => new[]
        {
            t.Scenario, t.Step ?? "(all)", t.Expression, t.Passed ? "PASS" : "FAIL",
            t.Actual is { } a ? Num(a) + t.Unit : "-", t.Message,
        });

    /// <summary>What the latency figures mean under the scenario's load model.</summary>
    public static string ModelNote(ScenarioResult s) => s.OpenModel
        ? "Latency runs from each call's scheduled start (coordinated-omission corrected): time a call waited because the system or the harness was stalled is included."
        : "Closed model: latency runs from each call's actual start; when the system stalls, the virtual users simply wait, so a stall shows in max but barely in the percentiles.";

    public static string Num(double value, string format = "0.###") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Ms(double value) => Num(value, value >= 100 ? "0.0" : "0.###");

    private static IEnumerable<string[]> Rows(string scenario, string step, CallStats stats)
    {
        yield return Row(scenario, step, "ALL", stats.Count, stats.OkCount, stats.FailCount, stats.FailPercent, stats.Rps, stats.Latency, stats.BytesSent, stats.BytesReceived);
        foreach (var s in stats.ByStatus)
        {
            // In a status row, fail% is the share of all calls that failed with this status.
            var ok = s.Status == StepStatus.Ok ? s.Count : 0;
            var failPercent = stats.Count == 0 ? 0 : (s.Count - ok) * 100.0 / stats.Count;
            yield return Row(scenario, step, s.Status, s.Count, ok, s.Count - ok, failPercent, s.Rps, s.Latency, s.BytesSent, s.BytesReceived);
        }
    }

    private static string[] Row(
        string scenario, string step, string status, long count, long ok, long fail, double failPercent, double rps, LatencySummary l, long sent, long received)
    {
        var hasLatency = l.Samples > 0;
        string L(double v) => hasLatency ? Ms(v) : "-";
        return
        [
            scenario, step, status, Int(count), Int(ok), Int(fail), Num(failPercent, "0.##"), Num(rps, "0.0"),
            L(l.MinMs), L(l.MeanMs), L(l.P50Ms), L(l.P75Ms), L(l.P90Ms), L(l.P95Ms), L(l.P99Ms), L(l.P999Ms), L(l.MaxMs),
            Int(sent), Int(received),
        ];
    }
}
