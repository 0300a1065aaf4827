using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Exchange.LoadTesting;

namespace Exchange.LoadTests.Scenarios;

/// <summary>The run's summary.json: one entry per scenario (per operation for platform-day), for scripts and BENCHMARKS.md.</summary>
/// <param name="StartedAt">When the run started.</param>
/// <param name="RunTag">The tag in every case id this run submitted.</param>
/// <param name="Endpoint">The gateway.</param>
/// <param name="EchoEndpoint">The echo server, if any.</param>
/// <param name="Settings">How the load was driven.</param>
/// <param name="Scenarios">What each scenario did.</param>
/// <param name="ExitCode">0 passed; 1 a threshold or a verification failed; 2 a scenario could not run or the run was cancelled.</param>
public sealed record RunSummary(
    DateTimeOffset StartedAt,
    string RunTag,
    string? Endpoint,
    string? EchoEndpoint,
    SettingsSummary Settings,
    IReadOnlyList<ScenarioSummary> Scenarios,
    int ExitCode)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The summary as JSON.</summary>
    /// <returns>Indented JSON with snake_case names.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>The settings of a run, as summary.json records them.</summary>
public sealed record SettingsSummary(
    double DurationS,
    double WarmupS,
    int Concurrency,
    int Channels,
    double CallTimeoutS,
    string Attachments,
    int HotSetSize,
    double PlatformDayLoad,
    int SeedSize,
    IReadOnlyList<string> Thresholds,
    int SeedBatchSize,
    bool SeedCourtPhases,
    int CourtDayBatchSize,
    double CourtDayLoad,
    double BatchCallTimeoutS)
{
    /// <summary>From the run's settings.</summary>
    public static SettingsSummary From(ScenarioSettings s) => new(
        s.Duration.TotalSeconds, s.WarmUp.TotalSeconds, s.Concurrency, s.Channels, s.CallTimeout.TotalSeconds,
        s.Attachments.ToString().ToLowerInvariant(), s.HotSetSize, s.PlatformDayLoad, s.SeedSize, s.Thresholds,
        s.SeedBatchSize, s.SeedCourtPhases, s.CourtDayBatchSize, s.CourtDayLoad, s.BatchCallTimeout.TotalSeconds);
}

/// <summary>One scenario's figures.</summary>
/// <param name="Name">Scenario name (platform-day's operations are "platform-day.submit" and so on).</param>
/// <param name="Available">False for scenarios that cannot run yet (see <paramref name="Note"/>).</param>
/// <param name="Note">Why it did not run, or what to know about its figures.</param>
/// <param name="Group">The scenario asked for, when this entry is one part of it (platform-day).</param>
/// <param name="Concurrency">Virtual users (closed model); platform-day: the calls in flight of its calibration.</param>
/// <param name="MeasuredS">Seconds of the measured window (seed-replay: of the whole submission phase).</param>
/// <param name="Calls">Measured calls.</param>
/// <param name="Ok">Calls that succeeded.</param>
/// <param name="Rps">OK calls per second of the measured window.</param>
/// <param name="P50Ms">Median latency, every executed call.</param>
/// <param name="P99Ms">99th percentile latency.</param>
/// <param name="MaxMs">Largest latency.</param>
/// <param name="Errors">Failed calls.</param>
/// <param name="FailPercent">Failed calls, percent of measured calls.</param>
/// <param name="ErrorsByStatus">Failed calls by status (gRPC code name, TIMEOUT, ...).</param>
/// <param name="RequestBytesAvg">Mean request size (protobuf bytes) per measured call.</param>
/// <param name="ResponseBytesAvg">Mean response size per measured call.</param>
/// <param name="MixPercent">platform-day: this operation's share of all the day's calls.</param>
/// <param name="TargetRps">platform-day: the rate this operation was injected at.</param>
/// <param name="CapacityRps">platform-day: calls per second the whole mix sustained, closed, in the calibration.</param>
/// <param name="ThresholdsPassed">Whether every threshold held; null when there were none.</param>
/// <param name="EndedEarly">Why the harness stopped the scenario before its timeline ended.</param>
/// <param name="Error">Why the scenario could not run (e.g. its preparation failed).</param>
/// <param name="Phases">seed-replay: each phase's figures, including those not run.</param>
/// <param name="BatchSize">court-day's batch rulings: applications per BatchRule call.</param>
/// <param name="Items">court-day's batch rulings: applications ruled by the measured OK batches.</param>
/// <param name="ItemsPerS">court-day's batch rulings: applications ruled per second of the measured window.</param>
/// <param name="BatchItemsPerS">court-day's batch rulings: one batch's own pace, batch size / mean latency.</param>
/// <param name="Checks">What the scenario checked in PostgreSQL afterwards (court-day), if it did.</param>
public sealed record ScenarioSummary(
    string Name,
    bool Available,
    string? Note = null,
    string? Group = null,
    int? Concurrency = null,
    double? MeasuredS = null,
    long? Calls = null,
    long? Ok = null,
    double? Rps = null,
    double? P50Ms = null,
    double? P99Ms = null,
    double? MaxMs = null,
    long? Errors = null,
    double? FailPercent = null,
    IReadOnlyDictionary<string, long>? ErrorsByStatus = null,
    long? RequestBytesAvg = null,
    long? ResponseBytesAvg = null,
    double? MixPercent = null,
    double? TargetRps = null,
    double? CapacityRps = null,
    bool? ThresholdsPassed = null,
    string? EndedEarly = null,
    string? Error = null,
    IReadOnlyList<PhaseSummary>? Phases = null,
    int? BatchSize = null,
    long? Items = null,
    double? ItemsPerS = null,
    double? BatchItemsPerS = null,
    PhaseSummary? Checks = null)
{
    /// <summary>The figures of one harness scenario over its measured window.</summary>
    /// <param name="result">The harness's result.</param>
    /// <param name="concurrency">Its virtual users.</param>
    /// <param name="group">The scenario asked for, when <paramref name="result"/> is one part of it.</param>
    /// <returns>The entry.</returns>
    public static ScenarioSummary From(ScenarioResult result, int concurrency, string? group = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return From(result.Name, result, result.Stats, concurrency, group);
    }

    /// <summary>The figures of one step (or the whole scenario) of a harness scenario over its measured window.</summary>
    /// <param name="name">The entry's name.</param>
    /// <param name="result">The harness's result.</param>
    /// <param name="stats">The statistics to report: <paramref name="result"/>'s own or one of its steps'.</param>
    /// <param name="concurrency">Its virtual users (or the concurrency it was calibrated at).</param>
    /// <param name="group">The scenario asked for, when the entry is one part of it.</param>
    /// <returns>The entry.</returns>
    public static ScenarioSummary From(string name, ScenarioResult result, CallStats stats, int concurrency, string? group = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stats);
        var seconds = result.Duration.TotalSeconds;
        return new ScenarioSummary(
            name,
            Available: true,
            Group: group,
            Concurrency: concurrency,
            MeasuredS: Round(seconds),
            Calls: stats.Count,
            Ok: stats.OkCount,
            Rps: Round(seconds > 0 ? stats.OkCount / seconds : 0),
            P50Ms: Round(stats.Latency.P50Ms),
            P99Ms: Round(stats.Latency.P99Ms),
            MaxMs: Round(stats.Latency.MaxMs),
            Errors: stats.FailCount,
            FailPercent: Round(stats.FailPercent, 4),
            ErrorsByStatus: ByStatus(stats),
            RequestBytesAvg: stats.Count > 0 ? stats.BytesSent / stats.Count : 0,
            ResponseBytesAvg: stats.Count > 0 ? stats.BytesReceived / stats.Count : 0,
            ThresholdsPassed: result.Thresholds.Count == 0 ? null : result.Thresholds.All(t => t.Passed),
            EndedEarly: result.EndedEarly,
            Error: result.Error);
    }

    /// <summary>Failed calls by status, most frequent first.</summary>
    internal static IReadOnlyDictionary<string, long> ByStatus(CallStats stats, params string[] except) =>
        stats.ByStatus
            .Where(s => s.Status != StepStatus.Ok && !except.Contains(s.Status))
            .ToDictionary(s => s.Status, s => s.Count);

    internal static double Round(double value, int digits = 3) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}

/// <summary>One phase of a multi-phase scenario (seed-replay), or a check a scenario made afterwards.</summary>
/// <param name="Name">"submit", "verify", "accept", "start-review", "batch-confirm", "verify-court"; a part of a phase: "batch-confirm.jc", "batch-confirm.md".</param>
/// <param name="Available">False when the phase did not run (see <paramref name="Note"/>).</param>
/// <param name="Note">Why not, or what the figures mean.</param>
/// <param name="Applications">Applications the phase was to handle.</param>
/// <param name="Acknowledged">Applications the hub acknowledged (OK receipts).</param>
/// <param name="DurationS">Wall-clock length of the phase.</param>
/// <param name="RatePerS">Acknowledged applications per second of the phase.</param>
/// <param name="P50Ms">Median call latency.</param>
/// <param name="P99Ms">99th percentile call latency.</param>
/// <param name="MaxMs">Largest call latency.</param>
/// <param name="Errors">Failed calls.</param>
/// <param name="ErrorsByStatus">Failed calls by status.</param>
/// <param name="StoredInRun">verify: rows in exchange_applications with this run's seed case ids.</param>
/// <param name="AcknowledgedFound">verify: acknowledged application ids found in exchange_applications.</param>
/// <param name="Lost">verify: acknowledged but not stored — must be zero.</param>
/// <param name="StoredUnacknowledged">verify: stored but never acknowledged (e.g. the client timed out first); not a loss.</param>
/// <param name="Passed">verify: stored count equals acknowledged count and nothing acknowledged is missing; verify-court: every check held.</param>
/// <param name="Calls">Calls made (batch-confirm.jc: BatchRule calls).</param>
/// <param name="BatchSize">batch-confirm.jc: the most applications per BatchRule call.</param>
/// <param name="Parts">A phase of two kinds of calls run together (batch-confirm): each kind's own figures.</param>
/// <param name="ByStatus">verify-court: the checked applications by type and status, e.g. "JUDICIAL_CONFIRMATION CONFIRMED".</param>
/// <param name="CaseNumberGroups">verify-court: sequences checked (court, year, type code), over the whole read model.</param>
/// <param name="CaseNumberGaps">verify-court: numbers missing inside those sequences (each starts at 1).</param>
/// <param name="CaseNumberDuplicates">verify-court: numbers given twice.</param>
/// <param name="WithoutCaseNumber">verify-court: checked applications past acceptance that have no case number.</param>
public sealed record PhaseSummary(
    string Name,
    bool Available,
    string? Note = null,
    long? Applications = null,
    long? Acknowledged = null,
    double? DurationS = null,
    double? RatePerS = null,
    double? P50Ms = null,
    double? P99Ms = null,
    double? MaxMs = null,
    long? Errors = null,
    IReadOnlyDictionary<string, long>? ErrorsByStatus = null,
    long? StoredInRun = null,
    long? AcknowledgedFound = null,
    long? Lost = null,
    long? StoredUnacknowledged = null,
    bool? Passed = null,
    long? Calls = null,
    int? BatchSize = null,
    IReadOnlyList<PhaseSummary>? Parts = null,
    IReadOnlyDictionary<string, long>? ByStatus = null,
    long? CaseNumberGroups = null,
    long? CaseNumberGaps = null,
    long? CaseNumberDuplicates = null,
    long? WithoutCaseNumber = null);
