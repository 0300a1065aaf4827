using System.Globalization;
using Exchange.LoadTesting;
using Exchange.V1;
using Grpc.Core;
using HdrHistogram;

namespace Exchange.LoadTests.Scenarios;

/// <summary>
/// The change feed under a working day: the platform day and the court day run together (each at
/// half the load its own scenario injects, so that together they load the hub as one does) while <see cref="Watchers"/> platforms each hold a WatchUpdates stream open.
/// Reports the delivery lag of each update — from its occur_time (the hub's clock when the change
/// was made, a few milliseconds before its commit) to its receipt — p50/p99/max, updates per second
/// received, and the streams' own checks: no update twice (by event_id), every application's
/// versions in order. "change-feed-unwatched" is the same day without streams, for the day's
/// figures with and without watchers in the same run.
/// </summary>
public sealed class ChangeFeedScenario : LoadScenario
{
    private readonly PlatformDayScenario _platformDay;
    private readonly CourtDayScenario _courtDay;
    private readonly LongHistogram _lag = new(3_600_000_000L, 3);
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _streams = [];
    private long _measureFrom = long.MaxValue;
    private long _measureTo = long.MaxValue;
    private long _received;
    private long _duplicates;
    private long _outOfOrder;
    private long _streamErrors;

    /// <summary>Creates the scenario.</summary>
    /// <param name="context">The run's context.</param>
    /// <param name="watchers">Platforms that watch (at most the platforms provisioned); 0 for the unwatched day.</param>
    public ChangeFeedScenario(LoadContext context, int watchers)
        : base(context)
    {
        Watchers = watchers;
        // Each day calibrates its capacity alone; run together, each takes half of its own load, so
        // that the two together load the hub as one day alone does.
        var shared = context with
        {
            Settings = context.Settings with
            {
                PlatformDayLoad = context.Settings.PlatformDayLoad / 2,
                CourtDayLoad = context.Settings.CourtDayLoad / 2,
            },
        };
        _platformDay = new PlatformDayScenario(shared);
        _courtDay = new CourtDayScenario(shared);
    }

    /// <summary>Streams held open.</summary>
    public int Watchers { get; }

    /// <inheritdoc/>
    public override string Name => Watchers > 0 ? "change-feed" : "change-feed-unwatched";

    /// <inheritdoc/>
    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        // The streams open first, so that the days' calibrations run with them as well.
        var hub = Context.RequireHub();
        for (var platform = 0; platform < Math.Min(Watchers, hub.PlatformCount); platform++)
        {
            var stub = hub.FilingStub(platform);
            _streams.Add(Task.Run(() => WatchAsync(stub, _stop.Token), CancellationToken.None));
        }

        await _platformDay.PrepareAsync(cancellationToken);
        await _courtDay.PrepareAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public override IReadOnlyList<Scenario> Build()
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        var settings = Context.Settings;
        Volatile.Write(ref _measureFrom, now + (long)(settings.WarmUp.TotalSeconds * System.Diagnostics.Stopwatch.Frequency));
        Volatile.Write(ref _measureTo, now + (long)((settings.WarmUp + settings.Duration).TotalSeconds * System.Diagnostics.Stopwatch.Frequency));
        return [.. _platformDay.Build(), .. _courtDay.Build()];
    }

    /// <inheritdoc/>
    public override async Task<ScenarioOutcome> SummarizeAsync(RunResult run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await _stop.CancelAsync();
        await Task.WhenAll(_streams);
        var platform = run.Scenarios.Where(s => s.Name.StartsWith("platform-day.", StringComparison.Ordinal)).ToList();
        var court = run.Scenarios.Where(s => s.Name.StartsWith("court-day.", StringComparison.Ordinal)).ToList();
        var entries = new List<ScenarioSummary>();
        entries.AddRange((await _platformDay.SummarizeAsync(run with { Scenarios = platform }, cancellationToken)).Entries.Select(e => e with { Group = Name }));
        var courtOutcome = await _courtDay.SummarizeAsync(run with { Scenarios = court }, cancellationToken);
        entries.AddRange(courtOutcome.Entries.Select(e => e with { Group = Name }));
        if (Watchers > 0)
        {
            lock (_gate)
            {
                var seconds = Context.Settings.Duration.TotalSeconds;
                entries.Add(new ScenarioSummary(
                    Name + ".delivery",
                    Available: true,
                    Note: string.Create(CultureInfo.InvariantCulture,
                        $"{Watchers} WatchUpdates streams (one per platform); latency = delivery lag from an update's occur_time to its receipt; {_duplicates} duplicates, {_outOfOrder} out of version order, {_streamErrors} stream errors"),
                    Group: Name,
                    Concurrency: Watchers,
                    MeasuredS: seconds,
                    Calls: _lag.TotalCount,
                    Ok: _lag.TotalCount,
                    Rps: ScenarioSummary.Round(_lag.TotalCount / seconds, 1),
                    P50Ms: ScenarioSummary.Round(_lag.GetValueAtPercentile(50) / 1000.0, 1),
                    P99Ms: ScenarioSummary.Round(_lag.GetValueAtPercentile(99) / 1000.0, 1),
                    MaxMs: ScenarioSummary.Round(_lag.GetMaxValue() / 1000.0, 1),
                    Errors: _duplicates + _outOfOrder + _streamErrors));
            }
        }

        var checksPassed = courtOutcome.ChecksPassed && _duplicates == 0 && _outOfOrder == 0 && _streamErrors == 0;
        return new ScenarioOutcome(entries, checksPassed);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stop.Cancel();
            _stop.Dispose();
            _platformDay.Dispose();
            _courtDay.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task WatchAsync(FilingService.FilingServiceClient stub, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        using var call = stub.WatchUpdates(new WatchUpdatesRequest { StartAtEnd = true }, cancellationToken: cancellationToken);
        try
        {
            await foreach (var frame in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                if (frame.FrameCase != WatchUpdatesResponse.FrameOneofCase.Update)
                {
                    continue;
                }

                var now = System.Diagnostics.Stopwatch.GetTimestamp();
                var update = frame.Update;
                var lag = DateTimeOffset.UtcNow - update.OccurTime.ToDateTimeOffset();
                var duplicate = !seen.Add(update.EventId);
                var outOfOrder = versions.TryGetValue(update.ApplicationId, out var last) && update.Version <= last && !duplicate;
                versions[update.ApplicationId] = Math.Max(last, update.Version);
                lock (_gate)
                {
                    _received++;
                    _duplicates += duplicate ? 1 : 0;
                    _outOfOrder += outOfOrder ? 1 : 0;
                    if (now >= Volatile.Read(ref _measureFrom) && now < Volatile.Read(ref _measureTo))
                    {
                        _lag.RecordValue(Math.Max(0, (long)(lag.TotalMilliseconds * 1000)));
                    }
                }
            }
        }
        catch (RpcException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (RpcException)
        {
            Interlocked.Increment(ref _streamErrors);
        }
    }
}
