using System.Globalization;
using System.Text.RegularExpressions;

namespace Exchange.LoadTesting;

/// <summary>The statistic a threshold constrains.</summary>
public enum ThresholdMetric
{
    /// <summary>Median latency.</summary>
    P50,

    /// <summary>75th percentile latency.</summary>
    P75,

    /// <summary>90th percentile latency.</summary>
    P90,

    /// <summary>95th percentile latency.</summary>
    P95,

    /// <summary>99th percentile latency.</summary>
    P99,

    /// <summary>99.9th percentile latency.</summary>
    P999,

    /// <summary>Smallest latency.</summary>
    Min,

    /// <summary>Mean latency.</summary>
    Mean,

    /// <summary>Largest latency.</summary>
    Max,

    /// <summary>Executed calls per second.</summary>
    Rps,

    /// <summary>Failed calls as a percentage of all calls.</summary>
    FailPercent,

    /// <summary>Number of calls.</summary>
    Count,
}

/// <summary>Comparison of a threshold.</summary>
public enum ThresholdOperator
{
    /// <summary><c>&lt;</c></summary>
    LessThan,

    /// <summary><c>&lt;=</c></summary>
    LessThanOrEqual,

    /// <summary><c>&gt;</c></summary>
    GreaterThan,

    /// <summary><c>&gt;=</c></summary>
    GreaterThanOrEqual,
}

/// <summary>
/// A pass/fail rule on a scenario's (or one step's) statistics, parsed from text such as
/// <c>"p99 &lt; 250ms"</c>, <c>"fail% &lt; 0.1"</c>, <c>"rps &gt;= 1000"</c>, <c>"mean &lt; 5ms"</c>.
/// Metrics: p50 p75 p90 p95 p99 p99.9 min mean max (latency; units us, ms or s, ms when omitted),
/// rps, fail% (a percentage, optional % sign), count. Latency rules apply to every executed call,
/// failed ones included (see <see cref="CallStats.Latency"/>); a latency or fail% rule over no calls fails,
/// since nothing was shown to meet it.
/// </summary>
public sealed partial record Threshold
{
    private Threshold(string expression, string? step, ThresholdMetric metric, ThresholdOperator op, double limit)
    {
        Expression = expression;
        Step = step;
        Metric = metric;
        Operator = op;
        Limit = limit;
    }

    /// <summary>The text the threshold was parsed from, trimmed.</summary>
    public string Expression { get; }

    /// <summary>The step it applies to, or null for the whole scenario.</summary>
    public string? Step { get; }

    /// <summary>The constrained statistic.</summary>
    public ThresholdMetric Metric { get; }

    /// <summary>The comparison.</summary>
    public ThresholdOperator Operator { get; }

    /// <summary>The limit in the metric's canonical unit: milliseconds, calls per second, percent, or a count.</summary>
    public double Limit { get; }

    /// <summary>Whether the metric is a latency (measured in milliseconds).</summary>
    public bool IsLatency => Metric is >= ThresholdMetric.P50 and <= ThresholdMetric.Max;

    /// <summary>Parses a threshold expression.</summary>
    /// <param name="expression">E.g. <c>"p99 &lt; 250ms"</c>.</param>
    /// <param name="step">Step to apply it to; null for the scenario.</param>
    /// <returns>The threshold.</returns>
    /// <exception cref="FormatException">The expression is not understood; the message says what is accepted.</exception>
    public static Threshold Parse(string expression, string? step = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var match = Grammar().Match(expression);
        if (!match.Success)
        {
            throw new FormatException(
                $"Threshold '{expression}' is not '<metric> <op> <number>[unit]'; metrics: p50 p75 p90 p95 p99 p99.9 min mean max rps fail% count; ops: < <= > >=.");
        }

        var metric = match.Groups["metric"].Value.ToLowerInvariant() switch
        {
            "p50" => ThresholdMetric.P50,
            "p75" => ThresholdMetric.P75,
            "p90" => ThresholdMetric.P90,
            "p95" => ThresholdMetric.P95,
            "p99" => ThresholdMetric.P99,
            "p99.9" or "p999" => ThresholdMetric.P999,
            "min" => ThresholdMetric.Min,
            "mean" or "avg" => ThresholdMetric.Mean,
            "max" => ThresholdMetric.Max,
            "rps" => ThresholdMetric.Rps,
            "fail%" => ThresholdMetric.FailPercent,
            "count" => ThresholdMetric.Count,
            var other => throw new FormatException(
                $"Threshold '{expression}': unknown metric '{other}' (percentiles available: p50 p75 p90 p95 p99 p99.9)."),
        };
        var op = match.Groups["op"].Value switch
        {
            "<" => ThresholdOperator.LessThan,
            "<=" => ThresholdOperator.LessThanOrEqual,
            ">" => ThresholdOperator.GreaterThan,
            _ => ThresholdOperator.GreaterThanOrEqual,
        };
        var number = double.Parse(match.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        var unit = match.Groups["unit"].Value.ToLowerInvariant();
        var isLatency = metric is >= ThresholdMetric.P50 and <= ThresholdMetric.Max;
        var limit = (isLatency, metric, unit) switch
        {
            (true, _, "" or "ms") => number,
            (true, _, "us" or "µs") => number / 1000,
            (true, _, "s") => number * 1000,
            (false, ThresholdMetric.FailPercent, "" or "%") => number,
            (false, ThresholdMetric.Rps, "" or "/s") => number,
            (false, ThresholdMetric.Count, "") => number,
            _ => throw new FormatException($"Threshold '{expression}': unit '{unit}' does not fit metric '{match.Groups["metric"].Value}'."),
        };
        return new Threshold(expression.Trim(), string.IsNullOrWhiteSpace(step) ? null : step, metric, op, limit);
    }

    /// <summary>Evaluates the threshold against statistics.</summary>
    /// <param name="scenario">Scenario name, carried into the result.</param>
    /// <param name="stats">The scenario's statistics, or the step's when <see cref="Step"/> is set.</param>
    /// <returns>The outcome.</returns>
    public ThresholdResult Evaluate(string scenario, CallStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var unit = IsLatency ? "ms" : Metric switch
        {
            ThresholdMetric.Rps => "/s",
            ThresholdMetric.FailPercent => "%",
            _ => string.Empty,
        };
        var noData = (IsLatency && stats.Latency.Samples == 0) || (Metric == ThresholdMetric.FailPercent && stats.Count == 0);
        if (noData)
        {
            return new ThresholdResult(scenario, Step, Expression, false, null, unit, "no calls were measured");
        }

        var l = stats.Latency;
        var actual = Metric switch
        {
            ThresholdMetric.P50 => l.P50Ms,
            ThresholdMetric.P75 => l.P75Ms,
            ThresholdMetric.P90 => l.P90Ms,
            ThresholdMetric.P95 => l.P95Ms,
            ThresholdMetric.P99 => l.P99Ms,
            ThresholdMetric.P999 => l.P999Ms,
            ThresholdMetric.Min => l.MinMs,
            ThresholdMetric.Mean => l.MeanMs,
            ThresholdMetric.Max => l.MaxMs,
            ThresholdMetric.Rps => stats.Rps,
            ThresholdMetric.FailPercent => stats.FailPercent,
            _ => stats.Count,
        };
        var passed = Operator switch
        {
            ThresholdOperator.LessThan => actual < Limit,
            ThresholdOperator.LessThanOrEqual => actual <= Limit,
            ThresholdOperator.GreaterThan => actual > Limit,
            _ => actual >= Limit,
        };
        var message = string.Create(CultureInfo.InvariantCulture, $"actual {actual:0.###}{unit}, limit {OperatorText} {Limit:0.###}{unit}");
        return new ThresholdResult(scenario, Step, Expression, passed, actual, unit, message);
    }

    private string OperatorText => Operator switch
    {
        ThresholdOperator.LessThan => "<",
        ThresholdOperator.LessThanOrEqual => "<=",
        ThresholdOperator.GreaterThan => ">",
        _ => ">=",
    };

    [GeneratedRegex(
        @"^\s*(?<metric>p\d+(?:\.\d+)?|min|mean|avg|max|rps|fail%|count)\s*(?<op><=|>=|<|>)\s*(?<number>\d+(?:\.\d+)?)\s*(?<unit>us|µs|ms|s|%|/s)?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}

/// <summary>The outcome of one threshold.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Step">The step, or null for scenario-wide.</param>
/// <param name="Expression">The threshold text.</param>
/// <param name="Passed">Whether it held.</param>
/// <param name="Actual">The measured value in <paramref name="Unit"/>, or null when there was nothing to measure.</param>
/// <param name="Unit">Unit of the value: ms, /s, % or empty for counts.</param>
/// <param name="Message">A one-line explanation for reports.</param>
public sealed record ThresholdResult(
    string Scenario,
    string? Step,
    string Expression,
    bool Passed,
    double? Actual,
    string Unit,
    string Message);
