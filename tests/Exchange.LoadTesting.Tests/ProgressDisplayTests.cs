namespace Exchange.LoadTesting.Tests;

public sealed class ProgressDisplayTests
{
    [Fact]
    public async Task RunAsync_OutputRedirected_PeriodicPlainLines()
    {
        var output = new StringWriter();

        await RunAsync(output, interactive: false);

        // How many periodic lines appear depends on the machine's speed; their form does not.
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain('\r', output.ToString().Replace(Environment.NewLine, "\n", StringComparison.Ordinal));
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Matches(@"^\[\s*\d+\.\ds / 0\.6s\]\s+\d+\.\d rps \| ok \d+ \| fail 0 \| p99 ", l));
        Assert.Contains("ok 30 |", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Terminal_RewritesOneLineInPlace()
    {
        var output = new StringWriter();

        await RunAsync(output, interactive: true);

        var text = output.ToString();
        Assert.StartsWith("\r[", text, StringComparison.Ordinal);
        Assert.Single(text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("rps | ok ", text, StringComparison.Ordinal);
        Assert.EndsWith(Environment.NewLine, text, StringComparison.Ordinal);
    }

    private static Task<RunResult> RunAsync(StringWriter output, bool interactive) =>
        LoadRunner.RegisterScenarios(
                Scenario.Create("s", _ => Task.FromResult(StepResult.Ok()))
                    .WithLoadSimulations(Simulation.Inject(50, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(0.6))))
            .WithReportFormats(ReportFormat.None)
            .WithSnapshotInterval(TimeSpan.FromSeconds(0.2))
            .WithOutput(output, interactive)
            .RunAsync();
}
