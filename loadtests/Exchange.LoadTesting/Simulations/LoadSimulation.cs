namespace Exchange.LoadTesting;

/// <summary>
/// One phase of a scenario's load. Phases run one after another. Closed phases keep a number of
/// virtual users each calling back-to-back (the system's slowness throttles the load, hiding
/// stalls); open phases start calls on a fixed schedule regardless of how earlier calls fare, and
/// measure each latency from its scheduled start, so a stall shows up in full.
/// </summary>
/// <param name="During">How long the phase lasts.</param>
public abstract record LoadSimulation(TimeSpan During);

/// <summary>Closed model: keep <paramref name="Copies"/> virtual users busy for <paramref name="During"/>.</summary>
/// <param name="Copies">Concurrent virtual users.</param>
/// <param name="During">Phase length.</param>
public sealed record KeepConstantSimulation(int Copies, TimeSpan During) : LoadSimulation(During);

/// <summary>
/// Closed model: ramp the number of virtual users linearly from the previous phase's level (0 when
/// the previous phase is not closed) to <paramref name="Copies"/> over <paramref name="During"/>.
/// </summary>
/// <param name="Copies">Virtual users at the end of the phase.</param>
/// <param name="During">Phase length.</param>
public sealed record RampingConstantSimulation(int Copies, TimeSpan During) : LoadSimulation(During);

/// <summary>Open model: start <paramref name="Rate"/> calls per <paramref name="Interval"/>, evenly spaced, for <paramref name="During"/>.</summary>
/// <param name="Rate">Calls per interval.</param>
/// <param name="Interval">The interval the rate is per (NBomber semantics), e.g. one second.</param>
/// <param name="During">Phase length.</param>
public sealed record InjectSimulation(int Rate, TimeSpan Interval, TimeSpan During) : LoadSimulation(During);

/// <summary>
/// Open model: ramp the call rate linearly from the previous phase's rate (0 when the previous phase
/// is not open) to <paramref name="Rate"/> per <paramref name="Interval"/> over <paramref name="During"/>.
/// </summary>
/// <param name="Rate">Calls per interval at the end of the phase.</param>
/// <param name="Interval">The interval the rate is per.</param>
/// <param name="During">Phase length.</param>
public sealed record RampingInjectSimulation(int Rate, TimeSpan Interval, TimeSpan During) : LoadSimulation(During);

/// <summary>No new calls for <paramref name="During"/>; calls in flight finish.</summary>
/// <param name="During">Phase length.</param>
public sealed record PauseSimulation(TimeSpan During) : LoadSimulation(During);

/// <summary>Factory for load simulations, named like NBomber's.</summary>
public static class Simulation
{
    /// <inheritdoc cref="KeepConstantSimulation"/>
    /// <param name="copies">Concurrent virtual users.</param>
    /// <param name="during">Phase length.</param>
    /// <returns>The phase.</returns>
    public static LoadSimulation KeepConstant(int copies, TimeSpan during)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(copies);
        CheckDuring(during);
        return new KeepConstantSimulation(copies, during);
    }

    /// <inheritdoc cref="RampingConstantSimulation"/>
    /// <param name="copies">Virtual users at the end of the phase.</param>
    /// <param name="during">Phase length.</param>
    /// <returns>The phase.</returns>
    public static LoadSimulation RampingConstant(int copies, TimeSpan during)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(copies);
        CheckDuring(during);
        return new RampingConstantSimulation(copies, during);
    }

    /// <inheritdoc cref="InjectSimulation"/>
    /// <param name="rate">Calls per interval.</param>
    /// <param name="interval">The interval the rate is per.</param>
    /// <param name="during">Phase length.</param>
    /// <returns>The phase.</returns>
    public static LoadSimulation Inject(int rate, TimeSpan interval, TimeSpan during)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        CheckDuring(during);
        return new InjectSimulation(rate, interval, during);
    }

    /// <inheritdoc cref="RampingInjectSimulation"/>
    /// <param name="rate">Calls per interval at the end of the phase.</param>
    /// <param name="interval">The interval the rate is per.</param>
    /// <param name="during">Phase length.</param>
    /// <returns>The phase.</returns>
    public static LoadSimulation RampingInject(int rate, TimeSpan interval, TimeSpan during)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        CheckDuring(during);
        return new RampingInjectSimulation(rate, interval, during);
    }

    /// <inheritdoc cref="PauseSimulation"/>
    /// <param name="during">Phase length.</param>
    /// <returns>The phase.</returns>
    public static LoadSimulation Pause(TimeSpan during)
    {
        CheckDuring(during);
        return new PauseSimulation(during);
    }

    /// <summary>A short human description for reports, e.g. "Inject 150 per 1 s during 10 s".</summary>
    /// <param name="simulation">The phase.</param>
    /// <returns>The description.</returns>
    public static string Describe(LoadSimulation simulation) => simulation switch
    {
        KeepConstantSimulation s => $"KeepConstant {s.Copies} users during {Seconds(s.During)}",
        RampingConstantSimulation s => $"RampingConstant to {s.Copies} users during {Seconds(s.During)}",
        InjectSimulation s => $"Inject {s.Rate} per {Seconds(s.Interval)} during {Seconds(s.During)}",
        RampingInjectSimulation s => $"RampingInject to {s.Rate} per {Seconds(s.Interval)} during {Seconds(s.During)}",
        PauseSimulation s => $"Pause during {Seconds(s.During)}",
        _ => simulation.ToString(),
    };

    /// <summary>Whether the phase belongs to the open model (calls on a schedule).</summary>
    /// <param name="simulation">The phase.</param>
    /// <returns>True for Inject and RampingInject.</returns>
    public static bool IsOpen(LoadSimulation simulation) => simulation is InjectSimulation or RampingInjectSimulation;

    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s";

    private static void CheckDuring(TimeSpan during) =>
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(during, TimeSpan.Zero);
}
