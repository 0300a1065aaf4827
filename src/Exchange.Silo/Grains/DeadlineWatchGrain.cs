using Exchange.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Exchange.Silo.Grains;

/// <summary>
/// The hub's deadline watcher (one per cluster, key 0). Why not one reminder per application: a
/// judicial confirmation's acceptance deadline starts at submission, and registering a reminder
/// there would add a second commit to every submission (docs/ARCHITECTURE.md). Instead every
/// application's next unflagged deadline is in the read model (watch_at, written by the same
/// statement as its state), and this grain's reminder polls it.
/// </summary>
public sealed partial class DeadlineWatchGrain(
    NpgsqlDataSource dataSource,
    TimeProvider clock,
    IOptions<DeadlineOptions> options,
    ILogger<DeadlineWatchGrain> logger) : Grain, IDeadlineWatchGrain, IRemindable
{
    private const string ReminderName = "deadline-watch";
    private const int Parallelism = 16;
    private const int MaxRoundsPerTick = 10;

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
        // Bounded: applications whose check keeps failing stay due, and must not hold the tick forever.
        for (var round = 0; round < MaxRoundsPerTick; round++)
        {
            var due = await DueAsync(clock.GetUtcNow(), batchSize);
            using var gate = new SemaphoreSlim(Parallelism);
            await Task.WhenAll(due.Select(async id =>
            {
                await gate.WaitAsync();
                try
                {
                    await GrainFactory.GetGrain<IApplicationGrain>(id.ToString()).CheckDeadlinesAsync();
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // The next tick asks again: its watch_at has not moved.
                    LogCheckFailed(logger, ex, id);
                }
                finally
                {
                    gate.Release();
                }
            }));
            total += due.Count;
            if (due.Count < batchSize)
            {
                break;
            }
        }

        return total;
    }

    private async Task<List<Guid>> DueAsync(DateTimeOffset now, int limit)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT application_id FROM exchange_applications WHERE watch_at <= $1 ORDER BY watch_at LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deadline check of application {ApplicationId} failed; retried on the next tick")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, Guid applicationId);
}
