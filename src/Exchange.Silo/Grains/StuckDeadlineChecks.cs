using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace Exchange.Silo.Grains;

/// <summary>
/// The applications whose deadline check keeps failing, and when each may be tried again: after
/// the first failure one check period, then twice as long each time, up to
/// <see cref="DeadlineOptions.MaxRetryDelay"/>. Without it the watcher fetched the same failing
/// applications first on every tick, forever, and the ones behind them waited. Exported as the
/// gauge "exchange.deadlines.stuck" on the meter "Exchange". One per silo (a singleton, so that
/// it outlives the watcher grain's activation).
/// </summary>
public sealed class StuckDeadlineChecks : IDisposable
{
    /// <summary>The meter of the hub's own instruments.</summary>
    public const string MeterName = "Exchange";

    private readonly Lock gate = new();
    private readonly Dictionary<Guid, (int Failures, DateTimeOffset RetryAt)> failing = [];
    private readonly DeadlineOptions options;
    private readonly Meter meter;

    public StuckDeadlineChecks(IOptions<DeadlineOptions> options, IMeterFactory meters)
    {
        this.options = options.Value;
        meter = meters.Create(MeterName);
        meter.CreateObservableGauge("exchange.deadlines.stuck", () => Count, "{application}",
            "Applications whose deadline check failed and has not succeeded since (each retried with a growing delay)");
    }

    /// <summary>How many applications are stuck: their last check failed.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return failing.Count;
            }
        }
    }

    /// <summary>The applications not to check now: they failed, and their delay has not passed.</summary>
    public IReadOnlyCollection<Guid> Waiting(DateTimeOffset now)
    {
        lock (gate)
        {
            return [.. failing.Where(f => f.Value.RetryAt > now).Select(f => f.Key)];
        }
    }

    /// <summary>Records a failed check; returns when the application is tried again.</summary>
    public DateTimeOffset Failed(Guid applicationId, DateTimeOffset now)
    {
        lock (gate)
        {
            var failures = failing.TryGetValue(applicationId, out var previous) ? previous.Failures + 1 : 1;
            var delay = options.CheckPeriod * Math.Pow(2, Math.Min(failures - 1, 30));
            var retryAt = now + (delay < options.MaxRetryDelay ? delay : options.MaxRetryDelay);
            failing[applicationId] = (failures, retryAt);
            return retryAt;
        }
    }

    /// <summary>Records a check that succeeded: the application is no longer stuck.</summary>
    public void Succeeded(Guid applicationId)
    {
        lock (gate)
        {
            failing.Remove(applicationId);
        }
    }

    /// <summary>
    /// After a tick that saw every due application: one whose delay has passed and that was not
    /// due any more (its deadline was flagged or moved by another path) is no longer stuck.
    /// </summary>
    public void Settle(IReadOnlySet<Guid> due, DateTimeOffset now)
    {
        lock (gate)
        {
            foreach (var id in failing.Where(f => f.Value.RetryAt <= now && !due.Contains(f.Key)).Select(f => f.Key).ToList())
            {
                failing.Remove(id);
            }
        }
    }

    public void Dispose() => meter.Dispose();
}
