using System.Diagnostics.Metrics;
using Exchange.Abstractions.Telemetry;

namespace Exchange.Silo.Hosting;

/// <summary>
/// The number of application grains active in this silo: counted by the grains themselves as they
/// activate and deactivate, so it falls only once an activation is gone and its memory is garbage
/// (Orleans' working set, by contrast, drops activations as soon as they go idle, minutes before).
/// </summary>
public sealed class ActiveApplications
{
    private int count;

    public ActiveApplications(IMeterFactory meters)
    {
        meters.Create(ExchangeTelemetry.MeterName).CreateObservableGauge(
            "exchange.applications.active", () => Count, "{application}", "Application grains active in this silo");
    }

    public int Count => Volatile.Read(ref count);

    public void Activated() => Interlocked.Increment(ref count);

    public void Deactivated() => Interlocked.Decrement(ref count);
}
