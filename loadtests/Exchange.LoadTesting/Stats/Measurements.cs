using HdrHistogram;

namespace Exchange.LoadTesting;

/// <summary>
/// Counts, bytes and a latency histogram for one set of calls. Not thread-safe: the
/// <see cref="StatsRecorder"/> owning it serialises access.
/// </summary>
internal sealed class Measurements
{
    /// <summary>One hour: open-model latencies include queueing, so they can grow far beyond a call timeout.</summary>
    public const long HighestTrackableMicroseconds = 3_600_000_000;

    private const int SignificantDigits = 3;

    // HdrHistogram allocates its counts array up front (~190 KB for this range), so it is created
    // only once a latency is recorded: most status/step combinations never see one.
    private LongHistogram? _histogram;
    private long _minMicros = long.MaxValue;
    private long _maxMicros;
    private long _sumMicros;

    public long Count { get; private set; }

    public long BytesSent { get; private set; }

    public long BytesReceived { get; private set; }

    public long LatencySamples => _histogram?.TotalCount ?? 0;

    /// <summary>Records one call; <paramref name="latencyMicros"/> is null for a call that never ran.</summary>
    public void Record(long? latencyMicros, long bytesSent, long bytesReceived)
    {
        Count++;
        BytesSent += bytesSent;
        BytesReceived += bytesReceived;
        if (latencyMicros is not { } micros)
        {
            return;
        }

        // Clamping instead of throwing: an absurd latency must still count as a (very slow) call.
        micros = Math.Clamp(micros, 0, HighestTrackableMicroseconds);
        _histogram ??= NewHistogram();
        _histogram.RecordValue(micros);
        _sumMicros += micros;
        _minMicros = Math.Min(_minMicros, micros);
        _maxMicros = Math.Max(_maxMicros, micros);
    }

    public void Add(Measurements other)
    {
        Count += other.Count;
        BytesSent += other.BytesSent;
        BytesReceived += other.BytesReceived;
        if (other._histogram is null || other._histogram.TotalCount == 0)
        {
            return;
        }

        _histogram ??= NewHistogram();
        _histogram.Add(other._histogram);
        _sumMicros += other._sumMicros;
        _minMicros = Math.Min(_minMicros, other._minMicros);
        _maxMicros = Math.Max(_maxMicros, other._maxMicros);
    }

    public void Reset()
    {
        Count = 0;
        BytesSent = 0;
        BytesReceived = 0;
        _histogram?.Reset();
        _sumMicros = 0;
        _minMicros = long.MaxValue;
        _maxMicros = 0;
    }

    public double PercentileMs(double percentile) =>
        _histogram is { TotalCount: > 0 } h ? ToMs(Percentile(h, percentile)) : 0;

    public LatencySummary Summarize()
    {
        if (_histogram is not { TotalCount: > 0 } h)
        {
            return LatencySummary.Empty;
        }

        return new LatencySummary(
            Samples: h.TotalCount,
            MinMs: ToMs(_minMicros),
            MeanMs: _sumMicros / (double)h.TotalCount / 1000.0,
            MaxMs: ToMs(_maxMicros),
            P50Ms: ToMs(Percentile(h, 50)),
            P75Ms: ToMs(Percentile(h, 75)),
            P90Ms: ToMs(Percentile(h, 90)),
            P95Ms: ToMs(Percentile(h, 95)),
            P99Ms: ToMs(Percentile(h, 99)),
            P999Ms: ToMs(Percentile(h, 99.9)));
    }

    // HdrHistogram answers with the highest value equivalent to the bucket, which can lie a little
    // above the exact maximum; a p99.9 printed larger than max would only confuse a reader.
    private long Percentile(LongHistogram histogram, double percentile) =>
        Math.Clamp(histogram.GetValueAtPercentile(percentile), _minMicros, _maxMicros);

    private static LongHistogram NewHistogram() => new(1, HighestTrackableMicroseconds, SignificantDigits);

    private static double ToMs(long micros) => micros / 1000.0;
}
