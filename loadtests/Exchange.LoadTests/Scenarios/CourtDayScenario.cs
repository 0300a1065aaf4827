using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Exchange.LoadTesting;
using Exchange.LoadTests.Generators;
using Exchange.V1;
using Grpc.Core;

namespace Exchange.LoadTests.Scenarios;

/// <summary>
/// A court day for the six basic courts platform-day files with: the platforms' judicial
/// confirmations are waiting (submitted before the clock starts); the clerks accept each one and a
/// judge starts its review; each court's judge rules CONFIRM in BatchRule batches of 500 as the
/// reviews pile up; and the clerks read their dockets (ListDocket, pages of 50). Every call acts as
/// the court the application was filed with, with that court's key.
/// </summary>
/// <remarks>
/// <para>
/// Three harness scenarios run together, each with its own statistics: "court-day.clerk", whose
/// calls take one application through the steps "accept" and "start-review" (each step has its own
/// figures); "court-day.batch-rule-500" (one step, latency per batch; items/s derived from it); and
/// "court-day.docket". Their summary entries are court-day.accept, court-day.start-review,
/// court-day.batch-rule-500 and court-day.docket.
/// </para>
/// <para>
/// The day is an open model, as platform-day: the acts depend on each other (a batch needs 500
/// applications under review in one court), and a closed model would let whichever step is fastest
/// run out of work or pile it up. The preparation first runs the clerks closed and untimed (accept
/// then start review, at the run's concurrency) and measures the acts per second they sustain;
/// the day then takes <see cref="ScenarioSettings.CourtDayLoad"/> of that capacity, counting
/// <see cref="CallsPerApplication"/> calls per application (accept, start review, its item of a
/// batch ruling counted as one act, and a quarter of a docket read). Applications flow in at that
/// rate, evenly over the courts; a batch is due whenever the clerks have produced 500 more
/// (every 500 / rate seconds). Each court starts the day with 600 under review (yesterday's
/// reviews, accepted and reviewed untimed in the preparation), so batches are due from the first
/// second and the court with most under review is ruled next. A due batch that finds no court with
/// 500 under review fails with NO_BATCH_READY: the clerks' acts fell behind their schedule.
/// </para>
/// </remarks>
public sealed class CourtDayScenario(LoadContext context) : LoadScenario(context)
{
    /// <summary>Applications per BatchRule call.</summary>
    public const int DefaultBatchSize = 500;

    /// <summary>Docket reads per application of the day.</summary>
    public const double DocketReadsPerApplication = 0.25;

    /// <summary>What an application costs the day, in act-sized calls: accept, start review, its item of a batch, its share of docket reads.</summary>
    public const double CallsPerApplication = 3 + DocketReadsPerApplication;

    /// <summary>Applications per docket page.</summary>
    public const int DocketPageSize = 50;

    private const string ClerkName = "court-day.clerk";
    private const string DocketName = "court-day.docket";
    private const string Clerk = "负载测试 立案庭书记员";
    private const string Judge = "负载测试 审判员";

    private readonly ConcurrentDictionary<Guid, ApplicationStatus> _states = new();
    private readonly Lock _claims = new();
    private CourtDesk[] _desks = [];
    private DayApplication[] _day = [];
    private double _capacity;
    private int _rate;
    private int _docketRate;
    private TimeSpan _firstBatch;
    private TimeSpan _batchInterval;
    private string? _noBatches;
    private long _requests;
    private long _itemsFailed;

    /// <summary>The six basic courts (those platform-day files with).</summary>
    public static IReadOnlyList<SampleCourt> Courts => PlatformDayScenario.Courts;

    /// <inheritdoc/>
    public override string Name => "court-day";

    private int BatchSize => Math.Clamp(Context.Settings.CourtDayBatchSize, 1, 1_000);

    private string BatchName => "batch-rule-" + BatchSize.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var hub = Context.RequireHub();
        var missing = Courts.Where(c => !hub.HasCourt(c.Code)).Select(c => c.Code).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"court-day acts as {string.Join(", ", Courts.Select(c => c.Code))}; the keys file has no key for {string.Join(", ", missing)} (run 'provision' again)");
        }

        var settings = Context.Settings;
        _desks = Courts.Select(c => new CourtDesk(c.Code)).ToArray();

        // 1. Applications for the calibration: a first lot, then as many as the hub takes in the
        //    calibration's length at its submission pace (the clerks' two acts are not expected to
        //    be faster than a submission), so the calibration does not run dry.
        var length = TimeSpan.FromSeconds(Math.Clamp(settings.WarmUp.TotalSeconds, 2, 6));
        var clock = Stopwatch.StartNew();
        var pool = new List<DayApplication>(await SubmitAsync("court-day: calibration", Math.Max(Courts.Count * 10, settings.Concurrency * 12), cancellationToken));
        var submitRate = pool.Count / Math.Max(0.001, clock.Elapsed.TotalSeconds);
        var more = (int)Math.Min(100_000, (submitRate * length.TotalSeconds) - pool.Count);
        if (more > 0)
        {
            pool.AddRange(await SubmitAsync("court-day: calibration", more, cancellationToken));
        }

        // 2. The clerks' capacity; what they accepted and reviewed is each court's first backlog.
        var (capacity, leftovers) = await CalibrateAsync(pool, length, cancellationToken);
        _capacity = capacity;
        _rate = Math.Max(1, (int)Math.Round(capacity * settings.CourtDayLoad / CallsPerApplication, MidpointRounding.AwayFromZero));
        _docketRate = Math.Max(1, (int)Math.Round(_rate * DocketReadsPerApplication, MidpointRounding.AwayFromZero));

        // 3. Yesterday's reviews: each court starts the day with a batch and a fifth under review
        //    (accepted and reviewed untimed), so that batches are due from the first second and
        //    the clerks' flow keeps every court's turn supplied (see 5.).
        var backlog = BatchSize + ((BatchSize + 4) / 5);
        var shortfall = _desks.Select(d => Math.Max(0, backlog - d.UnderReview)).ToArray();
        if (shortfall.Sum() > 0)
        {
            var courtOf = shortfall.SelectMany((n, court) => Enumerable.Repeat(court, n)).ToArray();
            var staged = await SubmitAsync("court-day: backlog under review", courtOf.Length, cancellationToken, i => courtOf[i]);
            await StageAsync(staged, cancellationToken);
        }

        // 4. The day's applications: the rate for the whole timeline and a margin, courts in turn.
        var timeline = settings.WarmUp + settings.Duration;
        var needed = (int)Math.Ceiling(_rate * timeline.TotalSeconds * 1.1) + settings.Concurrency;
        var fresh = needed > leftovers.Count ? await SubmitAsync("court-day", needed - leftovers.Count, cancellationToken) : [];
        _day = [.. leftovers, .. fresh];

        // 5. When batches are due: one per batch-size applications the clerks review, the first
        //    once the k-th fullest court can have a batch when the k-th batch is due (filling at
        //    rate/courts per second) — at once, given the backlog. The fullest court is ruled first.
        var perCourt = (double)_rate / _desks.Length;
        var backlogs = _desks.Select(d => d.UnderReview).OrderByDescending(b => b).ToArray();
        var interval = (double)BatchSize / _rate;
        var first = backlogs.Select((b, k) => ((BatchSize - b) / perCourt) - (k * interval)).Max();
        _firstBatch = TimeSpan.FromSeconds((Math.Max(0, first) * 1.2) + 1);
        _batchInterval = TimeSpan.FromSeconds(interval);
        if (_firstBatch >= timeline)
        {
            _noBatches = string.Create(CultureInfo.InvariantCulture,
                $"no batch of {BatchSize} can fill within the {timeline.TotalSeconds:0.#} s timeline at {_rate} applications/s over {_desks.Length} courts (the first would be due after {_firstBatch.TotalSeconds:0.#} s): lengthen --duration or --warmup, or lower --court-day-batch-size");
        }

        var batchPlan = _noBatches ?? string.Create(CultureInfo.InvariantCulture, $"a batch of {BatchSize} every {interval:0.##} s from {_firstBatch.TotalSeconds:0.#} s");
        await Context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"court-day: {_rate} applications/s ({settings.CourtDayLoad:P0} of {capacity:0} acts/s / {CallsPerApplication} calls each) through accept and start-review, {batchPlan}, {_docketRate} docket reads/s; {_day.Length} applications waiting, backlogs under review {string.Join("/", _desks.Select(d => d.UnderReview))}"));
    }

    /// <inheritdoc/>
    public override IReadOnlyList<Scenario> Build()
    {
        if (_desks.Length == 0)
        {
            throw new InvalidOperationException("PrepareAsync must run before Build.");
        }

        var settings = Context.Settings;
        var timeline = settings.WarmUp + settings.Duration;
        var scenarios = new List<Scenario>
        {
            Scenario.Create(ClerkName, Step.Create("accept", AcceptAsync), Step.Create("start-review", StartReviewAsync))
                .WithLoadSimulations(Simulation.Inject(_rate, TimeSpan.FromSeconds(1), timeline))
                .WithWarmUp(settings.WarmUp)
                .WithCallTimeout(settings.CallTimeout)
                .WithMaxOutstandingCalls(Math.Max(64, _rate)),
            Scenario.Create(DocketName, Step.Create("docket", DocketAsync))
                .WithLoadSimulations(Simulation.Inject(_docketRate, TimeSpan.FromSeconds(1), timeline))
                .WithWarmUp(settings.WarmUp)
                .WithCallTimeout(settings.CallTimeout)
                .WithMaxOutstandingCalls(Math.Max(64, _docketRate)),
        };
        if (_noBatches is null)
        {
            scenarios.Add(Scenario.Create($"{Name}.{BatchName}", Step.Create(BatchName, RuleAsync))
                .WithLoadSimulations(
                    Simulation.Pause(_firstBatch),
                    Simulation.Inject(1, _batchInterval, timeline - _firstBatch))
                .WithWarmUp(settings.WarmUp)
                .WithCallTimeout(settings.BatchCallTimeout)
                .WithMaxOutstandingCalls(_desks.Length));
        }

        return [.. scenarios.Select(s => settings.Thresholds.Count > 0 && s.Name != $"{Name}.{BatchName}" ? s.WithThresholds([.. settings.Thresholds]) : s)];
    }

    /// <inheritdoc/>
    public override async Task<ScenarioOutcome> SummarizeAsync(RunResult run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var settings = Context.Settings;
        var results = run.Scenarios.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var entries = new List<ScenarioSummary>();
        var openNote = string.Create(CultureInfo.InvariantCulture,
            $"open model at {settings.CourtDayLoad:P0} of the clerks' capacity ({_capacity:0} acts/s closed at {settings.Concurrency} in flight, {CallsPerApplication} calls per application): {_rate} applications/s");
        if (results.TryGetValue(ClerkName, out var clerk))
        {
            entries.Add(ScenarioSummary.From($"{Name}.accept", clerk, clerk.Steps[0], settings.Concurrency, Name) with
            {
                TargetRps = _rate,
                CapacityRps = ScenarioSummary.Round(_capacity, 1),
                Note = "AcceptApplication (numbers the case); latency from the call's scheduled start; " + openNote,
            });
            entries.Add(ScenarioSummary.From($"{Name}.start-review", clerk, clerk.Steps[1], settings.Concurrency, Name) with
            {
                TargetRps = _rate,
                CapacityRps = ScenarioSummary.Round(_capacity, 1),
                Note = "StartReview of the application just accepted, in the same call (runs only after an OK accept); latency from the step's own start; " + openNote,
            });
        }

        var batchEntry = $"{Name}.{BatchName}";
        if (results.TryGetValue(batchEntry, out var batches))
        {
            var items = batches.Stats.OkCount * BatchSize;
            var seconds = batches.Duration.TotalSeconds;
            var p50 = batches.Stats.Latency.P50Ms;
            entries.Add(ScenarioSummary.From(batches, settings.Concurrency, Name) with
            {
                BatchSize = BatchSize,
                Items = items,
                ItemsPerS = ScenarioSummary.Round(seconds > 0 ? items / seconds : 0, 1),
                BatchItemsPerS = ScenarioSummary.Round(batches.Stats.Latency.MeanMs > 0 ? BatchSize / (batches.Stats.Latency.MeanMs / 1000) : 0, 1),
                TargetRps = ScenarioSummary.Round(1 / _batchInterval.TotalSeconds),
                Note = string.Create(CultureInfo.InvariantCulture,
                    $"BatchRule CONFIRM of {BatchSize} applications under review in one court, one batch every {_batchInterval.TotalSeconds:0.##} s (the clerks' pace) from {_firstBatch.TotalSeconds:0.#} s; latency per batch; items_per_s = applications ruled per second of the measured window (the pace the batches are due at), batch_items_per_s = a batch's own pace (batch size / mean latency; {(p50 > 0 ? BatchSize / (p50 / 1000) : 0):0}/s at the p50); {Interlocked.Read(ref _itemsFailed)} item(s) failed in all"),
            });
        }
        else
        {
            entries.Add(new ScenarioSummary(batchEntry, Available: false, Group: Name, Note: _noBatches ?? "not run"));
        }

        if (results.TryGetValue(DocketName, out var docket))
        {
            entries.Add(ScenarioSummary.From($"{Name}.docket", docket, docket.Steps[0], settings.Concurrency, Name) with
            {
                TargetRps = _docketRate,
                Note = string.Create(CultureInfo.InvariantCulture,
                    $"ListDocket, page of {DocketPageSize}, of a random court of the six: half its whole docket's first page, a fifth the next page, the rest filtered to RECEIVED or UNDER_REVIEW; open model at {DocketReadsPerApplication} per application; latency from scheduled start"),
            });
        }

        var passed = true;
        if (Context.Database is not null && entries.Count > 0)
        {
            var applications = _states.Select(s => new CheckedApplication(s.Key, ApplicationType.JudicialConfirmation, s.Value)).ToList();
            var check = await CourtChecks.VerifyAsync("verify-court", Context.Database, applications, [.. Courts.Select(c => c.Code)], cancellationToken);
            await Context.Output.WriteLineAsync("court-day verify-court: " + CourtChecks.Describe(check));
            entries[0] = entries[0] with { Checks = check };
            passed = check.Passed != false;
        }

        return new ScenarioOutcome(entries, passed);
    }

    // ---- the preparation ----

    private async Task<DayApplication[]> SubmitAsync(string label, int count, CancellationToken cancellationToken, Func<int, int>? courtOf = null)
    {
        // Judicial confirmations from every platform, the courts taking turns unless told.
        var hub = Context.RequireHub();
        var owned = await Preload.SubmitAsync(
            Context, label, count, i => i % hub.PlatformCount, Courts, cancellationToken,
            mediationDocumentOf: _ => false, courtOf: i => Courts[courtOf?.Invoke(i) ?? i % Courts.Count]);
        var desks = _desks.Select((d, i) => (d.CourtCode, i)).ToDictionary(d => d.CourtCode, d => d.i, StringComparer.Ordinal);
        return [.. owned.Select(o => new DayApplication(desks[o.CourtCode], o.ApplicationId))];
    }

    /// <summary>
    /// Runs the clerks closed and untimed: each of the run's concurrency takes the next waiting
    /// application, accepts it and starts its review, for <paramref name="length"/>. Returns the acts
    /// per second completed in the second half (the first is a warm-up of its own) and the
    /// applications it did not reach.
    /// </summary>
    private async Task<(double Capacity, List<DayApplication> Leftovers)> CalibrateAsync(List<DayApplication> pool, TimeSpan length, CancellationToken cancellationToken)
    {
        var settings = Context.Settings;
        var queue = new ConcurrentQueue<DayApplication>(pool);
        var completions = new ConcurrentQueue<double>();
        var failures = 0;
        var emptyAt = double.MaxValue;
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, settings.Concurrency).Select(_ => Task.Run(
            async () =>
            {
                while (clock.Elapsed < length && !cancellationToken.IsCancellationRequested)
                {
                    if (!queue.TryDequeue(out var application))
                    {
                        InterlockedMin(ref emptyAt, clock.Elapsed.TotalSeconds);
                        return;
                    }

                    try
                    {
                        var deadline = DateTime.UtcNow + settings.CallTimeout;
                        await AcceptAsync(application, deadline, cancellationToken);
                        completions.Enqueue(clock.Elapsed.TotalSeconds);
                        await StartReviewAsync(application, deadline, cancellationToken);
                        completions.Enqueue(clock.Elapsed.TotalSeconds);
                    }
                    catch (RpcException)
                    {
                        // The application stays where the failed act left it; the smoke test and
                        // the day's own steps report errors, the calibration only measures.
                        Interlocked.Increment(ref failures);
                    }
                }
            },
            cancellationToken)).ToArray();
        await Task.WhenAll(loops);

        var end = Math.Min(length.TotalSeconds, Volatile.Read(ref emptyAt));
        var start = end / 2;
        var times = completions.ToArray();
        var capacity = times.Count(t => t >= start && t <= end) / Math.Max(0.001, end - start);
        await Context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"court-day: capacity of the clerks (accept then start review, closed, untimed, {end:0.#} s at {settings.Concurrency} in flight): {capacity:0} acts/s; {times.Length} acts, {failures} failed"));
        if (times.Length == 0)
        {
            throw new InvalidOperationException($"the calibration completed no act ({failures} failed): the court service does not answer");
        }

        return (capacity, [.. queue]);
    }

    /// <summary>Accepts and starts the review of every application, untimed; they join their courts' backlogs.</summary>
    private async Task StageAsync(DayApplication[] applications, CancellationToken cancellationToken)
    {
        var settings = Context.Settings;
        var clock = Stopwatch.StartNew();
        var failures = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Concurrency), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(applications, options, async (application, token) =>
        {
            try
            {
                var deadline = DateTime.UtcNow + settings.CallTimeout;
                await AcceptAsync(application, deadline, token);
                await StartReviewAsync(application, deadline, token);
            }
            catch (RpcException)
            {
                Interlocked.Increment(ref failures);
            }
        });
        await Context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"court-day: backlog under review: accepted and reviewed {applications.Length - failures} of {applications.Length} in {clock.Elapsed.TotalSeconds:0.0} s (untimed preparation)"));
    }

    private static void InterlockedMin(ref double target, double value)
    {
        var current = Volatile.Read(ref target);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    // ---- the day's steps ----

    private DayApplication Application(StepContext ctx)
    {
        // Both steps of a call act on the application of its invocation number.
        var index = ctx.InvocationNumber - 1;
        return index < _day.Length ? _day[index] : throw new FeedExhaustedException("court-day applications", _day.Length);
    }

    private async Task<StepResult> AcceptAsync(StepContext ctx)
    {
        var application = Application(ctx);
        var (request, reply) = await AcceptAsync(application, ctx.Deadline, ctx.CancellationToken);
        return reply.Status == ApplicationStatus.Accepted && reply.CaseNumber.Length > 0
            ? StepResult.Ok(request.CalculateSize(), reply.CalculateSize())
            : StepResult.Fail(reply.Status == ApplicationStatus.Accepted ? "NO_CASE_NUMBER" : "WRONG_STATUS", request.CalculateSize(), reply.CalculateSize());
    }

    private async Task<StepResult> StartReviewAsync(StepContext ctx)
    {
        var application = Application(ctx);
        var (request, reply) = await StartReviewAsync(application, ctx.Deadline, ctx.CancellationToken);
        return reply.Status == ApplicationStatus.UnderReview
            ? StepResult.Ok(request.CalculateSize(), reply.CalculateSize())
            : StepResult.Fail("WRONG_STATUS", request.CalculateSize(), reply.CalculateSize());
    }

    private async Task<(CourtActRequest Request, Application Reply)> AcceptAsync(DayApplication application, DateTime deadline, CancellationToken cancellationToken)
    {
        var request = Act(application, Clerk);
        var reply = await Context.RequireHub().Court(_desks[application.Court].CourtCode).AcceptApplicationAsync(request, deadline: deadline, cancellationToken: cancellationToken);
        if (reply.Status == ApplicationStatus.Accepted)
        {
            _states[Guid.Parse(application.Id)] = ApplicationStatus.Accepted;
        }

        return (request, reply);
    }

    private async Task<(CourtActRequest Request, Application Reply)> StartReviewAsync(DayApplication application, DateTime deadline, CancellationToken cancellationToken)
    {
        var request = Act(application, Judge);
        var reply = await Context.RequireHub().Court(_desks[application.Court].CourtCode).StartReviewAsync(request, deadline: deadline, cancellationToken: cancellationToken);
        if (reply.Status == ApplicationStatus.UnderReview)
        {
            _states[Guid.Parse(application.Id)] = ApplicationStatus.UnderReview;
            _desks[application.Court].Reviewed(application.Id);
        }

        return (request, reply);
    }

    private async Task<StepResult> RuleAsync(StepContext ctx)
    {
        // The court with the most applications under review, if it has a batch.
        CourtDesk desk;
        string[]? ids;
        lock (_claims)
        {
            desk = _desks.MaxBy(d => d.UnderReview)!;
            ids = desk.TakeBatch(BatchSize);
        }

        if (ids is null)
        {
            return StepResult.Fail("NO_BATCH_READY");
        }

        var request = new BatchRuleRequest { RequestId = NextRequestId("cb"), Ruling = BatchRuling.Confirm, OfficerName = Judge };
        request.ApplicationIds.AddRange(ids);
        var reply = await Context.RequireHub().Court(desk.CourtCode).BatchRuleAsync(request, deadline: ctx.Deadline, cancellationToken: ctx.CancellationToken);
        var ruled = new ConcurrentQueue<string>();
        var result = BatchRulings.Outcome(request, reply, ids, ruled, ref _itemsFailed);
        foreach (var id in ruled)
        {
            _states[Guid.Parse(id)] = ApplicationStatus.Confirmed;
        }

        return result;
    }

    private async Task<StepResult> DocketAsync(StepContext ctx)
    {
        var desk = _desks[ctx.Random.Next(_desks.Length)];
        var request = new ListDocketRequest { PageSize = DocketPageSize };
        var roll = ctx.Random.Next(100);
        var wholeDocket = roll < 70;
        if (roll is >= 50 and < 70 && desk.NextPage is { } token)
        {
            request.PageToken = token;
        }
        else if (!wholeDocket)
        {
            request.Statuses.Add(roll < 85 ? ApplicationStatus.Received : ApplicationStatus.UnderReview);
        }

        var page = await Context.RequireHub().Court(desk.CourtCode).ListDocketAsync(request, deadline: ctx.Deadline, cancellationToken: ctx.CancellationToken);
        if (wholeDocket && request.PageToken.Length == 0)
        {
            desk.NextPage = page.NextPageToken.Length > 0 ? page.NextPageToken : null;
        }

        return StepResult.Ok(request.CalculateSize(), page.CalculateSize());
    }

    private CourtActRequest Act(DayApplication application, string officer) => new()
    {
        ApplicationId = application.Id,
        RequestId = NextRequestId("ca"),
        OfficerName = officer,
    };

    private string NextRequestId(string kind) =>
        $"{Context.CaseIds.RunTag}-{kind}-{Interlocked.Increment(ref _requests).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>An application of the day: the court (index into the desks) and its id.</summary>
    private readonly record struct DayApplication(int Court, string Id);

    /// <summary>One court's side of the day: the applications under review, waiting for a batch, and the docket page a clerk is on.</summary>
    private sealed class CourtDesk(string courtCode)
    {
        private readonly Queue<string> _underReview = new();
        private readonly Lock _gate = new();

        public string CourtCode { get; } = courtCode;

        public int UnderReview
        {
            get
            {
                lock (_gate)
                {
                    return _underReview.Count;
                }
            }
        }

        public string? NextPage { get; set; }

        public void Reviewed(string id)
        {
            lock (_gate)
            {
                _underReview.Enqueue(id);
            }
        }

        /// <summary>The oldest <paramref name="size"/> under review, or null when there are fewer.</summary>
        public string[]? TakeBatch(int size)
        {
            lock (_gate)
            {
                if (_underReview.Count < size)
                {
                    return null;
                }

                var batch = new string[size];
                for (var i = 0; i < size; i++)
                {
                    batch[i] = _underReview.Dequeue();
                }

                return batch;
            }
        }
    }
}
