namespace Exchange.LoadTesting;

/// <summary>What one scenario did.</summary>
/// <param name="Name">Scenario name.</param>
/// <param name="LoadProfile">The load phases, described (see <see cref="Simulation.Describe"/>).</param>
/// <param name="OpenModel">Whether any phase was open-model, i.e. latencies run from scheduled starts.</param>
/// <param name="WarmUp">Unmeasured start of the timeline.</param>
/// <param name="Duration">Measured part of the timeline (RPS is per second of it).</param>
/// <param name="Elapsed">Wall-clock time from the first call to the last call finishing, warm-up and drain included.</param>
/// <param name="SnapshotInterval">Length of the time-series intervals.</param>
/// <param name="Stats">Statistics of the scenario's calls (each a pass through its steps).</param>
/// <param name="Steps">Statistics per step, in declaration order.</param>
/// <param name="TimeSeries">Per-interval RPS, p50, p99 and errors, for charts.</param>
/// <param name="StartLag">
/// Open model only: how late the harness started calls after their scheduled time. Latencies
/// already include this lag; a large value means the load generator, not the server, was the bottleneck.
/// </param>
/// <param name="Thresholds">Outcome of each threshold.</param>
/// <param name="EndedEarly">Why the scenario stopped before its timeline ended (e.g. an exhausted feed), or null.</param>
/// <param name="Error">Why the scenario failed to run (init or clean hook threw), or null.</param>
public sealed record ScenarioResult(
    string Name,
    IReadOnlyList<string> LoadProfile,
    bool OpenModel,
    TimeSpan WarmUp,
    TimeSpan Duration,
    TimeSpan Elapsed,
    TimeSpan SnapshotInterval,
    CallStats Stats,
    IReadOnlyList<CallStats> Steps,
    IReadOnlyList<IntervalSnapshot> TimeSeries,
    LatencySummary StartLag,
    IReadOnlyList<ThresholdResult> Thresholds,
    string? EndedEarly,
    string? Error)
{
    /// <summary>True when the scenario ran without error and every threshold held.</summary>
    public bool Passed => Error is null && Thresholds.All(t => t.Passed);
}

/// <summary>What a run did, and the process exit code it implies.</summary>
/// <param name="TestName">Title used in the reports.</param>
/// <param name="StartedAt">Wall-clock start.</param>
/// <param name="Elapsed">Wall-clock length of the whole run.</param>
/// <param name="Scenarios">Each scenario's result.</param>
/// <param name="Cancelled">Whether the run was cancelled before it finished.</param>
public sealed record RunResult(
    string TestName,
    DateTimeOffset StartedAt,
    TimeSpan Elapsed,
    IReadOnlyList<ScenarioResult> Scenarios,
    bool Cancelled)
{
    /// <summary>Files written by the reports.</summary>
    public IReadOnlyList<string> ReportFiles { get; init; } = [];

    /// <summary>Every threshold outcome of every scenario.</summary>
    public IReadOnlyList<ThresholdResult> Thresholds => Scenarios.SelectMany(s => s.Thresholds).ToList();

    /// <summary>0 when everything passed; 1 when a threshold failed; 2 when a scenario could not run or the run was cancelled.</summary>
    public int ExitCode =>
        Cancelled || Scenarios.Any(s => s.Error is not null) ? 2
        : Thresholds.Any(t => !t.Passed) ? 1
        : 0;
}
