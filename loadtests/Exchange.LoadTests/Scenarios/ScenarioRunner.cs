using Exchange.LoadTesting;

namespace Exchange.LoadTests.Scenarios;

/// <summary>Where and how the reports of a run are written.</summary>
/// <param name="Folder">Report folder (every harness format, one file set per scenario, and summary.json); null writes only the console report.</param>
/// <param name="Progress">Whether the harness shows live progress.</param>
public sealed record ReportOptions(string? Folder, bool Progress = true);

/// <summary>
/// Runs the scenarios asked for one after another — never together, so that one does not load the
/// machine under another's measurement — and collects summary.json.
/// </summary>
public static class ScenarioRunner
{
    /// <summary>Name of the summary file in the report folder.</summary>
    public const string SummaryFileName = "summary.json";

    /// <summary>Runs the scenarios and writes the reports and summary.json.</summary>
    /// <param name="names">Known scenario names (see <see cref="ScenarioCatalog"/>), in order.</param>
    /// <param name="context">The run's shared context.</param>
    /// <param name="reports">Where reports go.</param>
    /// <param name="cancellationToken">Stops the run; what finished is still reported.</param>
    /// <returns>The summary; its exit code is what the program returns.</returns>
    public static async Task<RunSummary> RunAsync(IReadOnlyList<string> names, LoadContext context, ReportOptions reports, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(reports);
        var startedAt = DateTimeOffset.Now;
        var output = context.Output;
        var entries = new List<ScenarioSummary>();
        var exitCode = 0;

        foreach (var name in names)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                exitCode = 2;
                break;
            }

            if (ScenarioCatalog.Unavailable.TryGetValue(name, out var reason))
            {
                await output.WriteLineAsync($"{name}: {reason}");
                entries.Add(new ScenarioSummary(name, Available: false, Note: reason));
                continue;
            }

            await output.WriteLineAsync($"== {name} ==");
            using var scenario = ScenarioCatalog.Create(name, context);
            try
            {
                await scenario.PrepareAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The load cannot be meaningful without its preparation (e.g. the hot set).
                var error = $"preparation failed: {ex.GetType().Name}: {ex.Message}";
                await output.WriteLineAsync($"{name}: {error}");
                entries.Add(new ScenarioSummary(name, Available: true, Error: error));
                exitCode = Math.Max(exitCode, 2);
                continue;
            }

            // A multi-phase scenario runs its phases one after another, each with its own reports
            // (the first under the scenario's name, the others under their first harness scenario's).
            var runs = new List<RunResult>();
            IReadOnlyList<Scenario> phase = scenario.Build();
            string? phaseError = null;
            while (phase.Count > 0)
            {
                var fileName = runs.Count == 0 ? name : phase[0].Name;
                var run = await Runner(phase, name, fileName, context, reports, output).RunAsync(cancellationToken);
                runs.Add(run);
                if (run.Cancelled || run.ExitCode == 2 || cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                try
                {
                    phase = await scenario.NextPhaseAsync(run, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    phaseError = $"next phase failed: {ex.GetType().Name}: {ex.Message}";
                    await output.WriteLineAsync($"{name}: {phaseError}");
                    break;
                }
            }

            var combined = new RunResult(
                $"Exchange load test: {name}",
                runs.Count > 0 ? runs[0].StartedAt : DateTimeOffset.Now,
                runs.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Elapsed),
                [.. runs.SelectMany(r => r.Scenarios)],
                runs.Any(r => r.Cancelled))
            {
                ReportFiles = [.. runs.SelectMany(r => r.ReportFiles)],
            };
            var outcome = await scenario.SummarizeAsync(combined, CancellationToken.None);
            entries.AddRange(outcome.Entries);
            if (phaseError is not null)
            {
                entries.Add(new ScenarioSummary(name, Available: true, Error: phaseError));
                exitCode = Math.Max(exitCode, 2);
            }

            exitCode = Math.Max(exitCode, combined.ExitCode);
            if (!outcome.ChecksPassed)
            {
                exitCode = Math.Max(exitCode, 1);
            }
        }

        var summary = new RunSummary(
            startedAt,
            context.CaseIds.RunTag,
            context.Hub?.Endpoint.ToString(),
            context.EchoEndpoint?.ToString(),
            SettingsSummary.From(context.Settings),
            entries,
            exitCode);
        if (reports.Folder is not null)
        {
            Directory.CreateDirectory(reports.Folder);
            var path = Path.Combine(reports.Folder, SummaryFileName);
            await File.WriteAllTextAsync(path, summary.ToJson(), CancellationToken.None);
            await output.WriteLineAsync($"summary: {Path.GetFullPath(path)} (exit code {exitCode})");
        }

        return summary;
    }

    private static LoadRunner Runner(IReadOnlyList<Scenario> scenarios, string name, string fileName, LoadContext context, ReportOptions reports, TextWriter output)
    {
        var runner = LoadRunner.RegisterScenarios([.. scenarios])
            .WithTestName(fileName == name ? $"Exchange load test: {name}" : $"Exchange load test: {name} ({fileName})")
            .WithReportFileName(fileName)
            .WithReportFormats(reports.Folder is null ? ReportFormat.Console : ReportFormat.All)
            .WithSnapshotInterval(context.Settings.SnapshotInterval)
            .WithProgress(reports.Progress);
        if (reports.Folder is not null)
        {
            runner = runner.WithReportFolder(reports.Folder);
        }

        if (!ReferenceEquals(output, Console.Out))
        {
            runner = runner.WithOutput(output, interactive: false);
        }

        return runner;
    }
}
