using System.Globalization;
using Exchange.LoadTests.Generators;
using Exchange.LoadTests.Hub;

namespace Exchange.LoadTests.Scenarios;

/// <summary>What the scenarios of one run share: the hub connection, the generator, settings and where to report.</summary>
/// <param name="Settings">How to drive the load.</param>
/// <param name="Hub">The gateway connection, or null when only the echo baseline runs.</param>
/// <param name="EchoEndpoint">The echo server, for the echo scenario.</param>
/// <param name="Database">Npgsql connection string of the hub's database, for the seed replay's verification; null skips it.</param>
/// <param name="Output">Where progress and notes go.</param>
public sealed record LoadContext(ScenarioSettings Settings, HubConnection? Hub, Uri? EchoEndpoint, string? Database, TextWriter Output)
{
    /// <summary>Builds the valid submissions.</summary>
    public ApplicationGenerator Generator { get; } = new(Settings.Attachments);

    /// <summary>Case ids unique to this run, so runs against the same database never collide on the idempotency key.</summary>
    public CaseIds CaseIds { get; } = new();

    /// <summary>The hub connection; fails with a clear message when the run has none.</summary>
    public HubConnection RequireHub() =>
        Hub ?? throw new InvalidOperationException("this scenario needs --endpoint and --keys");
}

/// <summary>
/// Platform case ids unique across runs: a run tag (UTC start time and random bits) and a counter.
/// Only letters, digits and '-' (the contract also allows ". _ : /"; '_' would be a LIKE wildcard
/// in the seed replay's verification query).
/// </summary>
public sealed class CaseIds
{
    private long _next;

    /// <summary>Creates a source with a fresh run tag.</summary>
    public CaseIds() =>
        RunTag = "lt" + DateTime.UtcNow.ToString("yyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3));

    /// <summary>Identifies this run in every case id, e.g. "lt261128234500-a1b2c3".</summary>
    public string RunTag { get; }

    /// <summary>The prefix of every case id of <paramref name="kind"/> in this run.</summary>
    /// <param name="kind">A short tag of letters and digits, e.g. "seed".</param>
    /// <returns>The prefix, ending with '-'.</returns>
    public string Prefix(string kind) => $"{RunTag}-{kind}-";

    /// <summary>A new case id, e.g. "lt261128234500-a1b2c3-su-42" (at most 64 characters).</summary>
    /// <param name="kind">A short tag of letters and digits.</param>
    /// <returns>The id.</returns>
    public string Next(string kind) => Prefix(kind) + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
}
