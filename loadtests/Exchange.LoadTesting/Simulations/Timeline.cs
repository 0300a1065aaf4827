namespace Exchange.LoadTesting;

/// <summary>How a phase produces load.</summary>
internal enum PhaseKind
{
    Closed,
    Open,
    Pause,
}

/// <summary>
/// A simulation placed on the timeline. <see cref="From"/> and <see cref="To"/> are virtual users
/// (closed) or calls per second (open) at the phase's start and end; constant phases have them equal.
/// </summary>
internal sealed record Phase(PhaseKind Kind, TimeSpan Offset, TimeSpan During, double From, double To)
{
    public TimeSpan End => Offset + During;

    /// <summary>Virtual users wanted at <paramref name="elapsedInPhase"/>, interpolated linearly.</summary>
    public int CopiesAt(TimeSpan elapsedInPhase)
    {
        var fraction = Math.Clamp(elapsedInPhase / During, 0, 1);
        return (int)Math.Round(From + ((To - From) * fraction), MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// Offset in seconds from the phase start of the open-model call number <paramref name="k"/>
    /// (0-based), or null when the phase has no such call. With the rate going linearly from r0 to r1
    /// over D seconds, the calls started by time t are N(t) = r0·t + (r1−r0)·t²/(2D); call k is due
    /// when N(t) = k. Computing every time from the phase start, rather than adding gaps, keeps
    /// rounding from accumulating into drift.
    /// </summary>
    public double? CallOffsetSeconds(long k)
    {
        if (From <= 0 && To <= 0)
        {
            return null;
        }

        if (k == 0)
        {
            return 0;
        }

        var d = During.TotalSeconds;
        var a = (To - From) / (2 * d);
        var b = From;
        var discriminant = (b * b) + (4 * a * k);

        // The root of a·t² + b·t − k = 0 in the form that stays exact when a ≈ 0 (constant rate).
        // A negative discriminant means a ramp down that has already delivered every call it owes.
        var denominator = discriminant < 0 ? 0 : b + Math.Sqrt(discriminant);
        if (denominator <= 0)
        {
            return null;
        }

        var t = 2 * k / denominator;
        return t < d ? t : null;
    }
}

/// <summary>Turns a scenario's simulations into phases with absolute offsets and start/end levels.</summary>
internal static class Timeline
{
    public static IReadOnlyList<Phase> Build(IReadOnlyList<LoadSimulation> simulations)
    {
        var phases = new List<Phase>(simulations.Count);
        var offset = TimeSpan.Zero;
        Phase? previous = null;
        foreach (var simulation in simulations)
        {
            var phase = simulation switch
            {
                KeepConstantSimulation s => new Phase(PhaseKind.Closed, offset, s.During, s.Copies, s.Copies),
                RampingConstantSimulation s => new Phase(
                    PhaseKind.Closed, offset, s.During, previous is { Kind: PhaseKind.Closed } p ? p.To : 0, s.Copies),
                InjectSimulation s => new Phase(PhaseKind.Open, offset, s.During, PerSecond(s.Rate, s.Interval), PerSecond(s.Rate, s.Interval)),
                RampingInjectSimulation s => new Phase(
                    PhaseKind.Open, offset, s.During, previous is { Kind: PhaseKind.Open } p ? p.To : 0, PerSecond(s.Rate, s.Interval)),
                PauseSimulation s => new Phase(PhaseKind.Pause, offset, s.During, 0, 0),
                _ => throw new NotSupportedException($"Unknown load simulation {simulation.GetType().Name}."),
            };
            phases.Add(phase);
            offset = phase.End;
            previous = phase;
        }

        return phases;
    }

    private static double PerSecond(int rate, TimeSpan interval) => rate / interval.TotalSeconds;
}
