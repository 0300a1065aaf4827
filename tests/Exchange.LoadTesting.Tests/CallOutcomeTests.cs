using Grpc.Core;

namespace Exchange.LoadTesting.Tests;

public sealed class CallOutcomeTests
{
    private static readonly LoadSimulation TenCalls = Simulation.Inject(100, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(0.1));

    [Fact]
    public async Task RunAsync_StepThrows_StatusIsExceptionTypeName()
    {
        var scenario = Scenario.Create("s", _ => throw new InvalidOperationException("boom")).WithLoadSimulations(TenCalls);

        var stats = (await Run.QuietAsync(scenario)).Scenarios[0].Stats;

        Assert.Equal(10, stats.CountOf("EXCEPTION:InvalidOperationException"));
        Assert.Equal(100, stats.FailPercent);
    }

    [Theory]
    [InlineData(StatusCode.DeadlineExceeded, "DEADLINE_EXCEEDED")]
    [InlineData(StatusCode.Unavailable, "UNAVAILABLE")]
    [InlineData(StatusCode.ResourceExhausted, "RESOURCE_EXHAUSTED")]
    public async Task RunAsync_StepThrowsRpcException_StatusIsGrpcCodeName(StatusCode code, string expected)
    {
        var scenario = Scenario.Create("s", async _ =>
            {
                await Task.Yield();
                throw new RpcException(new Status(code, "from server"));
            })
            .WithLoadSimulations(TenCalls);

        var stats = (await Run.QuietAsync(scenario)).Scenarios[0].Stats;

        Assert.Equal(10, stats.CountOf(expected));
    }

    [Fact]
    public async Task RunAsync_StepHonoursTokenPastDeadline_StatusIsTimeout()
    {
        var scenario = Scenario.Create("s", async ctx =>
            {
                await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
                return StepResult.Ok();
            })
            .WithCallTimeout(TimeSpan.FromMilliseconds(100))
            .WithLoadSimulations(TenCalls);

        var stats = (await Run.QuietAsync(scenario)).Scenarios[0].Stats;

        Assert.Equal(10, stats.CountOf(StepStatus.Timeout));

        // .NET timers run on Linux's coarse monotonic clock (4 ms ticks), so the deadline can fire a
        // few milliseconds before the Stopwatch says it is due; the call is a TIMEOUT all the same.
        Assert.True(stats.Latency.MinMs >= 90, $"min {stats.Latency.MinMs} ms");
    }

    [Fact]
    public async Task RunAsync_StepIgnoresToken_AbandonedAtDeadlineAsTimeout()
    {
        var never = new TaskCompletionSource<StepResult>();
        var scenario = Scenario.Create("s", _ => never.Task)
            .WithCallTimeout(TimeSpan.FromMilliseconds(100))
            .WithLoadSimulations(TenCalls);

        var result = await Run.QuietAsync(scenario);

        Assert.Equal(10, result.Scenarios[0].Stats.CountOf(StepStatus.Timeout));
        Assert.True(result.Scenarios[0].Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task RunAsync_StepReportsFailure_LaterStepsDoNotRunAndScenarioTakesItsStatus()
    {
        var secondRan = 0;
        var scenario = Scenario.Create(
                "s",
                Step.Create("first", _ => Task.FromResult(StepResult.Fail(StatusCode.NotFound, bytesSent: 7))),
                Step.Create("second", _ =>
                {
                    Interlocked.Increment(ref secondRan);
                    return Task.FromResult(StepResult.Ok());
                }))
            .WithLoadSimulations(TenCalls);

        var s = (await Run.QuietAsync(scenario)).Scenarios[0];

        Assert.Equal(0, secondRan);
        Assert.Equal(10, s.Stats.CountOf("NOT_FOUND"));
        Assert.Equal(70, s.Stats.BytesSent);
        Assert.Equal(10, s.Steps[0].CountOf("NOT_FOUND"));
        Assert.Equal(0, s.Steps[1].Count);
    }

    [Fact]
    public async Task RunAsync_WarmUp_CallsRunButOnlyLaterOnesAreMeasured()
    {
        var ran = 0;
        var scenario = Scenario.Create("s", _ =>
            {
                Interlocked.Increment(ref ran);
                return Task.FromResult(StepResult.Ok());
            })
            .WithWarmUp(TimeSpan.FromSeconds(0.5))
            .WithLoadSimulations(Simulation.Inject(100, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));

        var s = (await Run.QuietAsync(scenario)).Scenarios[0];

        Assert.Equal(100, ran);
        Assert.Equal(50, s.Stats.Count); // due at 0.50 s .. 0.99 s
        Assert.Equal(TimeSpan.FromSeconds(0.5), s.Duration);
        Assert.Equal(100, s.Stats.Rps, precision: 6);
    }

    [Fact]
    public async Task RunAsync_OutstandingCapReached_DueCallsCountAsDropped()
    {
        var scenario = Scenario.Create("s", async ctx =>
            {
                // Each call outlives the whole 0.5 s schedule, so the first five hold every slot.
                await Task.Delay(700, ctx.CancellationToken);
                return StepResult.Ok();
            })
            .WithMaxOutstandingCalls(5)
            .WithLoadSimulations(Simulation.Inject(100, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(0.5)));

        var s = (await Run.QuietAsync(scenario)).Scenarios[0];

        Assert.Equal(50, s.Stats.Count);
        Assert.Equal(5, s.Stats.OkCount);
        Assert.Equal(45, s.Stats.DroppedCount);
        Assert.Equal(45, s.Stats.CountOf(StepStatus.Dropped));
        Assert.Equal(90, s.Stats.FailPercent, precision: 6);
    }

    [Fact]
    public async Task RunAsync_KeepConstant_RunsExactlyThatManyConcurrentUsers()
    {
        int current = 0, peak = 0;
        var scenario = Scenario.Create("s", async _ =>
            {
                var now = Interlocked.Increment(ref current);
                InterlockedMax(ref peak, now);
                await Task.Delay(20);
                Interlocked.Decrement(ref current);
                return StepResult.Ok();
            })
            .WithLoadSimulations(Simulation.KeepConstant(3, TimeSpan.FromSeconds(0.7)));

        var s = (await Run.QuietAsync(scenario)).Scenarios[0];

        Assert.Equal(3, peak);
        Assert.True(s.Stats.OkCount >= 3);
        Assert.Equal(0, s.StartLag.Samples); // start lag is an open-model notion
    }

    [Fact]
    public async Task RunAsync_RampingConstant_RampsUsersUpFromZero()
    {
        int current = 0, peak = 0;
        var allFourIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scenario = Scenario.Create("s", async _ =>
            {
                var now = Interlocked.Increment(ref current);
                InterlockedMax(ref peak, now);
                if (now >= 4)
                {
                    allFourIn.TrySetResult();
                }

                // Each call waits (bounded) until four are in flight at once, so the number of users
                // the ramp created shows as concurrency however busy the machine is.
                await Task.WhenAny(allFourIn.Task, Task.Delay(TimeSpan.FromSeconds(1)));
                Interlocked.Decrement(ref current);
                return StepResult.Ok();
            })
            .WithLoadSimulations(Simulation.RampingConstant(4, TimeSpan.FromSeconds(0.3)), Simulation.KeepConstant(4, TimeSpan.FromSeconds(0.7)));

        await Run.QuietAsync(scenario);

        Assert.Equal(4, peak);
    }

    [Fact]
    public async Task RunAsync_Hooks_InitBeforeCallsCleanAfter()
    {
        var events = new List<string>();
        var scenario = Scenario.Create("s", _ =>
            {
                lock (events)
                {
                    if (events[^1] != "call")
                    {
                        events.Add("call");
                    }
                }

                return Task.FromResult(StepResult.Ok());
            })
            .WithInit(ctx =>
            {
                events.Add("init " + ctx.ScenarioName);
                return Task.CompletedTask;
            })
            .WithClean(_ =>
            {
                events.Add("clean");
                return Task.CompletedTask;
            })
            .WithLoadSimulations(TenCalls);

        var result = await Run.QuietAsync(scenario);

        Assert.Equal(["init s", "call", "clean"], events);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task RunAsync_InitThrows_ScenarioNotRunAndExitCodeTwo()
    {
        var calls = 0;
        var scenario = Scenario.Create("s", _ =>
            {
                Interlocked.Increment(ref calls);
                return Task.FromResult(StepResult.Ok());
            })
            .WithInit(_ => throw new InvalidOperationException("no server"))
            .WithLoadSimulations(TenCalls);

        var result = await Run.QuietAsync(scenario);

        Assert.Equal(0, calls);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no server", result.Scenarios[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Cancelled_StopsEarlyWithExitCodeTwo()
    {
        using var cts = new CancellationTokenSource();
        var scenario = Scenario.Create("s", async ctx =>
            {
                cts.Cancel();
                await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
                return StepResult.Ok();
            })
            .WithLoadSimulations(Simulation.KeepConstant(1, TimeSpan.FromSeconds(30)));

        var result = await LoadRunner.RegisterScenarios(scenario).WithReportFormats(ReportFormat.None).WithProgress(false).RunAsync(cts.Token);

        Assert.True(result.Cancelled);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(1, result.Scenarios[0].Stats.CountOf(StepStatus.Cancelled));
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task StepContext_SeededScenario_SameRandomPerInvocationAcrossRuns()
    {
        async Task<int[]> DrawAsync()
        {
            var draws = new int[10];
            var scenario = Scenario.Create("s", ctx =>
                {
                    draws[ctx.InvocationNumber - 1] = ctx.Random.Next();
                    return Task.FromResult(StepResult.Ok());
                })
                .WithRandomSeed(42)
                .WithLoadSimulations(TenCalls);
            await Run.QuietAsync(scenario);
            return draws;
        }

        Assert.Equal(await DrawAsync(), await DrawAsync());
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
