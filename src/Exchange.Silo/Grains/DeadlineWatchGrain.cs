using Exchange.Abstractions;
using Exchange.Storage.Deadlines;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Exchange.Silo.Grains;

/// <summary>
/// The hub's deadline watcher (one per cluster, key 0). Why not one reminder per application: a
/// judicial confirmation's acceptance deadline starts at submission, and registering a reminder
/// there would add a second commit to every submission (docs/ARCHITECTURE.md). Instead every
/// application's next unflagged deadline is in the read model (watch_at, written by the same
/// statement as its state), and this grain's reminder polls it. An application whose check fails
/// backs off (<see cref="StuckDeadlineChecks"/>) instead of being fetched first on every tick.
/// </summary>
public sealed partial class DeadlineWatchGrain(
    DueDeadlines dueDeadlines,
    StuckDeadlineChecks stuck,
    [FromKeyedServices(ShiftedClock.LegalClock)] TimeProvider clock,
    IOptions<DeadlineOptions> options,
    ILogger<DeadlineWatchGrain> logger) : Grain, IDeadlineWatchGrain, IRemindable
{
    private const string ReminderName = "deadline-watch";
    private const int Parallelism = 16;
    private const int MaxRoundsPerTick = 10;

    private int reportedStuck;

    public async Task StartAsync()
    {
        // Register-or-update also applies a changed check period; the schedule restarts from now.
        var period = options.Value.CheckPeriod;
        await this.RegisterOrUpdateReminder(ReminderName, period, period);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status) => await CheckNowAsync();

    public async Task<int> CheckNowAsync()
    {
        var total = 0;
        var batchSize = options.Value.BatchSize;
        var seen = new HashSet<Guid>();
        var drained = false;
        // The first round's time: an application whose retry time had come by then was left out of
        // no round's query, so if none found it, it is no longer due. (Settling at a later time
        // removed one whose retry fell between the query and the settling, and reset its back-off.)
        var tickStart = clock.GetUtcNow();
        // Bounded: a tick must end even when applications keep coming due.
        for (var round = 0; round < MaxRoundsPerTick; round++)
        {
            var now = round == 0 ? tickStart : clock.GetUtcNow();
            var due = await dueDeadlines.FindAsync(now, batchSize, [.. stuck.Waiting(now).Concat(seen)]);
            using var gate = new SemaphoreSlim(Parallelism);
            await Task.WhenAll(due.Select(async id =>
            {
                await gate.WaitAsync();
                try
                {
                    await GrainFactory.GetGrain<IApplicationGrain>(id.ToString()).CheckDeadlinesAsync();
                    stuck.Succeeded(id);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    LogCheckFailed(logger, ex, id, stuck.Failed(id, clock.GetUtcNow()));
                }
                finally
                {
                    gate.Release();
                }
            }));
            seen.UnionWith(due);
            total += due.Count;
            if (due.Count < batchSize)
            {
                drained = true;
                break;
            }
        }

        if (drained)
        {
            stuck.Settle(seen, tickStart);
        }

        ReportStuck();
        return total;
    }

    private void ReportStuck()
    {
        var count = stuck.Count;
        if (count != reportedStuck)
        {
            LogStuckChanged(logger, count, reportedStuck);
            reportedStuck = count;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deadline check of application {ApplicationId} failed; tried again at {RetryAt:O}")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, Guid applicationId, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deadline watch: {Count} application(s) stuck (their deadline check keeps failing; was {Previous})")]
    private static partial void LogStuckChanged(ILogger logger, int count, int previous);
}
