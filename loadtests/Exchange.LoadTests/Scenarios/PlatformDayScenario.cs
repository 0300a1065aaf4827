using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Exchange.LoadTesting;
using Exchange.LoadTests.Generators;
using Exchange.V1;
using Grpc.Core;

namespace Exchange.LoadTests.Scenarios;

/// <summary>
/// A platform's ordinary day: every platform files with six basic courts and follows its own
/// applications — 60 % submissions, 25 % gets of a recent application of its own, 10 % listings
/// (page_size 20, its own), 5 % withdrawal requests (its own, received).
/// </summary>
/// <remarks>
/// <para>
/// Each operation is its own harness scenario ("platform-day.submit" and so on) and the four run
/// together, so the reports show each operation's own figures. One scenario with a step per
/// operation cannot do it: the harness runs every step of a scenario on every call, so the steps
/// not chosen would be recorded as instant successes and falsify their statistics.
/// </para>
/// <para>
/// Separate scenarios cannot keep a mix of calls in a closed model: an operation's share of the
/// calls would be its users divided by its latency, and measured that way the fast reads became
/// 40–45 % of the calls whatever the users' split. So this scenario is the exception to the closed
/// model: the preparation runs the day's mix closed and untimed (concurrency calls in flight, each
/// picking its operation with the mix's probabilities) and measures the throughput it sustains —
/// the day's capacity at that concurrency; then the four operations are injected (open model) at
/// <see cref="ScenarioSettings.PlatformDayLoad"/> of that capacity, each at its exact share.
/// Latencies are then measured from each call's scheduled start (coordinated omission corrected).
/// </para>
/// </remarks>
public sealed class PlatformDayScenario(LoadContext context) : LoadScenario(context)
{
    /// <summary>The operations and their share of the day's calls.</summary>
    public static IReadOnlyList<(string Operation, int Percent)> Mix { get; } =
        [("submit", 60), ("get", 25), ("list", 10), ("withdraw", 5)];

    /// <summary>The six courts the platforms file with.</summary>
    public static IReadOnlyList<SampleCourt> Courts { get; } = SampleCourts.Basic.Take(6).ToArray();

    private const string WithdrawalReason = "双方当事人已自行和解并履行完毕，申请撤回本申请。";

    private static readonly int WithdrawalReasonBytes = System.Text.Encoding.UTF8.GetByteCount(WithdrawalReason);

    private PlatformApplications[] _platforms = [];
    private double _capacity;
    private int[] _rates = [];

    /// <inheritdoc/>
    public override string Name => "platform-day";

    /// <summary>Calls per second of each operation: its share of <paramref name="totalPerSecond"/>, at least one.</summary>
    /// <param name="totalPerSecond">The day's calls per second.</param>
    /// <returns>Rates in the order of <see cref="Mix"/>.</returns>
    public static int[] Rates(double totalPerSecond) =>
        Mix.Select(m => Math.Max(1, (int)Math.Round(totalPerSecond * m.Percent / 100.0, MidpointRounding.AwayFromZero))).ToArray();

    /// <inheritdoc/>
    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        // A few applications per platform before the clock starts, so the first get or withdrawal
        // of the day has something of its own to act on.
        var platforms = Context.RequireHub().PlatformCount;
        _platforms = Enumerable.Range(0, platforms).Select(_ => new PlatformApplications()).ToArray();
        var perPlatform = Math.Max(1, Context.Settings.PlatformDayPreload);
        var preloaded = await Preload.SubmitAsync(Context, Name, platforms * perPlatform, i => i % platforms, Courts, cancellationToken);
        foreach (var application in preloaded)
        {
            _platforms[application.Platform].Add(application.ApplicationId);
        }

        _capacity = await CalibrateAsync(cancellationToken);
        _rates = Rates(_capacity * Context.Settings.PlatformDayLoad);
        await Context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{Name}: injecting {Context.Settings.PlatformDayLoad:P0} of it: {string.Join(", ", Mix.Select((m, i) => $"{m.Operation} {_rates[i]}/s"))}"));
    }

    /// <inheritdoc/>
    public override IReadOnlyList<Scenario> Build()
    {
        if (_rates.Length != Mix.Count)
        {
            throw new InvalidOperationException("PrepareAsync must run before Build.");
        }

        var settings = Context.Settings;
        return Mix
            .Select((m, i) =>
            {
                var scenario = Scenario.Create($"{Name}.{m.Operation}", Step.Create(m.Operation, ctx => RunAsync(i, ctx.Random, ctx.Deadline, ctx.CancellationToken)))
                    .WithLoadSimulations(Simulation.Inject(_rates[i], TimeSpan.FromSeconds(1), settings.WarmUp + settings.Duration))
                    .WithWarmUp(settings.WarmUp)
                    .WithCallTimeout(settings.CallTimeout)

                    // Bounded: a backlog of one second of this operation's arrivals (a stall of
                    // about a second) is queued; beyond it the hub is overloaded and further calls
                    // are counted as DROPPED rather than piling up.
                    .WithMaxOutstandingCalls(Math.Max(64, _rates[i]));
                return settings.Thresholds.Count > 0 ? scenario.WithThresholds([.. settings.Thresholds]) : scenario;
            })
            .ToList();
    }

    /// <inheritdoc/>
    public override Task<ScenarioOutcome> SummarizeAsync(RunResult run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var total = Math.Max(1, run.Scenarios.Sum(s => s.Stats.Count));
        var entries = run.Scenarios
            .Select((result, i) => ScenarioSummary.From(result, Context.Settings.Concurrency, Name) with
            {
                MixPercent = ScenarioSummary.Round(100.0 * result.Stats.Count / total, 1),
                TargetRps = _rates[i],
                CapacityRps = ScenarioSummary.Round(_capacity, 1),
                Note = string.Create(CultureInfo.InvariantCulture,
                    $"open model: {Mix[i].Percent} % of {Context.Settings.PlatformDayLoad:P0} of the mix's capacity ({_capacity:0} calls/s closed at {Context.Settings.Concurrency} in flight); latency from scheduled start"),
            })
            .ToList();
        return Task.FromResult(new ScenarioOutcome(entries));
    }

    /// <summary>
    /// Runs the day's mix closed and untimed (each call picks its operation with the mix's
    /// probabilities) for the warm-up's length, 2–6 s, and returns the calls per second completed in
    /// its second half (the first half is a warm-up of its own: JIT tiers, connections).
    /// </summary>
    private async Task<double> CalibrateAsync(CancellationToken cancellationToken)
    {
        var settings = Context.Settings;
        var length = TimeSpan.FromSeconds(Math.Clamp(settings.WarmUp.TotalSeconds, 2, 6));
        var sums = new double[Mix.Count];
        var counts = new long[Mix.Count];
        var gate = new Lock();
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, settings.Concurrency).Select(_ => Task.Run(
            async () =>
            {
                while (clock.Elapsed < length && !cancellationToken.IsCancellationRequested)
                {
                    var operation = PickOperation(Random.Shared);
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        await RunAsync(operation, Random.Shared, DateTime.UtcNow + settings.CallTimeout, cancellationToken);
                    }
                    catch (RpcException)
                    {
                        // Counted all the same: it loaded the hub for that long.
                    }

                    if (clock.Elapsed < length / 2 || clock.Elapsed > length)
                    {
                        continue;
                    }

                    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    lock (gate)
                    {
                        sums[operation] += ms;
                        counts[operation]++;
                    }
                }
            },
            cancellationToken)).ToArray();
        await Task.WhenAll(loops);

        var capacity = counts.Sum() / (length / 2).TotalSeconds;
        var detail = string.Join(", ", Mix.Select((m, i) => string.Create(CultureInfo.InvariantCulture, $"{m.Operation} {(counts[i] > 0 ? sums[i] / counts[i] : 0):0.0} ms")));
        await Context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{Name}: capacity of the mix (closed, untimed, {length.TotalSeconds:0.#} s at {settings.Concurrency} calls in flight): {capacity:0} calls/s; mean latency {detail}"));
        return capacity;
    }

    private static int PickOperation(Random random)
    {
        var roll = random.Next(100);
        for (var i = 0; i < Mix.Count; i++)
        {
            roll -= Mix[i].Percent;
            if (roll < 0)
            {
                return i;
            }
        }

        return 0;
    }

    private Task<StepResult> RunAsync(int operation, Random random, DateTime deadline, CancellationToken cancellationToken) => operation switch
    {
        0 => SubmitAsync(random, deadline, cancellationToken),
        1 => GetAsync(random, deadline, cancellationToken),
        2 => ListAsync(random, deadline, cancellationToken),
        _ => WithdrawAsync(random, deadline, cancellationToken),
    };

    private async Task<StepResult> SubmitAsync(Random random, DateTime deadline, CancellationToken cancellationToken)
    {
        var platform = random.Next(_platforms.Length);
        var mediationDocument = random.Next(2) == 0;
        var court = ChineseText.Pick(random, Courts);
        var request = Context.Generator.Create(mediationDocument, court, Context.CaseIds.Next("pd"), random, DateTimeOffset.UtcNow);
        var receipt = await Context.RequireHub().For(platform).SubmitAsync(request, deadline, cancellationToken);
        _platforms[platform].Add(receipt.ApplicationId);
        return StepResult.Ok(request.CalculateSize(), receipt.CalculateSize());
    }

    private async Task<StepResult> GetAsync(Random random, DateTime deadline, CancellationToken cancellationToken)
    {
        var platform = random.Next(_platforms.Length);
        var id = _platforms[platform].Recent(random);
        var application = await Context.RequireHub().For(platform).GetAsync(id, deadline, cancellationToken);
        return application.Receipt?.ApplicationId == id
            ? StepResult.Ok(id.Length, application.CalculateSize())
            : StepResult.Fail("WRONG_APPLICATION");
    }

    private async Task<StepResult> ListAsync(Random random, DateTime deadline, CancellationToken cancellationToken)
    {
        var platform = random.Next(_platforms.Length);
        var request = new ListApplicationsRequest { PageSize = 20 };
        var page = await Context.RequireHub().For(platform).ListAsync(request, deadline, cancellationToken);
        return StepResult.Ok(request.CalculateSize(), page.CalculateSize());
    }

    private async Task<StepResult> WithdrawAsync(Random random, DateTime deadline, CancellationToken cancellationToken)
    {
        var platform = random.Next(_platforms.Length);

        // Prefer an application not yet asked about; once none is left the request is a repeat,
        // which the hub answers unchanged (still a RECEIVED application of its own).
        var id = _platforms[platform].TakeWithdrawable() ?? _platforms[platform].Recent(random);
        var application = await Context.RequireHub().For(platform).WithdrawAsync(id, WithdrawalReason, deadline, cancellationToken);
        return application.Receipt?.ApplicationId == id
            ? StepResult.Ok(id.Length + WithdrawalReasonBytes, application.CalculateSize())
            : StepResult.Fail("WRONG_APPLICATION");
    }

    /// <summary>One platform's applications of the day: the recent ones (for gets) and those not yet withdrawn.</summary>
    private sealed class PlatformApplications
    {
        private const int RecentCapacity = 256;
        private readonly string[] _recent = new string[RecentCapacity];
        private readonly ConcurrentQueue<string> _withdrawable = new();
        private readonly Lock _gate = new();
        private int _count;

        public void Add(string applicationId)
        {
            lock (_gate)
            {
                _recent[_count % RecentCapacity] = applicationId;
                _count++;
            }

            _withdrawable.Enqueue(applicationId);
        }

        public string Recent(Random random)
        {
            lock (_gate)
            {
                return _recent[random.Next(Math.Min(_count, RecentCapacity))];
            }
        }

        public string? TakeWithdrawable() => _withdrawable.TryDequeue(out var id) ? id : null;
    }
}
