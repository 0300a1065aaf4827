using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Exchange.LoadTesting;
using Exchange.LoadTests.Generators;
using Exchange.Storage.Checks;
using Exchange.V1;
using Npgsql;

namespace Exchange.LoadTests.Scenarios;

/// <summary>
/// The seed of DOMAIN.md replayed: 36,049 applications (19,989 judicial confirmations, 16,060
/// mediation documents; a smaller size scales both) submitted as fast as the concurrency allows,
/// each exactly once (a unique feed, no retries), then checked against PostgreSQL: the rows this run
/// created must be exactly the acknowledged ones — none lost. Then the courts answer every one of
/// them, phase after phase, each phase as fast as the concurrency allows:
/// <list type="bullet">
/// <item>accept: AcceptApplication (judicial confirmation) or RegisterCase (mediation document),
/// each numbering a case;</item>
/// <item>start-review: StartReview for all;</item>
/// <item>batch-confirm: BatchRule CONFIRM of the judicial confirmations, per court in batches of
/// 1,000 (one judge per court), while the mediation documents are issued one by one
/// (IssueMediationDocument);</item>
/// </list>
/// and afterwards PostgreSQL must show every judicial confirmation CONFIRMED, every mediation
/// document DOCUMENT_ISSUED, and every court's case numbers consecutive from 1 without gaps.
/// </summary>
/// <remarks>
/// The benchmark splits the submissions over two runs to read the silo's memory in between
/// (<c>--seed-court-phases false --seed-save FILE</c>) and acts on both halves in a third at the
/// end of the suite (<c>--seed-size 0 --seed-from FILE1,FILE2</c>), when every application has
/// idled out and is read back from PostgreSQL.
/// </remarks>
public sealed class SeedReplayScenario(LoadContext context) : LoadScenario(context)
{
    /// <summary>Applications in DOMAIN.md's seed.</summary>
    public const int FullSeedSize = 36_049;

    /// <summary>Judicial confirmations in the seed; the rest are mediation documents.</summary>
    public const int FullSeedJudicialConfirmations = 19_989;

    /// <summary>Judicial confirmations per BatchRule call: the contract's maximum.</summary>
    public const int DefaultBatchSize = 1_000;

    private const string FeedName = "seed";
    private const string AcceptName = "seed-replay.accept";
    private const string StartReviewName = "seed-replay.start-review";
    private const string BatchConfirmName = "seed-replay.batch-confirm";
    private const string IssueDocumentName = "seed-replay.issue-document";
    private const string Clerk = "负载测试 立案庭书记员";
    private const string Judge = "负载测试 审判员";

    private readonly ConcurrentQueue<SeedApplication> _acknowledged = new();
    private readonly ConcurrentQueue<SeedApplication> _accepted = new();
    private readonly ConcurrentQueue<SeedApplication> _reviewed = new();
    private readonly ConcurrentQueue<SeedApplication> _ruled = new();
    private readonly List<SeedApplication> _loaded = [];
    private long _requests;
    private long _batchItemsFailed;
    private int _batchCount;
    private int _jcToRule;
    private int _mdToIssue;
    private int _toAccept;
    private int _toReview;

    /// <inheritdoc/>
    public override string Name => "seed-replay";

    private int BatchSize => Math.Clamp(Context.Settings.SeedBatchSize, 1, 1_000);

    private string BatchStepName => "batch-rule-" + BatchSize.ToString(CultureInfo.InvariantCulture);

    /// <summary>How many of each type a seed of <paramref name="size"/> holds (the full seed's proportions).</summary>
    /// <param name="size">Applications in all.</param>
    /// <returns>Judicial confirmations and mediation documents.</returns>
    public static (int JudicialConfirmations, int MediationDocuments) Split(int size)
    {
        var jc = (int)Math.Round((double)size * FullSeedJudicialConfirmations / FullSeedSize, MidpointRounding.AwayFromZero);
        return (jc, size - jc);
    }

    /// <inheritdoc/>
    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var hub = Context.RequireHub();
        var settings = Context.Settings;
        foreach (var path in settings.SeedFrom)
        {
            _loaded.AddRange(await LoadAsync(path, cancellationToken));
        }

        if (settings.SeedSize == 0 && _loaded.Count == 0)
        {
            throw new InvalidOperationException("nothing to replay: --seed-size is 0 and --seed-from named no application");
        }

        if (settings.SeedSize == 0 && !settings.SeedCourtPhases)
        {
            throw new InvalidOperationException("nothing to do: --seed-size is 0 and the court phases are off");
        }

        if (settings.SeedCourtPhases)
        {
            // The seed files with every sample court; each court acts on its own applications only.
            var missing = SampleCourts.All.Select(c => c.Code).Concat(_loaded.Select(a => a.CourtCode)).Distinct().Where(c => !hub.HasCourt(c)).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidOperationException(
                    $"the court phases need a key of every court the seed files with; the keys file has none for {string.Join(", ", missing)} (run 'provision' again, or pass --seed-court-phases false)");
            }
        }

        if (_loaded.Count > 0)
        {
            await Context.Output.WriteLineAsync($"seed-replay: {_loaded.Count} applications of earlier runs (--seed-from) join the court phases");
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyList<Scenario> Build()
    {
        var settings = Context.Settings;
        if (settings.SeedSize == 0)
        {
            return AcceptPhase();
        }

        var hub = Context.RequireHub();
        var feed = DataFeed.Unique(FeedName, Seed(settings.SeedSize, hub.PlatformCount));
        var scenario = Scenario.Create(Name, Step.Create("submit", async ctx =>
            {
                var item = ctx.Feed<SeedItem>(FeedName).Next();
                var request = Context.Generator.Create(item.MediationDocument, item.Court, item.CaseId, ctx.Random, DateTimeOffset.UtcNow);
                var receipt = await hub.For(item.Platform).SubmitAsync(request, ctx.Deadline, ctx.CancellationToken);
                _acknowledged.Enqueue(new SeedApplication(Guid.Parse(receipt.ApplicationId), receipt.CourtCode, item.MediationDocument));
                return StepResult.Ok(request.CalculateSize(), receipt.CalculateSize());
            }))
            .WithFeed(feed)

            // No warm-up: every application of the seed counts. The phase ends when the feed is
            // exhausted; the duration is only an upper bound.
            .WithLoadSimulations(Simulation.KeepConstant(settings.Concurrency, settings.SeedMaxDuration))
            .WithCallTimeout(settings.CallTimeout);
        return [WithThresholds(scenario)];
    }

    /// <inheritdoc/>
    public override async Task<IReadOnlyList<Scenario>> NextPhaseAsync(RunResult previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var settings = Context.Settings;
        switch (previous.Scenarios[0].Name)
        {
            case var name when name == Name:
                if (settings.SeedSave is { } path)
                {
                    await SaveAsync(path, [.. _acknowledged], cancellationToken);
                    await Context.Output.WriteLineAsync($"seed-replay: {_acknowledged.Count} acknowledged applications written to {Path.GetFullPath(path)}");
                }

                return settings.SeedCourtPhases ? AcceptPhase() : [];
            case AcceptName:
                return StartReviewPhase();
            case StartReviewName:
                return ConfirmPhase();
            default:
                return [];
        }
    }

    /// <inheritdoc/>
    public override async Task<ScenarioOutcome> SummarizeAsync(RunResult run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var output = Context.Output;
        var settings = Context.Settings;
        var results = run.Scenarios.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var phases = new List<PhaseSummary>();
        ScenarioSummary entry;
        var checksPassed = true;

        if (settings.SeedSize > 0 && results.TryGetValue(Name, out var submitted))
        {
            var (submit, sent, endMarkers) = SubmitPhase(submitted, settings.SeedSize);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"seed-replay submit: {submit.Acknowledged} of {settings.SeedSize} acknowledged in {submit.DurationS:0.0} s ({submit.RatePerS:0.0}/s), {submit.Errors} errors"));
            var verify = await VerifyAsync(_acknowledged.Count, cancellationToken);
            await output.WriteLineAsync("seed-replay verify: " + (verify.Note ?? string.Create(CultureInfo.InvariantCulture,
                $"{verify.StoredInRun} stored in this run, {verify.AcknowledgedFound} of {submit.Acknowledged} acknowledged found, {verify.Lost} lost: {(verify.Passed == true ? "PASSED" : "FAILED")}")));
            phases.Add(submit);
            phases.Add(verify);
            checksPassed &= verify.Passed != false;
            entry = ScenarioSummary.From(submitted, settings.Concurrency) with
            {
                MeasuredS = submit.DurationS,
                Calls = sent,
                Rps = submit.RatePerS,
                Errors = submit.Errors,
                FailPercent = ScenarioSummary.Round(sent > 0 ? 100.0 * submit.Errors!.Value / sent : 0, 4),
                ErrorsByStatus = submit.ErrorsByStatus,
                Note = $"closed model without warm-up until each application was sent once; rps is acknowledged per second of the whole phase; {endMarkers} FEED_EXHAUSTED call(s) only mark the end of the feed and are left out here (the harness reports count them); errors counts the failed calls of every phase",
            };
        }
        else
        {
            phases.Add(new PhaseSummary("submit", Available: false, Note: $"not run: --seed-size 0; the court phases act on {_loaded.Count} applications of earlier runs (--seed-from)"));
            entry = new ScenarioSummary(Name, Available: true, Concurrency: settings.Concurrency,
                Note: $"court phases only, on {_loaded.Count} applications submitted by earlier runs (--seed-from); errors counts the failed calls of every phase");
        }

        var courtPhases = CourtPhases(results);
        foreach (var phase in courtPhases)
        {
            await output.WriteLineAsync($"seed-replay {phase.Name}: {Describe(phase)}");
        }

        phases.AddRange(courtPhases);
        if (settings.SeedCourtPhases)
        {
            var check = await VerifyCourtAsync(cancellationToken);
            await output.WriteLineAsync("seed-replay verify-court: " + (check.Note is not null && check.Passed != false ? check.Note : CourtChecks.Describe(check)));
            phases.Add(check);
            checksPassed &= check.Passed != false;
        }

        var errors = new Dictionary<string, long>(entry.ErrorsByStatus ?? new Dictionary<string, long>(), StringComparer.Ordinal);
        foreach (var phase in courtPhases.SelectMany(p => p.Parts ?? [p]))
        {
            foreach (var (status, count) in phase.ErrorsByStatus ?? new Dictionary<string, long>())
            {
                errors[status] = errors.GetValueOrDefault(status) + count;
            }
        }

        entry = entry with { Errors = errors.Values.Sum(), ErrorsByStatus = errors, Phases = phases };
        return new ScenarioOutcome([entry], checksPassed);
    }

    // ---- phases ----

    private IReadOnlyList<Scenario> AcceptPhase()
    {
        var items = _acknowledged.Concat(_loaded).ToArray();
        _toAccept = items.Length;
        return items.Length == 0 ? [] : [ActPhase(AcceptName, "accept", items, Context.Settings.Concurrency, AcceptAsync)];
    }

    private IReadOnlyList<Scenario> StartReviewPhase()
    {
        var items = _accepted.ToArray();
        _toReview = items.Length;
        return items.Length == 0 ? [] : [ActPhase(StartReviewName, "start-review", items, Context.Settings.Concurrency, StartReviewAsync)];
    }

    private IReadOnlyList<Scenario> ConfirmPhase()
    {
        var settings = Context.Settings;
        var reviewed = _reviewed.ToArray();
        var documents = reviewed.Where(a => a.MediationDocument).ToArray();
        _mdToIssue = documents.Length;

        // Each court's judicial confirmations in batches of up to BatchSize, the courts taking
        // turns in the feed so that the judges (one per court) rule side by side.
        var perCourt = reviewed.Where(a => !a.MediationDocument)
            .GroupBy(a => a.CourtCode, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Chunk(BatchSize).ToList())
            .ToList();
        var batches = new List<SeedApplication[]>();
        for (var round = 0; perCourt.Any(c => round < c.Count); round++)
        {
            batches.AddRange(perCourt.Where(c => round < c.Count).Select(c => c[round]));
        }

        _jcToRule = batches.Sum(b => b.Length);
        _batchCount = batches.Count;
        var scenarios = new List<Scenario>();
        if (batches.Count > 0)
        {
            var feed = DataFeed.Unique(BatchConfirmName, batches);
            scenarios.Add(Scenario.Create(BatchConfirmName, Step.Create(BatchStepName, ctx => RuleAsync(ctx.Feed<SeedApplication[]>(BatchConfirmName).Next(), ctx)))
                .WithFeed(feed)
                .WithLoadSimulations(Simulation.KeepConstant(Math.Min(settings.Concurrency, perCourt.Count), settings.SeedMaxDuration))
                .WithCallTimeout(settings.BatchCallTimeout));
        }

        if (documents.Length > 0)
        {
            scenarios.Add(ActPhase(IssueDocumentName, "issue-document", documents, settings.Concurrency, IssueDocumentAsync));
        }

        return scenarios;
    }

    private Scenario ActPhase(string name, string step, SeedApplication[] items, int users, Func<SeedApplication, StepContext, Task<StepResult>> act)
    {
        var settings = Context.Settings;
        var scenario = Scenario.Create(name, Step.Create(step, ctx => act(ctx.Feed<SeedApplication>(name).Next(), ctx)))
            .WithFeed(DataFeed.Unique(name, items))
            .WithLoadSimulations(Simulation.KeepConstant(Math.Min(users, items.Length), settings.SeedMaxDuration))
            .WithCallTimeout(settings.CallTimeout);
        return WithThresholds(scenario);
    }

    private Scenario WithThresholds(Scenario scenario) =>
        Context.Settings.Thresholds.Count > 0 ? scenario.WithThresholds([.. Context.Settings.Thresholds]) : scenario;

    // ---- the court's calls ----

    private async Task<StepResult> AcceptAsync(SeedApplication application, StepContext ctx)
    {
        var court = Context.RequireHub().Court(application.CourtCode);
        var request = Act(application, Clerk);
        var reply = application.MediationDocument
            ? await court.RegisterCaseAsync(request, deadline: ctx.Deadline, cancellationToken: ctx.CancellationToken)
            : await court.AcceptApplicationAsync(request, deadline: ctx.Deadline, cancellationToken: ctx.CancellationToken);
        var expected = application.MediationDocument ? ApplicationStatus.CaseRegistered : ApplicationStatus.Accepted;
        if (reply.Status != expected || reply.CaseNumber.Length == 0)
        {
            return StepResult.Fail(reply.Status != expected ? "WRONG_STATUS" : "NO_CASE_NUMBER", request.CalculateSize(), reply.CalculateSize());
        }

        _accepted.Enqueue(application);
        return StepResult.Ok(request.CalculateSize(), reply.CalculateSize());
    }

    private async Task<StepResult> StartReviewAsync(SeedApplication application, StepContext ctx)
    {
        var request = Act(application, Judge);
        var reply = await Context.RequireHub().Court(application.CourtCode).StartReviewAsync(request, deadline: ctx.Deadline, cancellationToken: ctx.CancellationToken);
        if (reply.Status != ApplicationStatus.UnderReview)
        {
            return StepResult.Fail("WRONG_STATUS", request.CalculateSize(), reply.CalculateSize());
        }

        _reviewed.Enqueue(application);
        return StepResult.Ok(request.CalculateSize(), reply.CalculateSize());
    }

    private async Task<StepResult> IssueDocumentAsync(SeedApplication application, StepContext ctx)
    {
        var request = Act(application, Judge);

        // The SHA-256 of the document's rendition, as the court's system would compute it.
        request.DocumentSha256 = Google.Protobuf.ByteString.CopyFrom(SHA256.HashData(Encoding.UTF8.GetBytes($"民事调解书 {application.Id}")));
        var reply = await Context.RequireHub().Court(application.CourtCode).IssueMediationDocumentAsync(request, deadline: ctx.Deadline, cancellationToken: ctx.CancellationToken);
        if (reply.Status != ApplicationStatus.DocumentIssued)
        {
            return StepResult.Fail("WRONG_STATUS", request.CalculateSize(), reply.CalculateSize());
        }

        _ruled.Enqueue(application);
        return StepResult.Ok(request.CalculateSize(), reply.CalculateSize());
    }

    private async Task<StepResult> RuleAsync(SeedApplication[] batch, StepContext ctx)
    {
        var request = new BatchRuleRequest { RequestId = NextRequestId("sb"), Ruling = BatchRuling.Confirm, OfficerName = Judge };
        request.ApplicationIds.AddRange(batch.Select(a => a.Id.ToString()));
        var reply = await Context.RequireHub().Court(batch[0].CourtCode).BatchRuleAsync(request, deadline: ctx.Deadline, cancellationToken: ctx.CancellationToken);
        return BatchRulings.Outcome(request, reply, batch, _ruled, ref _batchItemsFailed);
    }

    private CourtActRequest Act(SeedApplication application, string officer) => new()
    {
        ApplicationId = application.Id.ToString(),
        RequestId = NextRequestId("sa"),
        OfficerName = officer,
    };

    private string NextRequestId(string kind) =>
        $"{Context.CaseIds.RunTag}-{kind}-{Interlocked.Increment(ref _requests).ToString(CultureInfo.InvariantCulture)}";

    // ---- summaries and checks ----

    private (PhaseSummary Phase, long Sent, long EndMarkers) SubmitPhase(ScenarioResult result, int size)
    {
        // The calls that found the feed empty only mark the end of the phase (at most one per
        // virtual user); they are not submissions and not errors of the hub.
        var stats = result.Stats;
        var endMarkers = stats.ByStatus.Where(s => s.Status == StepStatus.FeedExhausted).Sum(s => s.Count);
        var sent = stats.Count - endMarkers;
        var acknowledged = _acknowledged.Count;
        var seconds = result.Elapsed.TotalSeconds;
        var errors = ScenarioSummary.ByStatus(stats, StepStatus.FeedExhausted);
        var phase = new PhaseSummary(
            "submit",
            Available: true,
            Note: sent < size ? $"only {sent} of {size} applications were sent before --seed-max-duration ran out" : null,
            Applications: size,
            Acknowledged: acknowledged,
            DurationS: ScenarioSummary.Round(seconds),
            RatePerS: ScenarioSummary.Round(seconds > 0 ? acknowledged / seconds : 0, 1),
            P50Ms: ScenarioSummary.Round(stats.Latency.P50Ms),
            P99Ms: ScenarioSummary.Round(stats.Latency.P99Ms),
            MaxMs: ScenarioSummary.Round(stats.Latency.MaxMs),
            Errors: errors.Values.Sum(),
            ErrorsByStatus: errors,
            Calls: sent);
        return (phase, sent, endMarkers);
    }

    private List<PhaseSummary> CourtPhases(IReadOnlyDictionary<string, ScenarioResult> results)
    {
        if (!Context.Settings.SeedCourtPhases)
        {
            const string off = "not run: --seed-court-phases false";
            return [new("accept", false, off), new("start-review", false, off), new("batch-confirm", false, off)];
        }

        var phases = new List<PhaseSummary>
        {
            ActPhaseSummary("accept", results.GetValueOrDefault(AcceptName), _toAccept, _accepted.Count,
                "AcceptApplication for judicial confirmations, RegisterCase for mediation documents (each numbers a case)"),
            ActPhaseSummary("start-review", results.GetValueOrDefault(StartReviewName), _toReview, _reviewed.Count, "StartReview for all"),
        };

        var jcResult = results.GetValueOrDefault(BatchConfirmName);
        var mdResult = results.GetValueOrDefault(IssueDocumentName);
        if (jcResult is null && mdResult is null)
        {
            phases.Add(new PhaseSummary("batch-confirm", Available: false, Note: "not run: no application reached UNDER_REVIEW"));
            return phases;
        }

        var jcRuled = _ruled.Count(a => !a.MediationDocument);
        var mdIssued = _ruled.Count(a => a.MediationDocument);
        var parts = new List<PhaseSummary>();
        if (jcResult is not null)
        {
            var part = ActPhaseSummary("batch-confirm.jc", jcResult, _jcToRule, jcRuled,
                string.Create(CultureInfo.InvariantCulture, $"BatchRule CONFIRM, up to {BatchSize} per call, one judge per court; latencies are per batch; {Interlocked.Read(ref _batchItemsFailed)} item(s) failed"));
            parts.Add(part with { BatchSize = BatchSize, Calls = _batchCount });
        }

        if (mdResult is not null)
        {
            parts.Add(ActPhaseSummary("batch-confirm.md", mdResult, _mdToIssue, mdIssued, "IssueMediationDocument one by one, alongside the batches"));
        }

        var seconds = parts.Max(p => p.DurationS ?? 0);
        var done = jcRuled + mdIssued;
        phases.Add(new PhaseSummary(
            "batch-confirm",
            Available: true,
            Note: "judicial confirmations ruled in batches and mediation documents issued one by one, side by side; the phase lasts until both are done",
            Applications: _jcToRule + _mdToIssue,
            Acknowledged: done,
            DurationS: ScenarioSummary.Round(seconds),
            RatePerS: ScenarioSummary.Round(seconds > 0 ? done / seconds : 0, 1),
            Errors: parts.Sum(p => p.Errors ?? 0),
            Parts: parts));
        return phases;
    }

    private static PhaseSummary ActPhaseSummary(string name, ScenarioResult? result, int applications, long succeeded, string note)
    {
        if (result is null)
        {
            return new PhaseSummary(name, Available: false, Note: "not run: the previous phase left nothing to act on, or it stopped the run");
        }

        var stats = result.Stats;
        var endMarkers = stats.ByStatus.Where(s => s.Status == StepStatus.FeedExhausted).Sum(s => s.Count);
        var errors = ScenarioSummary.ByStatus(stats, StepStatus.FeedExhausted);
        var seconds = result.Elapsed.TotalSeconds;
        return new PhaseSummary(
            name,
            Available: true,
            Note: note + (result.EndedEarly is null && stats.Count - endMarkers < applications ? $"; only {stats.Count - endMarkers} of {applications} were sent before --seed-max-duration ran out" : string.Empty),
            Applications: applications,
            Acknowledged: succeeded,
            DurationS: ScenarioSummary.Round(seconds),
            RatePerS: ScenarioSummary.Round(seconds > 0 ? succeeded / seconds : 0, 1),
            P50Ms: ScenarioSummary.Round(stats.Latency.P50Ms),
            P99Ms: ScenarioSummary.Round(stats.Latency.P99Ms),
            MaxMs: ScenarioSummary.Round(stats.Latency.MaxMs),
            Errors: errors.Values.Sum(),
            ErrorsByStatus: errors,
            Calls: stats.Count - endMarkers);
    }

    private static string Describe(PhaseSummary phase)
    {
        if (!phase.Available)
        {
            return phase.Note ?? "not run";
        }

        var text = string.Create(CultureInfo.InvariantCulture,
            $"{phase.Acknowledged} of {phase.Applications} in {phase.DurationS:0.0} s ({phase.RatePerS:0.0}/s), {phase.Errors} errors");
        if (phase.Parts is { } parts)
        {
            text += " — " + string.Join("; ", parts.Select(p => string.Create(CultureInfo.InvariantCulture,
                $"{p.Name}: {p.Acknowledged} of {p.Applications} in {p.DurationS:0.0} s ({p.RatePerS:0.0}/s){(p.BatchSize is not null ? $" in {p.Calls} calls" : string.Empty)}, p50 {p.P50Ms:0.#} ms, p99 {p.P99Ms:0.#} ms per call, {p.Errors} errors")));
        }
        else
        {
            text += string.Create(CultureInfo.InvariantCulture, $", p50 {phase.P50Ms:0.#} ms, p99 {phase.P99Ms:0.#} ms");
        }

        return phase.ErrorsByStatus is { Count: > 0 } byStatus ? text + " (" + string.Join(", ", byStatus.Select(e => $"{e.Key} {e.Value}")) + ")" : text;
    }

    private async Task<PhaseSummary> VerifyAsync(long acknowledged, CancellationToken cancellationToken)
    {
        if (Context.Database is null)
        {
            return new PhaseSummary("verify", Available: true, Note: "skipped: --db not given, nothing was checked");
        }

        var ids = _acknowledged.Select(a => a.Id).ToArray();
        await using var dataSource = NpgsqlDataSource.Create(Context.Database);
        var checks = new ReadModelChecks(dataSource);
        var stored = await checks.CountByCaseIdPrefixAsync(Context.CaseIds.Prefix(FeedName), cancellationToken);
        var found = await checks.CountStoredAsync(ids, cancellationToken);

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

    private async Task<PhaseSummary> VerifyCourtAsync(CancellationToken cancellationToken)
    {
        if (Context.Database is null)
        {
            return new PhaseSummary("verify-court", Available: true, Note: "skipped: --db not given, nothing was checked");
        }

        // Every application of the seed must have come through every phase.
        var applications = _acknowledged.Concat(_loaded)
            .Select(a => a.MediationDocument
                ? new CheckedApplication(a.Id, ApplicationType.MediationDocument, ApplicationStatus.DocumentIssued)
                : new CheckedApplication(a.Id, ApplicationType.JudicialConfirmation, ApplicationStatus.Confirmed))
            .ToList();
        var courts = SampleCourts.All.Select(c => c.Code).Concat(_loaded.Select(a => a.CourtCode)).Distinct().ToList();
        return await CourtChecks.VerifyAsync("verify-court", Context.Database, applications, courts, cancellationToken);
    }

    // ---- the seed ----

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

    private static async Task SaveAsync(string path, IReadOnlyList<SeedApplication> applications, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllLinesAsync(full, applications.Select(a => $"{a.Id}\t{a.CourtCode}\t{(a.MediationDocument ? "MD" : "JC")}"), cancellationToken);
    }

    private static async Task<List<SeedApplication>> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var applications = new List<SeedApplication>();
        var number = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Split('\t') is not [var id, var court, var type and ("JC" or "MD")] || !Guid.TryParse(id, out var guid))
            {
                throw new InvalidDataException($"{path}:{number}: not an application line written by --seed-save (id, court, JC|MD separated by tabs)");
            }

            applications.Add(new SeedApplication(guid, court, type == "MD"));
        }

        return applications;
    }

    /// <summary>One application of the seed: its type, platform, court and case id, decided before the clock starts.</summary>
    private sealed record SeedItem(bool MediationDocument, int Platform, SampleCourt Court, string CaseId);

    /// <summary>An acknowledged application of the seed, as the court phases need it.</summary>
    private sealed record SeedApplication(Guid Id, string CourtCode, bool MediationDocument);
}
