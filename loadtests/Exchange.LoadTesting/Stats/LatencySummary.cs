namespace Exchange.LoadTesting;

/// <summary>
/// Latency distribution of a set of calls, in milliseconds. Percentiles come from an HdrHistogram
/// recorded at microsecond resolution with 3 significant digits (relative error at most 0.1%);
/// min, mean and max are exact.
/// </summary>
/// <param name="Samples">Number of calls with a measured latency (dropped calls have none).</param>
/// <param name="MinMs">Smallest latency.</param>
/// <param name="MeanMs">Arithmetic mean.</param>
/// <param name="MaxMs">Largest latency.</param>
/// <param name="P50Ms">Median.</param>
/// <param name="P75Ms">75th percentile.</param>
/// <param name="P90Ms">90th percentile.</param>
/// <param name="P95Ms">95th percentile.</param>
/// <param name="P99Ms">99th percentile.</param>
/// <param name="P999Ms">99.9th percentile.</param>
public sealed record LatencySummary(
    long Samples,
    double MinMs,
    double MeanMs,
    double MaxMs,
    double P50Ms,
    double P75Ms,
    double P90Ms,
    double P95Ms,
    double P99Ms,
    double P999Ms)
{
    /// <summary>A summary of no samples; every value is zero.</summary>
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
