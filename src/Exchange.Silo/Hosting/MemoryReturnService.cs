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
/// <remarks>
/// The working set shrinks when activations become idle, which is before they are collected
/// (GrainCollectionOptions.CollectionAge): a collection then finds them still referenced. So a drop
/// triggers two collections: one at once, and one after the collection age and two collection
/// quanta, when the idle activations are gone and their state is garbage.
/// </remarks>
public sealed partial class MemoryReturnService(
    IActivationWorkingSet workingSet,
    TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<Orleans.Configuration.GrainCollectionOptions> collection,
    ILogger<MemoryReturnService> logger)
    : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    /// <summary>The smallest drop in activations since the peak that is worth a collection.</summary>
    public const int MinimumDrop = 5_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var peak = workingSet.Count;
        DateTimeOffset? secondPassAt = null;
        var collected = collection.Value.CollectionAge + (2 * collection.Value.CollectionQuantum);
        using var timer = new PeriodicTimer(Period, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var count = workingSet.Count;
                peak = Math.Max(peak, count);
                if (peak - count >= Math.Max(MinimumDrop, peak / 2))
                {
                    Compact(peak, count);
                    peak = count;
                    secondPassAt = clock.GetUtcNow() + collected;
                }
                else if (secondPassAt is { } due && clock.GetUtcNow() >= due)
                {
                    Compact(peak, count);
                    secondPassAt = null;
                }
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Activations fell from {Peak} to {Count}: compacted the heap; resident memory {BeforeMiB} MiB -> {AfterMiB} MiB")]
    private static partial void LogReturned(ILogger logger, int peak, int count, long beforeMiB, long afterMiB);
}
