using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Exchange.Silo.Hosting;

/// <summary>
/// Gives memory back to the operating system after many applications have left memory at once
/// (idle deactivation after a busy period). The garbage collector keeps what it once committed for
/// reuse, so a silo's resident memory would otherwise stay at its peak; an aggressive, compacting
/// collection decommits it. It runs only after a large drop in active applications, so its pause (a
/// blocking full collection) is rare.
/// </summary>
/// <remarks>
/// It counts the application grains themselves (<see cref="ActiveApplications"/>), which fall only
/// once deactivated, and waits until the count has settled (Orleans deactivates idle grains over a
/// collection quantum): one collection then finds them all garbage. An earlier version watched
/// Orleans' working set, which drops activations as soon as they go idle, minutes before they are
/// collected, and needed a second, timed collection; and a drop of a few thousand could fall between
/// its samples unnoticed.
/// </remarks>
public sealed partial class MemoryReturnService(ActiveApplications active, TimeProvider clock, ILogger<MemoryReturnService> logger)
    : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    /// <summary>The smallest drop in active applications since the peak that is worth a collection.</summary>
    public const int MinimumDrop = 5_000;

    /// <summary>A count that fell by less than this over one period has settled.</summary>
    private const int Settled = MinimumDrop / 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var peak = active.Count;
        var previous = peak;
        using var timer = new PeriodicTimer(Period, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var count = active.Count;
                peak = Math.Max(peak, count);
                if (peak - count >= Math.Max(MinimumDrop, peak / 2) && previous - count < Settled)
                {
                    Compact(peak, count);
                    peak = count;
                }

                previous = count;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private void Compact(int peak, int count)
    {
        var before = Environment.WorkingSet;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        LogReturned(logger, peak, count, before / 1024 / 1024, Environment.WorkingSet / 1024 / 1024);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Active applications fell from {Peak} to {Count}: compacted the heap; resident memory {BeforeMiB} MiB -> {AfterMiB} MiB")]
    private static partial void LogReturned(ILogger logger, int peak, int count, long beforeMiB, long afterMiB);
}
