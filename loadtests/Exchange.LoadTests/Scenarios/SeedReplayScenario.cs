using System.Collections.Concurrent;
using System.Globalization;
using Exchange.LoadTesting;
using Exchange.LoadTests.Generators;
using Npgsql;

namespace Exchange.LoadTests.Scenarios;

/// <summary>
/// The seed of DOMAIN.md replayed: 36,049 applications (19,989 judicial confirmations, 16,060
/// mediation documents; a smaller size scales both) submitted as fast as the concurrency allows,
/// each exactly once (a unique feed, no retries), then checked against PostgreSQL: the rows this run
/// created must be exactly the acknowledged ones — none lost. The court's phases (accept, batch
/// confirm) need the court service, which the contract does not have yet: they are recorded as not
/// available, never faked.
/// </summary>
public sealed class SeedReplayScenario(LoadContext context) : LoadScenario(context)
{
    /// <summary>Applications in DOMAIN.md's seed.</summary>
    public const int FullSeedSize = 36_049;

    /// <summary>Judicial confirmations in the seed; the rest are mediation documents.</summary>
    public const int FullSeedJudicialConfirmations = 19_989;

    /// <summary>What the court-side phases say until the contract has a court service.</summary>
    public const string CourtServiceMissing = "not available (court service not yet in the contract)";

    private const string FeedName = "seed";

    private readonly ConcurrentQueue<Guid> _acknowledged = new();

    /// <inheritdoc/>
    public override string Name => "seed-replay";

    /// <summary>How many of each type a seed of <paramref name="size"/> holds (the full seed's proportions).</summary>
    /// <param name="size">Applications in all.</param>
    /// <returns>Judicial confirmations and mediation documents.</returns>
    public static (int JudicialConfirmations, int MediationDocuments) Split(int size)
    {
        var jc = (int)Math.Round((double)size * FullSeedJudicialConfirmations / FullSeedSize, MidpointRounding.AwayFromZero);
        return (jc, size - jc);
    }

    /// <inheritdoc/>
    public override IReadOnlyList<Scenario> Build()
    {
        var hub = Context.RequireHub();
        var settings = Context.Settings;
        var feed = DataFeed.Unique(FeedName, Seed(Math.Max(1, settings.SeedSize), hub.PlatformCount));
        var scenario = Scenario.Create(Name, Step.Create("submit", async ctx =>
            {
                var item = ctx.Feed<SeedItem>(FeedName).Next();
                var request = Context.Generator.Create(item.MediationDocument, item.Court, item.CaseId, ctx.Random, DateTimeOffset.UtcNow);
                var receipt = await hub.For(item.Platform).SubmitAsync(request, ctx.Deadline, ctx.CancellationToken);
                _acknowledged.Enqueue(Guid.Parse(receipt.ApplicationId));
                return StepResult.Ok(request.CalculateSize(), receipt.CalculateSize());
            }))
            .WithFeed(feed)

            // No warm-up: every application of the seed counts. The phase ends when the feed is
            // exhausted; the duration is only an upper bound.
            .WithLoadSimulations(Simulation.KeepConstant(settings.Concurrency, settings.SeedMaxDuration))
            .WithCallTimeout(settings.CallTimeout);
        return [settings.Thresholds.Count > 0 ? scenario.WithThresholds([.. settings.Thresholds]) : scenario];
    }

    /// <inheritdoc/>
    public override async Task<ScenarioOutcome> SummarizeAsync(RunResult run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var result = run.Scenarios.Single();
        var stats = result.Stats;
        var output = Context.Output;
        var size = Math.Max(1, Context.Settings.SeedSize);

        // The calls that found the feed empty only mark the end of the phase (at most one per
        // virtual user); they are not submissions and not errors of the hub.
        var endMarkers = stats.ByStatus.Where(s => s.Status == StepStatus.FeedExhausted).Sum(s => s.Count);
        var sent = stats.Count - endMarkers;
        var acknowledged = _acknowledged.Count;
        var seconds = result.Elapsed.TotalSeconds;
        var rate = seconds > 0 ? acknowledged / seconds : 0;
        var errors = ScenarioSummary.ByStatus(stats, StepStatus.FeedExhausted);
        var incomplete = sent < size ? $"only {sent} of {size} applications were sent before --seed-max-duration ran out" : null;

        var submit = new PhaseSummary(
            "submit",
            Available: true,
            Note: incomplete,
            Applications: size,
            Acknowledged: acknowledged,
            DurationS: ScenarioSummary.Round(seconds),
            RatePerS: ScenarioSummary.Round(rate, 1),
            P50Ms: ScenarioSummary.Round(stats.Latency.P50Ms),
            P99Ms: ScenarioSummary.Round(stats.Latency.P99Ms),
            MaxMs: ScenarioSummary.Round(stats.Latency.MaxMs),
            Errors: errors.Values.Sum(),
            ErrorsByStatus: errors);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"seed-replay submit: {acknowledged} of {size} acknowledged in {seconds:0.0} s ({rate:0.0}/s), {submit.Errors} errors"));

        var verify = await VerifyAsync(acknowledged, cancellationToken);
        await output.WriteLineAsync("seed-replay verify: " + (verify.Note ?? string.Create(CultureInfo.InvariantCulture,
            $"{verify.StoredInRun} stored in this run, {verify.AcknowledgedFound} of {acknowledged} acknowledged found, {verify.Lost} lost: {(verify.Passed == true ? "PASSED" : "FAILED")}")));

        var accept = new PhaseSummary("accept", Available: false, Note: CourtServiceMissing);
        var confirm = new PhaseSummary("batch-confirm", Available: false, Note: CourtServiceMissing);
        await output.WriteLineAsync("accept: " + CourtServiceMissing);
        await output.WriteLineAsync("batch-confirm: " + CourtServiceMissing);

        var entry = ScenarioSummary.From(result, Context.Settings.Concurrency) with
        {
            MeasuredS = ScenarioSummary.Round(seconds),
            Calls = sent,
            Rps = ScenarioSummary.Round(rate),
            Errors = submit.Errors,
            FailPercent = ScenarioSummary.Round(sent > 0 ? 100.0 * submit.Errors!.Value / sent : 0, 4),
            ErrorsByStatus = errors,
            Note = $"closed model without warm-up until each application was sent once; rps is acknowledged per second of the whole phase; {endMarkers} FEED_EXHAUSTED call(s) only mark the end of the feed and are left out here (the harness reports count them)",
            Phases = [submit, verify, accept, confirm],
        };
        return new ScenarioOutcome([entry], ChecksPassed: verify.Passed != false);
    }

    private async Task<PhaseSummary> VerifyAsync(long acknowledged, CancellationToken cancellationToken)
    {
        if (Context.Database is null)
        {
            return new PhaseSummary("verify", Available: true, Note: "skipped: --db not given, nothing was checked");
        }

        var ids = _acknowledged.ToArray();
        await using var connection = new NpgsqlConnection(Context.Database);
        await connection.OpenAsync(cancellationToken);

        long stored;
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM exchange_applications WHERE platform_case_id LIKE $1", connection))
        {
            count.Parameters.Add(new NpgsqlParameter { Value = Context.CaseIds.Prefix(FeedName) + "%" });
            stored = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        long found;
        await using (var match = new NpgsqlCommand("SELECT count(*) FROM exchange_applications WHERE application_id = ANY($1)", connection))
        {
            match.Parameters.Add(new NpgsqlParameter { Value = ids });
            found = (long)(await match.ExecuteScalarAsync(cancellationToken))!;
        }

        var lost = acknowledged - found;
        return new PhaseSummary(
            "verify",
            Available: true,
            Note: stored > found ? "stored_unacknowledged counts applications stored after their call had already failed on the client side (e.g. a timeout); they are not lost, but the counts differ" : null,
            Acknowledged: acknowledged,
            StoredInRun: stored,
            AcknowledgedFound: found,
            Lost: lost,
            StoredUnacknowledged: stored - found,
            Passed: lost == 0 && stored == acknowledged);
    }

    private SeedItem[] Seed(int size, int platforms)
    {
        var (jc, _) = Split(size);

        // Types interleaved at random (reproducibly), platforms and courts spread evenly over them.
        var random = new Random(FullSeedSize);
        var types = Enumerable.Range(0, size).Select(i => i >= jc).ToArray();
        random.Shuffle(types);
        return types
            .Select((mediationDocument, i) => new SeedItem(
                mediationDocument,
                i % platforms,
                ChineseText.Pick(random, SampleCourts.Accepting(mediationDocument)),
                Context.CaseIds.Prefix(FeedName) + i.ToString(CultureInfo.InvariantCulture)))
            .ToArray();
    }

    /// <summary>One application of the seed: its type, platform, court and case id, decided before the clock starts.</summary>
    private sealed record SeedItem(bool MediationDocument, int Platform, SampleCourt Court, string CaseId);
}
