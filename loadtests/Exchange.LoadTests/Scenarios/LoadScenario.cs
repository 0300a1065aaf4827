using Exchange.LoadTesting;

namespace Exchange.LoadTests.Scenarios;

/// <summary>What a scenario reports after its run.</summary>
/// <param name="Entries">Its summary.json entries.</param>
/// <param name="ChecksPassed">False when a check of its own (not a harness threshold) failed, e.g. the seed replay lost an application.</param>
public sealed record ScenarioOutcome(IReadOnlyList<ScenarioSummary> Entries, bool ChecksPassed = true);

/// <summary>
/// A scenario the <c>run</c> command can run: untimed preparation, then one or more harness
/// scenarios run together on their own timelines (and, for multi-phase scenarios, the next phases
/// one after another), then its summary (and any checks of its own).
/// </summary>
public abstract class LoadScenario(LoadContext context) : IDisposable
{
    /// <summary>The run's shared context.</summary>
    protected LoadContext Context { get; } = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>The name asked for on the command line.</summary>
    public abstract string Name { get; }

    /// <summary>Untimed work before the load (e.g. submitting the applications to read); throws if the scenario cannot run.</summary>
    /// <param name="cancellationToken">Cancels the preparation.</param>
    /// <returns>A task.</returns>
    public virtual Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The harness scenarios to run together.</summary>
    /// <returns>At least one scenario with its load simulations.</returns>
    public abstract IReadOnlyList<Scenario> Build();

    /// <summary>
    /// The harness scenarios of the next phase, run (with their own reports) once the previous phase
    /// finished — for scenarios whose phases depend on each other, such as the seed replay's
    /// submit, accept, start-review and batch-confirm. Empty when there is no further phase (the
    /// default: one phase).
    /// </summary>
    /// <param name="previous">What the previous phase measured.</param>
    /// <param name="cancellationToken">Cancels the preparation of the phase.</param>
    /// <returns>The next phase's scenarios, or none.</returns>
    public virtual Task<IReadOnlyList<Scenario>> NextPhaseAsync(RunResult previous, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Scenario>>([]);

    /// <summary>The summary entries of the finished run.</summary>
    /// <param name="run">What the harness measured: every phase's scenarios, in order.</param>
    /// <param name="cancellationToken">Cancels follow-up checks.</param>
    /// <returns>The entries, and whether the scenario's own checks passed.</returns>
    public virtual Task<ScenarioOutcome> SummarizeAsync(RunResult run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Task.FromResult(new ScenarioOutcome(run.Scenarios.Select(r => ScenarioSummary.From(r, Context.Settings.Concurrency)).ToList()));
    }

    /// <summary>Releases what the scenario opened (channels of its own).</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources.</summary>
    /// <param name="disposing">True from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>
    /// The closed model every scenario uses unless it says otherwise: <paramref name="concurrency"/>
    /// virtual users calling back-to-back for warm-up plus duration, the warm-up unmeasured, the
    /// per-call deadline and the run's thresholds.
    /// </summary>
    /// <param name="scenario">The scenario's steps.</param>
    /// <param name="concurrency">Virtual users.</param>
    /// <returns>The configured scenario.</returns>
    protected Scenario ClosedModel(Scenario scenario, int concurrency)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var settings = Context.Settings;
        var configured = scenario
            .WithLoadSimulations(settings.ClosedModel(concurrency))
            .WithWarmUp(settings.WarmUp)
            .WithCallTimeout(settings.CallTimeout);
        return settings.Thresholds.Count > 0 ? configured.WithThresholds([.. settings.Thresholds]) : configured;
    }
}
