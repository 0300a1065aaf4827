namespace Exchange.LoadTesting;

/// <summary>
/// Entry point, like NBomber's runner: register scenarios, choose reports, run. Scenarios run
/// concurrently, each on its own timeline.
/// </summary>
/// <example>
/// <code>
/// var result = await LoadRunner.RegisterScenarios(scenario)
///     .WithReportFolder("loadtests/reports")
///     .WithReportFormats(ReportFormat.Html | ReportFormat.Csv | ReportFormat.Console)
///     .RunAsync();
/// return result.ExitCode;
/// </code>
/// </example>
public sealed class LoadRunner
{
    private readonly IReadOnlyList<Scenario> _scenarios;
    private string _testName = "Load test";
    private string _reportFolder = "reports";
    private string? _reportFileName;
    private ReportFormat _formats = ReportFormat.All;
    private TimeSpan _snapshotInterval = TimeSpan.FromSeconds(5);
    private TextWriter? _output;
    private bool? _interactive;
    private bool _progress = true;

    private LoadRunner(IReadOnlyList<Scenario> scenarios) => _scenarios = scenarios;

    /// <summary>Starts configuring a run of the given scenarios.</summary>
    /// <param name="scenarios">Scenarios with unique names, each with load simulations.</param>
    /// <returns>The runner.</returns>
    public static LoadRunner RegisterScenarios(params Scenario[] scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        if (scenarios.Length == 0)
        {
            throw new ArgumentException("Register at least one scenario.", nameof(scenarios));
        }

        var duplicate = scenarios.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two scenarios are named '{duplicate.Key}'.", nameof(scenarios));
        }

        foreach (var s in scenarios)
        {
            if (s.Simulations.Count == 0)
            {
                throw new ArgumentException($"Scenario '{s.Name}' has no load simulation; call WithLoadSimulations.", nameof(scenarios));
            }

            if (s.WarmUp >= s.Duration)
            {
                throw new ArgumentException($"Scenario '{s.Name}': warm-up {s.WarmUp} is not shorter than its timeline {s.Duration}.", nameof(scenarios));
            }
        }

        return new LoadRunner(scenarios.ToArray());
    }

    /// <summary>Title of the reports (default "Load test").</summary>
    /// <param name="name">The title.</param>
    /// <returns>This runner.</returns>
    public LoadRunner WithTestName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _testName = name;
        return this;
    }

    /// <summary>Folder for report files (default "reports", relative to the working directory); created if missing.</summary>
    /// <param name="folder">The folder.</param>
    /// <returns>This runner.</returns>
    public LoadRunner WithReportFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        _reportFolder = folder;
        return this;
    }

    /// <summary>Base name of report files, without extension (default: the test name and start time).</summary>
    /// <param name="fileName">The name.</param>
    /// <returns>This runner.</returns>
    public LoadRunner WithReportFileName(string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        _reportFileName = fileName;
        return this;
    }

    /// <summary>Which reports to produce (default all).</summary>
    /// <param name="formats">Formats combined with <c>|</c>.</param>
    /// <returns>This runner.</returns>
    public LoadRunner WithReportFormats(ReportFormat formats)
    {
        _formats = formats;
        return this;
    }

    /// <summary>Length of the time-series intervals (default 5 s); also the period of plain progress lines.</summary>
    /// <param name="interval">Positive.</param>
    /// <returns>This runner.</returns>
    public LoadRunner WithSnapshotInterval(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _snapshotInterval = interval;
        return this;
    }

    /// <summary>Where progress and the console report go (default the console).</summary>
    /// <param name="output">The writer.</param>
    /// <param name="interactive">Whether it is a terminal that can rewrite a line; default: the console's, else false.</param>
    /// <returns>This runner.</returns>
    public LoadRunner WithOutput(TextWriter output, bool? interactive = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _interactive = interactive;
        return this;
    }

    /// <summary>Turns the live progress display on or off (default on).</summary>
    /// <param name="enabled">Whether to show progress.</param>
    /// <returns>This runner.</returns>
    public LoadRunner WithProgress(bool enabled)
    {
        _progress = enabled;
        return this;
    }

    /// <summary>Runs every scenario to the end of its timeline, then writes the reports.</summary>
    /// <param name="cancellationToken">Aborts the run: scheduling stops, calls in flight are cancelled, partial results are reported.</param>
    /// <returns>The result; its <see cref="RunResult.ExitCode"/> is what a load-test program should return.</returns>
    public Task<RunResult> RunAsync(CancellationToken cancellationToken = default) =>
        // Off any caller SynchronizationContext (xUnit's, a UI's): continuations of thousands of calls
        // must not queue behind a context with one or two threads, or latency would measure that queue.
        Task.Run(() => RunCoreAsync(cancellationToken), CancellationToken.None);

    private async Task<RunResult> RunCoreAsync(CancellationToken cancellationToken)
    {
        var output = _output ?? Console.Out;
        var interactive = _interactive ?? (_output is null && !Console.IsOutputRedirected);
        var startedAt = DateTimeOffset.Now;
        var started = MonotonicClock.Now;
        var executors = _scenarios.Select(s => new ScenarioExecutor(s, _snapshotInterval, cancellationToken)).ToList();

        using var progressStop = new CancellationTokenSource();
        var progress = _progress
            ? new ProgressDisplay(output, interactive, executors, _scenarios.Max(s => s.Duration), _snapshotInterval).RunAsync(progressStop.Token)
            : Task.CompletedTask;

        IReadOnlyList<ScenarioResult> results;
        try
        {
            results = await Task.WhenAll(executors.Select(e => e.RunAsync()));
        }
        finally
        {
            await progressStop.CancelAsync();
            await progress;
        }

        var run = new RunResult(_testName, startedAt, MonotonicClock.ToTimeSpan(MonotonicClock.Now - started), results, cancellationToken.IsCancellationRequested);
        var fileName = _reportFileName ?? $"{Slug(_testName)}-{startedAt:yyyyMMdd-HHmmss}";
        var files = ReportWriter.Write(run, _reportFolder, fileName, _formats, output);
        return run with { ReportFiles = files };
    }

    private static string Slug(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        return new string(chars).Trim('-');
    }
}
