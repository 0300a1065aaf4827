namespace Exchange.Silo.Grains;

/// <summary>How application grains watch their deadlines (configuration section "Exchange:Deadlines").</summary>
public sealed class DeadlineOptions
{
    /// <summary>
    /// How often the deadline watcher's reminder looks for deadlines that have closed: a deadline is
    /// flagged at most this long after it closes. Each look is one indexed query of the read model.
    /// Tests that drive a shifted clock set it to seconds (Orleans' minimum reminder period is
    /// lowered to match).
    /// </summary>
    public TimeSpan CheckPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many due applications one query fetches; a tick repeats it until fewer come back.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// The longest wait before an application whose check keeps failing is tried again (the wait
    /// starts at <see cref="CheckPeriod"/> and doubles with each failure).
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);
}
