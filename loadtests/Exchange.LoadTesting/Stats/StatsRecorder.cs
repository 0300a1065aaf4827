namespace Exchange.LoadTesting;

/// <summary>
/// Collects the measured calls of one scenario: per status for the scenario and for each step,
/// plus a time series of fixed intervals. One lock guards everything: HdrHistogram is not
/// thread-safe, and a few thousand lock acquisitions per second are far below contention costs
/// that would distort the latencies being measured.
/// </summary>
internal sealed class StatsRecorder
{
    private readonly object _gate = new();
    private readonly string _scenarioName;
    private readonly IReadOnlyList<string> _stepNames;
    private readonly long _measureStartTicks;
    private readonly long _intervalTicks;
    private readonly long _lastIntervalIndex;
    private readonly long _measuredTicks;

    private readonly Dictionary<string, Measurements> _scenario = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, Measurements>> _steps = new(StringComparer.Ordinal);
    private readonly Measurements _scenarioAll = new();

    private readonly Measurements _interval = new();
    private readonly List<IntervalSnapshot> _series = [];
    private long _intervalIndex;
    private long _intervalExecuted;
    private long _intervalErrors;
    private bool _completed;

    /// <param name="scenarioName">Name used for the scenario-level statistics.</param>
    /// <param name="stepNames">Steps in declaration order, so reports list them that way.</param>
    /// <param name="measureStartTicks">Stopwatch timestamp at which warm-up ends and measurement starts.</param>
    /// <param name="measured">Measured duration (timeline minus warm-up); RPS is computed over it.</param>
    /// <param name="snapshotInterval">Length of each time-series interval.</param>
    public StatsRecorder(
        string scenarioName,
        IReadOnlyList<string> stepNames,
        long measureStartTicks,
        TimeSpan measured,
        TimeSpan snapshotInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(snapshotInterval, TimeSpan.Zero);
        _scenarioName = scenarioName;
        _stepNames = stepNames;
        _measureStartTicks = measureStartTicks;
        _measuredTicks = Math.Max(1, MonotonicClock.ToTicks(measured));
        _intervalTicks = MonotonicClock.ToTicks(snapshotInterval);
        _lastIntervalIndex = Math.Max(0, (_measuredTicks - 1) / _intervalTicks);
        foreach (var step in stepNames)
        {
            _steps[step] = new Dictionary<string, Measurements>(StringComparer.Ordinal);
        }
    }

    public long MeasureStartTicks => _measureStartTicks;

    /// <summary>Records one step call.</summary>
    public void RecordStep(string step, string status, long? latencyMicros, long bytesSent, long bytesReceived)
    {
        lock (_gate)
        {
            var byStatus = _steps[step];
            if (!byStatus.TryGetValue(status, out var m))
            {
                byStatus[status] = m = new Measurements();
            }

            m.Record(latencyMicros, bytesSent, bytesReceived);
        }
    }

    /// <summary>
    /// Records one scenario call (a pass through the steps) that ended at <paramref name="completedTicks"/>;
    /// that time decides its interval in the time series.
    /// </summary>
    public void RecordScenario(string status, long? latencyMicros, long bytesSent, long bytesReceived, long completedTicks)
    {
        lock (_gate)
        {
            if (!_scenario.TryGetValue(status, out var m))
            {
                _scenario[status] = m = new Measurements();
            }

            m.Record(latencyMicros, bytesSent, bytesReceived);
            _scenarioAll.Record(latencyMicros, bytesSent, bytesReceived);

            // Calls still draining after the timeline's end belong to its last interval: a
            // sliver-long extra interval would chart a meaningless RPS spike or dip.
            var index = Math.Clamp((completedTicks - _measureStartTicks) / _intervalTicks, 0, _lastIntervalIndex);
            if (!_completed)
            {
                AdvanceIntervalsTo(index);
            }

            _interval.Record(latencyMicros, bytesSent, bytesReceived);
            if (latencyMicros is not null)
            {
                _intervalExecuted++;
            }

            if (status != StepStatus.Ok)
            {
                _intervalErrors++;
            }
        }
    }

    /// <summary>Live figures for the progress display: measured calls so far and their p99.</summary>
    public (long Ok, long Failed, double P99Ms) Live()
    {
        lock (_gate)
        {
            var ok = _scenario.TryGetValue(StepStatus.Ok, out var m) ? m.Count : 0;
            return (ok, _scenarioAll.Count - ok, _scenarioAll.PercentileMs(99));
        }
    }

    /// <summary>Closes the time series: every interval up to the end of the timeline gets a snapshot, empty ones too.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            AdvanceIntervalsTo(_lastIntervalIndex);
            CloseInterval();
            _completed = true;
        }
    }

    /// <summary>Builds the statistics; call after <see cref="Complete"/>.</summary>
    public (CallStats Scenario, IReadOnlyList<CallStats> Steps, IReadOnlyList<IntervalSnapshot> Series) Build()
    {
        lock (_gate)
        {
            var seconds = MonotonicClock.ToSeconds(_measuredTicks);
            var scenario = Summarize(_scenarioName, _scenario, seconds);
            var steps = _stepNames.Select(s => Summarize(s, _steps[s], seconds)).ToList();
            return (scenario, steps, _series.ToList());
        }
    }

    private void AdvanceIntervalsTo(long index)
    {
        while (_intervalIndex < index)
        {
            CloseInterval();
            _intervalIndex++;
        }
    }

    private void CloseInterval()
    {
        var start = _intervalIndex * _intervalTicks;
        var end = Math.Min(start + _intervalTicks, _measuredTicks);
        var seconds = MonotonicClock.ToSeconds(Math.Max(1, end - start));
        _series.Add(new IntervalSnapshot(
            Start: MonotonicClock.ToTimeSpan(start),
            Duration: MonotonicClock.ToTimeSpan(end - start),
            Count: _interval.Count,
            Rps: _intervalExecuted / seconds,
            P50Ms: _interval.PercentileMs(50),
            P99Ms: _interval.PercentileMs(99),
            Errors: _intervalErrors,
            MaxMs: _interval.Summarize().MaxMs));
        _interval.Reset();
        _intervalExecuted = 0;
        _intervalErrors = 0;
    }

    private static CallStats Summarize(string name, Dictionary<string, Measurements> byStatus, double seconds)
    {
        var all = new Measurements();
        foreach (var m in byStatus.Values)
        {
            all.Add(m);
        }

        var ok = byStatus.TryGetValue(StepStatus.Ok, out var okM) ? okM.Count : 0;
        var dropped = byStatus.TryGetValue(StepStatus.Dropped, out var dropM) ? dropM.Count : 0;
        var statuses = byStatus
            .OrderByDescending(kv => kv.Value.Count)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new StatusStats(
                kv.Key,
                kv.Value.Count,
                (kv.Key == StepStatus.Dropped ? kv.Value.Count : kv.Value.LatencySamples) / seconds,
                kv.Value.Summarize(),
                kv.Value.BytesSent,
                kv.Value.BytesReceived))
            .ToList();

        return new CallStats(
            Name: name,
            Count: all.Count,
            OkCount: ok,
            FailCount: all.Count - ok,
            DroppedCount: dropped,
            Rps: all.LatencySamples / seconds,
            FailPercent: all.Count == 0 ? 0 : (all.Count - ok) * 100.0 / all.Count,
            Latency: all.Summarize(),
            BytesSent: all.BytesSent,
            BytesReceived: all.BytesReceived,
            ByStatus: statuses);
    }
}
