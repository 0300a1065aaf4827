using Microsoft.Extensions.Hosting;
using Orleans.Runtime;
using Microsoft.Extensions.Logging;

namespace Exchange.Silo.Hosting;

/// <summary>
/// Gives memory back to the operating system after many applications have left memory at once
/// (idle deactivation after a busy period). The garbage collector keeps what it once committed for
/// reuse, so a silo's resident memory would otherwise stay at its peak; an aggressive, compacting
/// collection decommits it. It runs only after a large drop in activations, so its pause (a blocking
/// full collection) is rare.
/// </summary>
public sealed partial class MemoryReturnService(IActivationWorkingSet workingSet, TimeProvider clock, ILogger<MemoryReturnService> logger)
    : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    /// <summary>The smallest drop in activations since the peak that is worth a collection.</summary>
    public const int MinimumDrop = 5_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var peak = workingSet.Count;
        using var timer = new PeriodicTimer(Period, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var count = workingSet.Count;
                peak = Math.Max(peak, count);
                if (peak - count >= Math.Max(MinimumDrop, peak / 2))
                {
                    var before = Environment.WorkingSet;
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    LogReturned(logger, peak, count, before / 1024 / 1024, Environment.WorkingSet / 1024 / 1024);
                    peak = count;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Activations fell from {Peak} to {Count}: compacted the heap; resident memory {BeforeMiB} MiB -> {AfterMiB} MiB")]
    private static partial void LogReturned(ILogger logger, int peak, int count, long beforeMiB, long afterMiB);
}
