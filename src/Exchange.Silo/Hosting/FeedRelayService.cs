using System.Diagnostics;
using System.Diagnostics.Metrics;
using Exchange.Storage.Feed;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Exchange.Silo.Hosting;

/// <summary>Exchange:Feed settings of the silo.</summary>
public sealed class FeedOptions
{
    /// <summary>False stops this silo's relay (for measuring what the relay costs; feeds then stand still).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long feed entries are kept; tokens older than that are expired.</summary>
    public double RetentionDays { get; set; } = 30;

    /// <summary>Events moved per relay transaction at most (capped at FeedRelay.MaxBatch, 999).</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How often an idle relay looks for events written by other silos (this silo's own writes wake it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The least time between the starts of two relay batches: under load the relay gathers
    /// what was written meanwhile into one batch instead of running one per write (each batch is a
    /// transaction and a commit; what it costs the submissions is counted in the load tests).
    /// 250 ms: a batch writes one page per recipient, so under load a longer interval puts more
    /// events on each page; at 50 ms the relay took 5–6 % of the hub's CPU per submission, at
    /// 250 ms about 2 % (docs/ARCHITECTURE.md, the change feed). A write after a quiet spell is
    /// still relayed at once: the interval only spaces batches that follow each other.
    /// </summary>
    public TimeSpan BatchInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often retention runs.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>A poke from this silo's application grains after each write: the relay need not wait for its poll.</summary>
public sealed class FeedRelayWake
{
    private TaskCompletionSource poked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Poke() => Volatile.Read(ref poked).TrySetResult();

    internal async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref poked);
        try
        {
            await current.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        Interlocked.CompareExchange(ref poked, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), current);
    }
}

/// <summary>
/// Runs the feed relay (<see cref="FeedRelay"/>) in every silo; the relay's lock lets one move
/// events at a time, so a second silo only takes over when the first is gone. Exports the lag
/// from an event's time to its relay (meter "Exchange.Feed").
/// </summary>
public sealed partial class FeedRelayService(
    FeedRelay relay, FeedRelayWake wake, IOptions<FeedOptions> options, TimeProvider clock, ILogger<FeedRelayService> logger) : BackgroundService
{
    public const string MeterName = Exchange.Abstractions.Telemetry.ExchangeTelemetry.FeedMeterName;
    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Lag = Meter.CreateHistogram<double>(
        "exchange.feed.relay.lag", "s", "From an event's time to its move into the feeds (the oldest event of each batch).", tags: null,
        advice: Exchange.Abstractions.Telemetry.DurationBuckets.Seconds);
    private static readonly Counter<long> Relayed = Meter.CreateCounter<long>("exchange.feed.relayed", "{event}", "Events moved into the feeds.");
    private static long lastLagMilliseconds;
    private static readonly ObservableGauge<double> LastLag = Meter.CreateObservableGauge(
        "exchange.feed.relay.last_lag", () => Volatile.Read(ref lastLagMilliseconds) / 1000.0, "s", "The lag of the last batch that moved events.");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var nextPrune = clock.GetUtcNow();
        var lastBatch = 0L;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // At most one batch per interval: under load the writes of the interval gather
                // into one batch. (Waiting only after batches that moved something is not enough:
                // while writers keep transactions open, a batch often finds nothing movable yet,
                // and the next write's poke started another at once — one per write, counted.)
                // Measured on the monotonic clock: the hub's clock may be shifted (Exchange:ClockFile).
                var sinceLast = Stopwatch.GetElapsedTime(lastBatch);
                if (sinceLast < settings.BatchInterval)
                {
                    await Task.Delay(settings.BatchInterval - sinceLast, stoppingToken).ConfigureAwait(false);
                }

                lastBatch = Stopwatch.GetTimestamp();
                var batch = await relay.MoveAsync(settings.BatchSize, stoppingToken).ConfigureAwait(false);
                failures = 0;
                if (batch.Events > 0)
                {
                    Relayed.Add(batch.Events);
                    if (batch.OldestOccurredAt is { } oldest)
                    {
                        var lag = clock.GetUtcNow() - oldest;
                        Lag.Record(lag.TotalSeconds);
                        Volatile.Write(ref lastLagMilliseconds, (long)lag.TotalMilliseconds);
                    }
                }

                if (clock.GetUtcNow() >= nextPrune)
                {
                    var pruned = await relay.PruneAsync(clock.GetUtcNow() - TimeSpan.FromDays(settings.RetentionDays), 10_000, stoppingToken).ConfigureAwait(false);
                    nextPrune = pruned >= 10_000 ? clock.GetUtcNow() : clock.GetUtcNow() + settings.PruneInterval;
                }

                if (batch.Events < Math.Min(settings.BatchSize, FeedRelay.MaxBatch))
                {
                    await wake.WaitAsync(settings.PollInterval, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // PostgreSQL away: nothing was moved (the batch is one transaction); try again.
                if (failures++ % 50 == 0)
                {
                    LogFailed(logger, ex.Message);
                }

                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, 0.2 * failures)), stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed relay: a batch failed ({Error}); retrying")]
    private static partial void LogFailed(ILogger logger, string error);
}
