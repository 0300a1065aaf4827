namespace Exchange.LoadTesting;

/// <summary>
/// Runs one scenario's timeline: an injector for open phases, a pool of virtual users for closed
/// phases, and the per-call bookkeeping (deadline, status mapping, measurement).
/// </summary>
internal sealed class ScenarioExecutor
{
    /// <summary>How often a ramping closed phase re-evaluates its number of virtual users.</summary>
    private static readonly TimeSpan RampTick = TimeSpan.FromMilliseconds(10);

    private readonly Scenario _scenario;
    private readonly IReadOnlyList<Phase> _phases;
    private readonly TimeSpan _snapshotInterval;
    private readonly CancellationToken _abort;
    private readonly CancellationTokenSource _stop;
    private readonly InFlightTracker _inFlight = new();
    private readonly long _timeoutTicks;

    private readonly object _workersGate = new();
    private readonly List<bool> _workerActive = [];
    private int _closedTarget;
    private bool _stopping;

    private readonly object _startLagGate = new();
    private readonly Measurements _startLag = new();

    private StatsRecorder? _recorder;
    private long _startTicks;
    private long _measureStartTicks;
    private int _openOutstanding;
    private long _invocations;
    private long _liveOk;
    private long _liveFailed;
    private string? _endedEarly;

    public ScenarioExecutor(Scenario scenario, TimeSpan snapshotInterval, CancellationToken abort)
    {
        _scenario = scenario;
        _phases = Timeline.Build(scenario.Simulations);
        _snapshotInterval = snapshotInterval;
        _abort = abort;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(abort);
        _timeoutTicks = MonotonicClock.ToTicks(scenario.CallTimeout);
    }

    public string Name => _scenario.Name;

    public TimeSpan Duration => _scenario.Duration;

    /// <summary>Stopwatch timestamp of the timeline start, 0 before it.</summary>
    public long StartTicks => Volatile.Read(ref _startTicks);

    public bool IsWarmingUp => StartTicks == 0 || MonotonicClock.Now < Volatile.Read(ref _measureStartTicks);

    /// <summary>Finished calls so far, warm-up included (the statistics exclude it).</summary>
    public (long Ok, long Failed) LiveCounts => (Interlocked.Read(ref _liveOk), Interlocked.Read(ref _liveFailed));

    public StatsRecorder? Recorder => Volatile.Read(ref _recorder);

    public async Task<ScenarioResult> RunAsync()
    {
        var hook = new ScenarioHookContext(Name, _abort);
        var stepNames = _scenario.Steps.Select(s => s.Name).ToList();
        var measured = _scenario.Duration - _scenario.WarmUp;
        if (_scenario.Init is { } init)
        {
            try
            {
                await init(hook);
            }
            catch (Exception ex)
            {
                var empty = new StatsRecorder(Name, stepNames, MonotonicClock.Now, measured, _snapshotInterval);
                return BuildResult(empty, TimeSpan.Zero, $"init hook failed: {ex.GetType().Name}: {ex.Message}");
            }
        }

        var start = MonotonicClock.Now;
        Volatile.Write(ref _measureStartTicks, start + MonotonicClock.ToTicks(_scenario.WarmUp));
        var recorder = new StatsRecorder(Name, stepNames, _measureStartTicks, measured, _snapshotInterval);
        Volatile.Write(ref _recorder, recorder);
        Volatile.Write(ref _startTicks, start);

        try
        {
            await RunPhasesAsync();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped early: an exhausted feed (reason recorded) or an aborted run.
        }
        finally
        {
            lock (_workersGate)
            {
                _stopping = true;
                _closedTarget = 0;
            }
        }

        await _inFlight.WhenDrainedAsync();
        _stop.Dispose();
        var elapsed = MonotonicClock.ToTimeSpan(MonotonicClock.Now - start);
        recorder.Complete();

        string? error = null;
        if (_scenario.Clean is { } clean)
        {
            try
            {
                await clean(hook);
            }
            catch (Exception ex)
            {
                error = $"clean hook failed: {ex.GetType().Name}: {ex.Message}";
            }
        }

        if (_abort.IsCancellationRequested)
        {
            _endedEarly ??= "the run was cancelled";
        }

        return BuildResult(recorder, elapsed, error);
    }

    private ScenarioResult BuildResult(StatsRecorder recorder, TimeSpan elapsed, string? error)
    {
        var (stats, steps, series) = recorder.Build();
        LatencySummary startLag;
        lock (_startLagGate)
        {
            startLag = _startLag.Summarize();
        }

        var thresholds = _scenario.Thresholds
            .Select(t => t.Evaluate(Name, t.Step is null ? stats : steps.First(s => s.Name == t.Step)))
            .ToList();
        return new ScenarioResult(
            Name,
            _scenario.Simulations.Select(Simulation.Describe).ToList(),
            _scenario.Simulations.Any(Simulation.IsOpen),
            _scenario.WarmUp,
            _scenario.Duration - _scenario.WarmUp,
            elapsed,
            _snapshotInterval,
            stats,
            steps,
            series,
            startLag,
            thresholds,
            Volatile.Read(ref _endedEarly),
            error);
    }

    private async Task RunPhasesAsync()
    {
        foreach (var phase in _phases)
        {
            _stop.Token.ThrowIfCancellationRequested();
            var phaseStart = _startTicks + MonotonicClock.ToTicks(phase.Offset);
            var phaseEnd = _startTicks + MonotonicClock.ToTicks(phase.End);
            switch (phase.Kind)
            {
                case PhaseKind.Closed:
                    await RunClosedPhaseAsync(phase, phaseStart, phaseEnd);
                    break;
                case PhaseKind.Open:
                    SetClosedTarget(0);
                    await RunOpenPhaseAsync(phase, phaseStart, phaseEnd);
                    break;
                default:
                    SetClosedTarget(0);
                    await WaitUntilAsync(phaseEnd);
                    break;
            }
        }
    }

    // ---- open model ----

    private async Task RunOpenPhaseAsync(Phase phase, long phaseStart, long phaseEnd)
    {
        for (long k = 0; ; k++)
        {
            if (phase.CallOffsetSeconds(k) is not { } offset)
            {
                break;
            }

            // Each due time is absolute (phase start + offset), so a late wake-up makes the next
            // calls catch up at once instead of shifting the whole schedule: no drift.
            var due = phaseStart + MonotonicClock.ToTicks(offset);
            await WaitUntilAsync(due);
            Launch(due);
        }

        await WaitUntilAsync(phaseEnd);
    }

    private void Launch(long due)
    {
        var invocation = Interlocked.Increment(ref _invocations);
        var measured = due >= _measureStartTicks;

        // Only this (injector) thread increments the counter, so check-then-increment cannot overshoot.
        if (Volatile.Read(ref _openOutstanding) >= _scenario.MaxOutstandingCalls)
        {
            Interlocked.Increment(ref _liveFailed);
            if (measured)
            {
                _recorder!.RecordStep(_scenario.Steps[0].Name, StepStatus.Dropped, null, 0, 0);
                _recorder.RecordScenario(StepStatus.Dropped, null, 0, 0, due);
            }

            return;
        }

        Interlocked.Increment(ref _openOutstanding);
        _inFlight.Enter();

        // Task.Run so a step that does synchronous work before its first await cannot hold up the injector.
        _ = Task.Run(async () =>
        {
            try
            {
                await InvokeAsync(invocation, due, measured, open: true);
            }
            finally
            {
                Interlocked.Decrement(ref _openOutstanding);
                _inFlight.Exit();
            }
        });
    }

    // ---- closed model ----

    private async Task RunClosedPhaseAsync(Phase phase, long phaseStart, long phaseEnd)
    {
        var rampTicks = MonotonicClock.ToTicks(RampTick);
        while (true)
        {
            var now = MonotonicClock.Now;
            if (now >= phaseEnd)
            {
                return;
            }

            SetClosedTarget(phase.CopiesAt(MonotonicClock.ToTimeSpan(now - phaseStart)));
            var next = phase.From == phase.To ? phaseEnd : Math.Min(phaseEnd, now + rampTicks);
            await WaitUntilAsync(next);
        }
    }

    private void SetClosedTarget(int target)
    {
        lock (_workersGate)
        {
            if (_stopping)
            {
                return;
            }

            _closedTarget = target;
            while (_workerActive.Count < target)
            {
                _workerActive.Add(false);
            }

            for (var i = 0; i < target; i++)
            {
                if (!_workerActive[i])
                {
                    _workerActive[i] = true;
                    _inFlight.Enter();
                    var index = i;
                    _ = Task.Run(() => WorkerAsync(index));
                }
            }
        }
    }

    /// <summary>A virtual user: calls back-to-back while its index is below the wanted number of users.</summary>
    private async Task WorkerAsync(int index)
    {
        try
        {
            while (true)
            {
                // Deciding to stop under the same lock SetClosedTarget starts workers under means a
                // raised target can never see this worker as active while it is quitting.
                lock (_workersGate)
                {
                    if (_stopping || index >= _closedTarget || _stop.IsCancellationRequested)
                    {
                        return;
                    }
                }

                var now = MonotonicClock.Now;
                await InvokeAsync(Interlocked.Increment(ref _invocations), now, now >= _measureStartTicks, open: false);
            }
        }
        finally
        {
            lock (_workersGate)
            {
                _workerActive[index] = false;
            }

            _inFlight.Exit();
        }
    }

    // ---- one call ----

    /// <summary>
    /// Runs the steps of one call. Latency runs from <paramref name="scheduledTicks"/>: in the open
    /// model that is the time the call was due, so time spent waiting for the harness or for a
    /// stalled system is charged to the call (coordinated-omission correction); in the closed model it
    /// is the actual start.
    /// </summary>
    private async Task InvokeAsync(long invocation, long scheduledTicks, bool measured, bool open)
    {
        if (open && measured)
        {
            var lag = MonotonicClock.ToMicroseconds(MonotonicClock.Now - scheduledTicks);
            lock (_startLagGate)
            {
                _startLag.Record(lag, 0, 0);
            }
        }

        var random = _scenario.RandomSeed is { } seed
            ? new Random(unchecked((seed * 397) ^ (int)invocation ^ (int)(invocation >> 32)))
            : Random.Shared;
        var status = StepStatus.Ok;
        long sent = 0, received = 0, end = scheduledTicks;
        for (var i = 0; i < _scenario.Steps.Count; i++)
        {
            var step = _scenario.Steps[i];
            var stepStart = MonotonicClock.Now;
            var outcome = await RunStepAsync(step, invocation, random);
            end = outcome.EndTicks;
            sent += outcome.BytesSent;
            received += outcome.BytesReceived;

            // The first step carries the wait before the call started, so per-step figures show a stall too.
            var from = i == 0 ? scheduledTicks : stepStart;
            if (measured)
            {
                _recorder!.RecordStep(step.Name, outcome.Status, MonotonicClock.ToMicroseconds(end - from), outcome.BytesSent, outcome.BytesReceived);
            }

            if (outcome.Status != StepStatus.Ok)
            {
                status = outcome.Status;
                break;
            }
        }

        if (measured)
        {
            _recorder!.RecordScenario(status, MonotonicClock.ToMicroseconds(end - scheduledTicks), sent, received, end);
        }

        Interlocked.Increment(ref status == StepStatus.Ok ? ref _liveOk : ref _liveFailed);
        if (status == StepStatus.FeedExhausted && Interlocked.CompareExchange(ref _endedEarly, "a unique data feed was exhausted", null) is null)
        {
            await _stop.CancelAsync();
        }
    }

    private readonly record struct StepOutcome(string Status, long BytesSent, long BytesReceived, long EndTicks);

    private async Task<StepOutcome> RunStepAsync(Step step, long invocation, Random random)
    {
        using var timeoutCts = new CancellationTokenSource(_scenario.CallTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_abort, timeoutCts.Token);
        var start = MonotonicClock.Now;
        var context = new StepContext(
            Name, step.Name, invocation, linked.Token, DateTime.UtcNow + _scenario.CallTimeout, _scenario.CallTimeout, random, _scenario.Feeds);

        Task<StepResult>? task = null;
        StepResult? result = null;
        Exception? error = null;
        try
        {
            task = step.Run(context) ?? throw new InvalidOperationException($"Step '{step.Name}' returned no task.");

            // WaitAsync stops waiting at the deadline even if the step ignores its token, so one hung
            // call cannot hold the scenario (or its virtual user) forever.
            result = await task.WaitAsync(linked.Token);
        }
        catch (Exception ex)
        {
            error = ex;
        }

        var end = MonotonicClock.Now;
        if (task is { IsCompleted: false })
        {
            // Abandoned after the deadline: observe its eventual exception so it is not reported as unobserved.
            _ = task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        // Judged by elapsed time, not by which exception surfaced: a step that passes the deadline to
        // gRPC may see DEADLINE_EXCEEDED or CANCELLED a moment before or after our own timer fires.
        var timedOut = end - start >= _timeoutTicks || (result is not { IsOk: true } && timeoutCts.IsCancellationRequested);
        var status = timedOut ? StepStatus.Timeout
            : error is OperationCanceledException && _abort.IsCancellationRequested ? StepStatus.Cancelled
            : error is not null ? StepStatus.FromException(error)
            : string.IsNullOrWhiteSpace(result!.Status) ? StepStatus.ExceptionPrefix + "BlankStatus"
            : result.Status;
        return new StepOutcome(status, result?.BytesSent ?? 0, result?.BytesReceived ?? 0, end);
    }

    /// <summary>
    /// Waits until a Stopwatch timestamp. Task.Delay only has millisecond granularity, so the wait is
    /// rounded up (never starting a call early) and any lateness is visible as start lag.
    /// </summary>
    private async Task WaitUntilAsync(long dueTicks)
    {
        while (true)
        {
            var remaining = dueTicks - MonotonicClock.Now;
            if (remaining <= 0)
            {
                return;
            }

            var ms = (int)Math.Min(int.MaxValue, Math.Ceiling(remaining * 1000.0 / MonotonicClock.Frequency));
            await Task.Delay(ms, _stop.Token);
        }
    }
}
