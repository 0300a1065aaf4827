using System.Text.Json;

namespace Exchange.LoadTesting.Tests;

public sealed class ReportTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "exchange-loadtesting-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_AllFormats_WritesEveryReportWithStatsThresholdsAndCharts()
    {
        var output = new StringWriter();
        var scenario = Scenario.Create(
                "orders",
                Step.Create("place", ctx => Task.FromResult(ctx.InvocationNumber % 10 == 0 ? StepResult.Fail("UNAVAILABLE", 10) : StepResult.Ok(10, 20))))
            .WithLoadSimulations(Simulation.Inject(40, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)))
            .WithThresholds("p99 < 1s", "fail% < 1");

        var result = await LoadRunner.RegisterScenarios(scenario)
            .WithTestName("Report <test>")
            .WithReportFolder(_folder)
            .WithReportFileName("run")
            .WithReportFormats(ReportFormat.All)
            .WithSnapshotInterval(TimeSpan.FromSeconds(0.25))
            .WithOutput(output, interactive: false)
            .RunAsync();

        Assert.Equal(1, result.ExitCode); // fail% is 10
        Assert.Equal(
            ["run-thresholds.csv", "run-timeseries.csv", "run.csv", "run.html", "run.json", "run.md"],
            result.ReportFiles.Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var html = await File.ReadAllTextAsync(Path.Combine(_folder, "run.html"));
        Assert.Equal(2, CountOf(html, "<svg"));
        Assert.Contains("latency (ms)", html, StringComparison.Ordinal);
        Assert.Contains("calls per second", html, StringComparison.Ordinal);
        Assert.Contains("time since end of warm-up (s)", html, StringComparison.Ordinal);
        Assert.Contains("<polyline", html, StringComparison.Ordinal);
        Assert.Contains("fail% &lt; 1", html, StringComparison.Ordinal);
        Assert.Contains("Report &lt;test&gt;", html, StringComparison.Ordinal); // escaped
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);

        var md = await File.ReadAllTextAsync(Path.Combine(_folder, "run.md"));
        Assert.Contains("| place | UNAVAILABLE | 4 |", md, StringComparison.Ordinal);
        Assert.Contains("| orders | (all) | fail% < 1 | FAIL |", md, StringComparison.Ordinal);

        var csv = (await File.ReadAllLinesAsync(Path.Combine(_folder, "run.csv")));
        Assert.StartsWith("scenario,step,status,count,ok,fail,fail_percent,rps,min_ms", csv[0], StringComparison.Ordinal);
        Assert.Contains("orders,(all),ALL,40,36,4,10,40.0,", csv[1], StringComparison.Ordinal);
        var series = await File.ReadAllLinesAsync(Path.Combine(_folder, "run-timeseries.csv"));
        Assert.Equal(5, series.Length); // header + four 0.25 s intervals
        var thresholds = await File.ReadAllLinesAsync(Path.Combine(_folder, "run-thresholds.csv"));
        Assert.Equal(3, thresholds.Length);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "run.json")));
        Assert.Equal(1, json.RootElement.GetProperty("exitCode").GetInt32());
        var stats = json.RootElement.GetProperty("scenarios")[0].GetProperty("stats");
        Assert.Equal(40, stats.GetProperty("count").GetInt64());
        Assert.Equal(4, json.RootElement.GetProperty("scenarios")[0].GetProperty("timeSeries").GetArrayLength());

        var console = output.ToString();
        Assert.Contains("FAILED (exit code 1)", console, StringComparison.Ordinal);
        Assert.Contains("p99.9 ms", console, StringComparison.Ordinal);
        Assert.Contains("FAIL", console, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.7, 0.8, 0.2)]
    [InlineData(9.3, 10, 2)]
    [InlineData(480, 500, 100)]
    [InlineData(1234, 1250, 250)]
    [InlineData(0, 1, 0.2)]
    public void NiceAxis_AnyMaximum_RoundsUpToAReadableScale(double max, double expectedMax, double expectedStep)
    {
        var (axisMax, step) = SvgLineChart.NiceAxis(max);

        Assert.Equal(expectedMax, axisMax, precision: 9);
        Assert.Equal(expectedStep, step, precision: 9);
    }

    [Fact]
    public void Render_Chart_HasTitleAxisLabelsLegendAndOneLinePerSeries()
    {
        var svg = SvgLineChart.Render(
            "Latency",
            "time (s)",
            "latency (ms)",
            [new ChartSeries("p50", "#00f", [(1, 2), (2, 3)]), new ChartSeries("p99", "#f00", [(1, 5), (2, 9)], Dashed: true)]);

        Assert.Contains(">Latency</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">time (s)</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">latency (ms)</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">p50</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">p99</text>", svg, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(svg, "<polyline"));
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
