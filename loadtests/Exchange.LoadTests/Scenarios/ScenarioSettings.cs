using Exchange.LoadTesting;
using Exchange.LoadTests.Generators;

namespace Exchange.LoadTests.Scenarios;

/// <summary>How the scenarios of a run are driven; the defaults are those of the <c>run</c> command.</summary>
public sealed record ScenarioSettings
{
    /// <summary>Virtual users of the closed model (calls in flight).</summary>
    public int Concurrency { get; init; } = 64;

    /// <summary>Measured part of each scenario's timeline.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Unmeasured start of each scenario's timeline (connections, JIT, grain activation, caches).</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Per-call deadline; a call that runs longer is TIMEOUT (and the server sees the deadline too).</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Harness thresholds applied to every scenario, e.g. "p99 &lt; 50ms".</summary>
    public IReadOnlyList<string> Thresholds { get; init; } = [];

    /// <summary>gRPC channels (HTTP/2 connections) the calls are spread over.</summary>
    public int Channels { get; init; } = 4;

    /// <summary>Applications submitted (untimed) before get-hot reads them.</summary>
    public int HotSetSize { get; init; } = 2_000;

    /// <summary>Applications per platform submitted (untimed) before platform-day, so gets and withdrawals have targets from the first call.</summary>
    public int PlatformDayPreload { get; init; } = 10;

    /// <summary>platform-day injects this fraction of the capacity its mix showed in a closed, untimed calibration.</summary>
    public double PlatformDayLoad { get; init; } = 0.8;

    /// <summary>Applications in the seed replay: 36,049 is DOMAIN.md's seed; smaller values scale both types proportionally.</summary>
    public int SeedSize { get; init; } = SeedReplayScenario.FullSeedSize;

    /// <summary>Upper bound of the seed replay's submission phase; it normally ends when every application was sent once.</summary>
    public TimeSpan SeedMaxDuration { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Judicial confirmations the seed replay's batch-confirm phase rules per BatchRule call (per court; the contract allows 1 to 1,000).</summary>
    public int SeedBatchSize { get; init; } = SeedReplayScenario.DefaultBatchSize;

    /// <summary>Whether the seed replay runs the court's phases (accept, start review, batch confirm) and their check after submitting.</summary>
    public bool SeedCourtPhases { get; init; } = true;

    /// <summary>File the seed replay writes its acknowledged applications to (for a later run's <see cref="SeedFrom"/>); null writes none.</summary>
    public string? SeedSave { get; init; }

    /// <summary>Files of earlier seed replays (<see cref="SeedSave"/>) whose applications the court phases act on as well.</summary>
    public IReadOnlyList<string> SeedFrom { get; init; } = [];

    /// <summary>Applications court-day rules per BatchRule call (the contract allows 1 to 1,000).</summary>
    public int CourtDayBatchSize { get; init; } = CourtDayScenario.DefaultBatchSize;

    /// <summary>court-day injects this fraction of the capacity its clerks showed in a closed, untimed calibration.</summary>
    public double CourtDayLoad { get; init; } = 0.8;

    /// <summary>Deadline of a BatchRule call (court-day and the seed replay), which acts on up to 1,000 applications.</summary>
    public TimeSpan BatchCallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether generated attachments carry inline content (default metadata only: measure the hub, not blob storage).</summary>
    public AttachmentMode Attachments { get; init; } = AttachmentMode.Metadata;

    /// <summary>Payload of the echo baseline; about the size of a generated submission.</summary>
    public int EchoPayloadBytes { get; init; } = 3_072;

    /// <summary>Length of the time-series intervals in the reports.</summary>
    public TimeSpan SnapshotInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The harness timeline of a closed-model scenario: warm-up then the measured duration, <see cref="Concurrency"/> users throughout.</summary>
    internal LoadSimulation ClosedModel(int concurrency) =>
        Simulation.KeepConstant(concurrency, WarmUp + Duration);
}
