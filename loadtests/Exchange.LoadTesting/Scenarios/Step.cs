namespace Exchange.LoadTesting;

/// <summary>A named, asynchronous unit of work; a scenario call runs its steps in order.</summary>
public sealed class Step
{
    private Step(string name, Func<StepContext, Task<StepResult>> run)
    {
        Name = name;
        Run = run;
    }

    /// <summary>Name shown in the statistics.</summary>
    public string Name { get; }

    /// <summary>The work. Exceptions it throws become statuses (see <see cref="StepStatus.FromException"/>).</summary>
    public Func<StepContext, Task<StepResult>> Run { get; }

    /// <summary>Creates a step.</summary>
    /// <param name="name">Name, unique within its scenario.</param>
    /// <param name="run">The work; it should pass <see cref="StepContext.CancellationToken"/> (or
    /// <see cref="StepContext.Deadline"/> for gRPC) to what it calls.</param>
    /// <returns>The step.</returns>
    public static Step Create(string name, Func<StepContext, Task<StepResult>> run)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(run);
        return new Step(name, run);
    }
}
