using System.Diagnostics;

namespace Exchange.LoadTesting.Tests;

[Collection(TimingCollection.Name)]
public sealed class OpenModelTests
{
    private static readonly TimeSpan Stall = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Inject_FastStep_HitsTargetRateWithinTwoPercent()
    {
        var starts = new List<long>();
        var scenario = Scenario.Create("fast", async _ =>
            {
                lock (starts)
                {
                    starts.Add(Stopwatch.GetTimestamp());
                }

                await Task.Yield();
                return StepResult.Ok();
            })
            .WithLoadSimulations(Simulation.Inject(200, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)));

        var result = await Run.QuietAsync(scenario);

        var stats = result.Scenarios[0].Stats;
        Assert.InRange(stats.Count, 588, 612);
        Assert.InRange(stats.Rps, 196, 204);
        Assert.Equal(stats.Count, stats.OkCount);

        // The rate the calls really started at, from the steps' own clock: catches an injector that
        // bursts or drifts even when the count comes out right.
        starts.Sort();
        var span = Stopwatch.GetElapsedTime(starts[0], starts[^1]).TotalSeconds;
        Assert.InRange((starts.Count - 1) / span, 196, 204);
    }

    [Fact]
    public async Task Inject_SystemStalls_LatencyMeasuredFromScheduledStartIncludesTheStall()
    {
        var stall = new SharedStall(Stall, after: TimeSpan.FromSeconds(0.5));
        var scenario = Scenario.Create("open", stall.StepAsync)
            .WithInit(_ => stall.StartClockAsync())
            .WithLoadSimulations(Simulation.Inject(200, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));

        var stats = (await Run.QuietAsync(scenario)).Scenarios[0].Stats;

        // ~100 calls fell due during the stall; each waited from its scheduled start until it ended.
        Assert.True(stats.Latency.MaxMs >= Stall.TotalMilliseconds, $"max {stats.Latency.MaxMs} ms");
        Assert.True(stats.Latency.P99Ms >= 0.9 * Stall.TotalMilliseconds, $"p99 {stats.Latency.P99Ms} ms");
        Assert.True(stats.Latency.P90Ms >= 0.2 * Stall.TotalMilliseconds, $"p90 {stats.Latency.P90Ms} ms");
    }

    [Fact]
    public async Task KeepConstant_SystemStalls_ClosedModelHidesTheStallInItsPercentiles()
    {
        var stall = new SharedStall(Stall, after: TimeSpan.FromSeconds(0.5));
        var scenario = Scenario.Create("closed", stall.StepAsync)
            .WithInit(_ => stall.StartClockAsync())
            .WithLoadSimulations(Simulation.KeepConstant(2, TimeSpan.FromSeconds(2)));

        var stats = (await Run.QuietAsync(scenario)).Scenarios[0].Stats;

        // The two virtual users simply stopped sending during the stall, so only their two calls
        // were slow: the stall is in max, but the percentiles look healthy. This is the coordinated
        // omission the open model corrects.
        Assert.True(stats.Latency.MaxMs >= Stall.TotalMilliseconds, $"max {stats.Latency.MaxMs} ms");
        Assert.True(stats.Latency.P99Ms < 0.2 * Stall.TotalMilliseconds, $"p99 {stats.Latency.P99Ms} ms");
    }

    /// <summary>A server that freezes every call for <c>duration</c> once, after <c>after</c> of the run.</summary>
    private sealed class SharedStall(TimeSpan duration, TimeSpan after)
    {
        private readonly Stopwatch _clock = new();
        private Task _gate = Task.CompletedTask;
        private int _triggered;

        public Task StartClockAsync()
        {
            _clock.Start();
            return Task.CompletedTask;
        }

        public async Task<StepResult> StepAsync(StepContext context)
        {
            if (_clock.Elapsed >= after && Interlocked.Exchange(ref _triggered, 1) == 0)
            {
                Volatile.Write(ref _gate, FreezeAsync());
            }

            await Volatile.Read(ref _gate);
            await Task.Yield();
            return StepResult.Ok();
        }

        /// <summary>
        /// At least <c>duration</c> by the Stopwatch: .NET timers tick on Linux's coarse clock and
        /// may fire a few milliseconds early, which would make "latency ≥ stall" a coin toss.
        /// </summary>
        private async Task FreezeAsync()
        {
            var frozen = Stopwatch.StartNew();
            while (frozen.Elapsed < duration)
            {
                await Task.Delay(duration - frozen.Elapsed + TimeSpan.FromMilliseconds(1));
            }
        }
    }
}
