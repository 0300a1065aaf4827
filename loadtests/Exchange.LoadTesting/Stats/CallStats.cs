namespace Exchange.LoadTesting;

/// <summary>
/// Statistics of the calls of a scenario (each call is one pass through its steps) or of one step.
/// </summary>
/// <param name="Name">The scenario or step name.</param>
/// <param name="Count">Every recorded call, <see cref="StepStatus.Dropped"/> ones included.</param>
/// <param name="OkCount">Calls with status <c>OK</c>.</param>
/// <param name="FailCount">Calls with any other status, dropped ones included.</param>
/// <param name="DroppedCount">Open-model calls that were due but not started because too many were outstanding.</param>
/// <param name="Rps">Executed (not dropped) calls per second of measured time.</param>
/// <param name="FailPercent">Failed calls as a percentage of <paramref name="Count"/>; zero when there were none.</param>
/// <param name="Latency">Latency over every executed call, failed ones included, so a timed-out call counts at its
/// full duration instead of vanishing from the percentiles.</param>
/// <param name="BytesSent">Bytes the steps reported sending.</param>
/// <param name="BytesReceived">Bytes the steps reported receiving.</param>
/// <param name="ByStatus">The same figures for each status, most frequent first.</param>
public sealed record CallStats(
    string Name,
    long Count,
    long OkCount,
    long FailCount,
    long DroppedCount,
    double Rps,
    double FailPercent,
    LatencySummary Latency,
    long BytesSent,
    long BytesReceived,
    IReadOnlyList<StatusStats> ByStatus);

/// <summary>Statistics of the calls that ended with one status.</summary>
/// <param name="Status">The status, e.g. <c>OK</c>, <c>UNAVAILABLE</c>, <c>TIMEOUT</c>.</param>
/// <param name="Count">Calls with that status.</param>
/// <param name="Rps">Those calls per second of measured time.</param>
/// <param name="Latency">Their latency (empty for <c>DROPPED</c>, which never ran).</param>
/// <param name="BytesSent">Bytes sent by those calls.</param>
/// <param name="BytesReceived">Bytes received by those calls.</param>
public sealed record StatusStats(
    string Status,
    long Count,
    double Rps,
    LatencySummary Latency,
    long BytesSent,
    long BytesReceived);

/// <summary>
/// One interval of the time series kept for charts: the scenario's calls that completed in
/// [<paramref name="Start"/>, <paramref name="Start"/> + <paramref name="Duration"/>), measured from the end of warm-up.
/// </summary>
/// <param name="Start">Interval start, from the end of warm-up.</param>
/// <param name="Duration">Interval length (the last one may be shorter).</param>
/// <param name="Count">Calls completed in the interval, dropped ones included.</param>
/// <param name="Rps">Executed calls per second in the interval.</param>
/// <param name="P50Ms">Median latency of the calls completed in the interval.</param>
/// <param name="P99Ms">99th percentile latency of the calls completed in the interval.</param>
/// <param name="Errors">Failed (non-OK) calls in the interval, dropped ones included.</param>
/// <param name="MaxMs">The longest latency of a call completed in the interval (what a stall shows as).</param>
public sealed record IntervalSnapshot(
    TimeSpan Start,
    TimeSpan Duration,
    long Count,
    double Rps,
    double P50Ms,
    double P99Ms,
    long Errors,
    double MaxMs);
