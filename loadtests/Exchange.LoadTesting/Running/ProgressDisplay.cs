using System.Globalization;

namespace Exchange.LoadTesting;

/// <summary>
/// Live progress: on a terminal one line rewritten in place a few times a second; when output is
/// redirected (CI logs, files) a plain line every <c>plainInterval</c>, since carriage returns would
/// pile up as garbage in a log.
/// </summary>
internal sealed class ProgressDisplay(
    TextWriter writer,
    bool interactive,
    IReadOnlyList<ScenarioExecutor> executors,
    TimeSpan total,
    TimeSpan plainInterval)
{
    private static readonly TimeSpan InteractiveRefresh = TimeSpan.FromMilliseconds(250);

    /// <summary>RPS is averaged over about this long so the figure is steady enough to read.</summary>
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(1);

    private readonly long _startTicks = MonotonicClock.Now;
    private readonly Queue<(long Ticks, long Calls)> _samples = new([(MonotonicClock.Now, 0L)]);
    private int _lastLength;

    public async Task RunAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interactive ? InteractiveRefresh : plainInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                Write(Line());
            }
        }
        catch (OperationCanceledException)
        {
            // The run finished.
        }

        Write(Line());
        if (interactive)
        {
            writer.WriteLine();
        }
    }

    /// <summary>The progress line, e.g. "[  12.0s / 60.0s] 199.8 rps | ok 2391 | fail 0 | p99 3.41 ms".</summary>
    internal string Line()
    {
        var now = MonotonicClock.Now;
        long ok = 0, failed = 0;
        double p99 = 0;
        var warming = true;
        foreach (var e in executors)
        {
            var (o, f) = e.LiveCounts;
            ok += o;
            failed += f;
            warming &= e.IsWarmingUp;
            if (e.Recorder is { } r)
            {
                p99 = Math.Max(p99, r.Live().P99Ms);
            }
        }

        _samples.Enqueue((now, ok + failed));
        while (_samples.Count > 2 && now - _samples.ElementAt(1).Ticks >= MonotonicClock.ToTicks(RateWindow))
        {
            _samples.Dequeue();
        }

        var (firstTicks, firstCalls) = _samples.Peek();
        var seconds = MonotonicClock.ToSeconds(now - firstTicks);
        var rps = seconds > 0 ? (ok + failed - firstCalls) / seconds : 0;
        var elapsed = MonotonicClock.ToSeconds(now - _startTicks);
        var p99Text = p99 > 0 ? p99.ToString("0.##", CultureInfo.InvariantCulture) + " ms" : "-";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"[{elapsed,6:0.0}s / {total.TotalSeconds:0.0}s] {rps,8:0.0} rps | ok {ok} | fail {failed} | p99 {p99Text}{(warming ? " | warm-up" : string.Empty)}");
    }

    private void Write(string line)
    {
        if (!interactive)
        {
            writer.WriteLine(line);
            return;
        }

        // Pad over the previous line's tail: the new line may be shorter.
        writer.Write("\r" + line.PadRight(_lastLength));
        writer.Flush();
        _lastLength = line.Length;
    }
}
