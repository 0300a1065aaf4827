using System.Diagnostics;

namespace Exchange.LoadTesting;

/// <summary>
/// Stopwatch timestamps: monotonic and high resolution (nanoseconds on Linux), unlike DateTime,
/// which can jump with NTP and would corrupt latencies measured across a correction.
/// </summary>
internal static class MonotonicClock
{
    public static long Now => Stopwatch.GetTimestamp();

    public static long Frequency => Stopwatch.Frequency;

    public static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    public static long ToTicks(double seconds) => (long)(seconds * Stopwatch.Frequency);

    public static TimeSpan ToTimeSpan(long ticks) => TimeSpan.FromSeconds(ticks / (double)Stopwatch.Frequency);

    public static double ToSeconds(long ticks) => ticks / (double)Stopwatch.Frequency;

    public static long ToMicroseconds(long ticks) => (long)(ticks * (1_000_000.0 / Stopwatch.Frequency));
}
