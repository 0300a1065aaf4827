namespace Exchange.LoadTesting;

/// <summary>
/// A named sequence of steps driven by load simulations. Immutable: each <c>With...</c> returns a
/// configured copy, so one base scenario can be varied safely.
/// </summary>
public sealed record Scenario
{
    private Scenario(string name, IReadOnlyList<Step> steps)
    {
        Name = name;
        Steps = steps;
    }

    /// <summary>Scenario name, unique within a run.</summary>
    public string Name { get; }

    /// <summary>Steps run in order by every call; a failing step ends the call, later steps are not run.</summary>
    public IReadOnlyList<Step> Steps { get; }

    /// <summary>Runs once before the load starts; if it throws, the scenario is not run and the run fails.</summary>
    public Func<ScenarioHookContext, Task>? Init { get; private init; }

    /// <summary>Runs once after the last call finished, also after failures.</summary>
    public Func<ScenarioHookContext, Task>? Clean { get; private init; }

    /// <summary>The load phases, run one after another.</summary>
    public IReadOnlyList<LoadSimulation> Simulations { get; private init; } = [];

    /// <summary>The first part of the timeline whose calls are run but not measured (calls are assigned by start time).</summary>
    public TimeSpan WarmUp { get; private init; } = TimeSpan.Zero;

    /// <summary>Per-call (per-step) deadline; a call that runs longer is <see cref="StepStatus.Timeout"/>.</summary>
    public TimeSpan CallTimeout { get; private init; } = TimeSpan.FromSeconds(10);

    /// <summary>Most open-model calls in flight at once; due calls beyond it are <see cref="StepStatus.Dropped"/>.</summary>
    public int MaxOutstandingCalls { get; private init; } = 10_000;

    /// <summary>Seed that makes <see cref="StepContext.Random"/> reproducible per call; null for a shared random.</summary>
    public int? RandomSeed { get; private init; }

    /// <summary>Pass/fail rules, scenario-wide or per step.</summary>
    public IReadOnlyList<Threshold> Thresholds { get; private init; } = [];

    /// <summary>Data feeds by name.</summary>
    public IReadOnlyDictionary<string, IDataFeed> Feeds { get; private init; } = new Dictionary<string, IDataFeed>();

    /// <summary>Total length of the timeline, warm-up included.</summary>
    public TimeSpan Duration => Simulations.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.During);

    /// <summary>Creates a scenario from steps.</summary>
    /// <param name="name">Scenario name.</param>
    /// <param name="steps">At least one step, names unique.</param>
    /// <returns>The scenario, still without load simulations.</returns>
    public static Scenario Create(string name, params Step[] steps)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Length == 0)
        {
            throw new ArgumentException("A scenario needs at least one step.", nameof(steps));
        }

        var duplicate = steps.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Scenario '{name}' has two steps named '{duplicate.Key}'.", nameof(steps));
        }

        return new Scenario(name, steps.ToArray());
    }

    /// <summary>Creates a single-step scenario whose step has the scenario's name.</summary>
    /// <param name="name">Scenario and step name.</param>
    /// <param name="run">The step's work.</param>
    /// <returns>The scenario, still without load simulations.</returns>
    public static Scenario Create(string name, Func<StepContext, Task<StepResult>> run) => Create(name, Step.Create(name, run));

    /// <summary>Sets the init hook.</summary>
    /// <param name="init">Runs once before the load.</param>
    /// <returns>A configured copy.</returns>
    public Scenario WithInit(Func<ScenarioHookContext, Task> init) => this with { Init = init };

    /// <summary>Sets the clean hook.</summary>
    /// <param name="clean">Runs once after the load.</param>
    /// <returns>A configured copy.</returns>
    public Scenario WithClean(Func<ScenarioHookContext, Task> clean) => this with { Clean = clean };

    /// <summary>Sets the load phases (replacing any set before).</summary>
    /// <param name="simulations">Phases from <see cref="Simulation"/>, run in order.</param>
    /// <returns>A configured copy.</returns>
    public Scenario WithLoadSimulations(params LoadSimulation[] simulations)
    {
        ArgumentNullException.ThrowIfNull(simulations);
        if (simulations.Length == 0)
        {
            throw new ArgumentException("At least one load simulation is needed.", nameof(simulations));
        }

        return this with { Simulations = simulations.ToArray() };
    }

    /// <summary>Sets the warm-up: calls started in the first <paramref name="warmUp"/> of the timeline run but are not measured.</summary>
    /// <param name="warmUp">Zero or more; must be shorter than the timeline when the run starts.</param>
    /// <returns>A configured copy.</returns>
    public Scenario WithWarmUp(TimeSpan warmUp)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(warmUp, TimeSpan.Zero);
        return this with { WarmUp = warmUp };
    }

    /// <summary>Sets the per-call timeout (default 10 s).</summary>
    /// <param name="timeout">Positive.</param>
    /// <returns>A configured copy.</returns>
    public Scenario WithCallTimeout(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        return this with { CallTimeout = timeout };
    }

    /// <summary>Sets the most open-model calls in flight (default 10 000).</summary>
    /// <param name="max">At least 1.</param>
    /// <returns>A configured copy.</returns>
    public Scenario WithMaxOutstandingCalls(int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return this with { MaxOutstandingCalls = max };
    }

    /// <summary>Makes <see cref="StepContext.Random"/> reproducible.</summary>
    /// <param name="seed">Seed combined with each call's invocation number.</param>
    /// <returns>A configured copy.</returns>
    public Scenario WithRandomSeed(int seed) => this with { RandomSeed = seed };

    /// <summary>Adds scenario-wide thresholds.</summary>
    /// <param name="expressions">E.g. <c>"p99 &lt; 250ms"</c>, <c>"fail% &lt; 0.1"</c>; parsed now, so typos fail early.</param>
    /// <returns>A configured copy.</returns>
    public Scenario WithThresholds(params string[] expressions) =>
        this with { Thresholds = [.. Thresholds, .. expressions.Select(e => Threshold.Parse(e))] };

    /// <summary>Adds thresholds on one step's statistics.</summary>
    /// <param name="step">A step of this scenario.</param>
    /// <param name="expressions">Threshold expressions.</param>
    /// <returns>A configured copy.</returns>
    public Scenario WithStepThresholds(string step, params string[] expressions)
    {
        if (!Steps.Any(s => s.Name == step))
        {
            throw new ArgumentException($"Scenario '{Name}' has no step '{step}'.", nameof(step));
        }

        return this with { Thresholds = [.. Thresholds, .. expressions.Select(e => Threshold.Parse(e, step))] };
    }

    /// <summary>Registers a data feed, reachable from steps through <see cref="StepContext.Feed{T}"/>.</summary>
    /// <param name="feed">A feed from <see cref="DataFeed"/>.</param>
    /// <returns>A configured copy.</returns>
    public Scenario WithFeed(IDataFeed feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var feeds = new Dictionary<string, IDataFeed>(Feeds, StringComparer.Ordinal) { [feed.Name] = feed };
        return this with { Feeds = feeds };
    }
}
