using System.Diagnostics.Metrics;
using Exchange.Silo.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Exchange.Contract.Tests;

/// <summary>The deadline watcher's back-off for applications whose check keeps failing, and its gauge.</summary>
public sealed class StuckDeadlineChecksTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly StuckDeadlineChecks stuck;

    public StuckDeadlineChecksTests() =>
        stuck = new StuckDeadlineChecks(Options.Create(new DeadlineOptions { CheckPeriod = Period, MaxRetryDelay = TimeSpan.FromMinutes(10) }),
            services.GetRequiredService<IMeterFactory>());

    [Fact]
    public void AFailingApplication_WaitsOnePeriod_ThenTwiceAsLongEachTime_UpToTheMaximum()
    {
        var id = Guid.NewGuid();
        var retries = new List<TimeSpan>();
        var now = T0;
        for (var i = 0; i < 6; i++)
        {
            var retryAt = stuck.Failed(id, now);
            retries.Add(retryAt - now);
            Assert.Contains(id, stuck.Waiting(retryAt - TimeSpan.FromTicks(1)));
            Assert.DoesNotContain(id, stuck.Waiting(retryAt));
            now = retryAt;
        }

        Assert.Equal([1, 2, 4, 8, 10, 10], retries.Select(r => r.TotalMinutes));
        Assert.Equal(1, stuck.Count);
    }

    [Fact]
    public void ASuccessfulCheck_EndsTheBackOff()
    {
        var id = Guid.NewGuid();
        stuck.Failed(id, T0);
        stuck.Failed(id, T0 + Period);

        stuck.Succeeded(id);

        Assert.Equal(0, stuck.Count);
        Assert.Empty(stuck.Waiting(T0));
        // And a later failure starts again from one period.
        Assert.Equal(T0 + Period, stuck.Failed(id, T0));
    }

    [Fact]
    public void Settle_ForgetsOnlyThoseNoLongerDueWhoseWaitIsOver()
    {
        var waiting = Guid.NewGuid();
        var stillDue = Guid.NewGuid();
        var notDue = Guid.NewGuid();
        stuck.Failed(waiting, T0 + Period);
        stuck.Failed(stillDue, T0);
        stuck.Failed(notDue, T0);

        stuck.Settle(new HashSet<Guid> { stillDue }, T0 + Period);

        Assert.Equal(2, stuck.Count);
        Assert.Contains(waiting, stuck.Waiting(T0 + Period));
        Assert.Equal(T0 + Period + Period + Period, stuck.Failed(stillDue, T0 + Period));
    }

    [Fact]
    public void TheGauge_OnTheMeterExchange_ReportsHowManyAreStuck()
    {
        stuck.Failed(Guid.NewGuid(), T0);
        stuck.Failed(Guid.NewGuid(), T0);
        var seen = new List<int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == StuckDeadlineChecks.MeterName && instrument.Name == "exchange.deadlines.stuck")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => seen.Add(value));
        listener.Start();

        listener.RecordObservableInstruments();

        Assert.Equal([2], seen);
    }

    public void Dispose()
    {
        stuck.Dispose();
        services.Dispose();
    }
}
