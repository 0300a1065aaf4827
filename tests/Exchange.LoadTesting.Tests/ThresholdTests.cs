namespace Exchange.LoadTesting.Tests;

public sealed class ThresholdTests
{
    [Theory]
    [InlineData("p99 < 250ms", ThresholdMetric.P99, ThresholdOperator.LessThan, 250)]
    [InlineData("p50<10ms", ThresholdMetric.P50, ThresholdOperator.LessThan, 10)]
    [InlineData("fail% < 0.1", ThresholdMetric.FailPercent, ThresholdOperator.LessThan, 0.1)]
    [InlineData("rps >= 1000", ThresholdMetric.Rps, ThresholdOperator.GreaterThanOrEqual, 1000)]
    [InlineData("mean < 5ms", ThresholdMetric.Mean, ThresholdOperator.LessThan, 5)]
    [InlineData("  P99.9 <= 1.5s ", ThresholdMetric.P999, ThresholdOperator.LessThanOrEqual, 1500)]
    [InlineData("max > 800us", ThresholdMetric.Max, ThresholdOperator.GreaterThan, 0.8)]
    [InlineData("p95 < 20", ThresholdMetric.P95, ThresholdOperator.LessThan, 20)]
    [InlineData("count >= 10", ThresholdMetric.Count, ThresholdOperator.GreaterThanOrEqual, 10)]
    [InlineData("fail% <= 1%", ThresholdMetric.FailPercent, ThresholdOperator.LessThanOrEqual, 1)]
    public void Parse_ValidExpression_ReadsMetricOperatorAndLimitInCanonicalUnit(
        string expression, ThresholdMetric metric, ThresholdOperator op, double limit)
    {
        var threshold = Threshold.Parse(expression);

        Assert.Equal(metric, threshold.Metric);
        Assert.Equal(op, threshold.Operator);
        Assert.Equal(limit, threshold.Limit, precision: 9);
        Assert.Equal(expression.Trim(), threshold.Expression);
    }

    [Theory]
    [InlineData("")]
    [InlineData("p99")]
    [InlineData("p99 = 5ms")]
    [InlineData("p98 < 5ms")]
    [InlineData("rps > 5ms")]
    [InlineData("p99 < 5%")]
    [InlineData("latency < 5ms")]
    [InlineData("p99 < fast")]
    public void Parse_InvalidExpression_ThrowsFormatException(string expression) =>
        Assert.Throws<FormatException>(() => Threshold.Parse(expression));

    [Fact]
    public void Evaluate_AgainstStats_ReportsActualValueAndOutcome()
    {
        var stats = Stats(count: 1000, ok: 999, rps: 1200, p99: 180);

        var pass = Threshold.Parse("p99 < 250ms").Evaluate("s", stats);
        var fail = Threshold.Parse("fail% < 0.05").Evaluate("s", stats);
        var rps = Threshold.Parse("rps >= 1000").Evaluate("s", stats);

        Assert.True(pass.Passed);
        Assert.Equal(180, pass.Actual);
        Assert.Equal("ms", pass.Unit);
        Assert.False(fail.Passed);
        Assert.Equal(0.1, fail.Actual!.Value, precision: 9);
        Assert.Contains("limit < 0.05%", fail.Message, StringComparison.Ordinal);
        Assert.True(rps.Passed);
    }

    [Fact]
    public void Evaluate_NoCalls_LatencyAndFailRulesFail()
    {
        var empty = Stats(count: 0, ok: 0, rps: 0, p99: 0);

        Assert.False(Threshold.Parse("p99 < 250ms").Evaluate("s", empty).Passed);
        Assert.False(Threshold.Parse("fail% < 1").Evaluate("s", empty).Passed);
        Assert.Null(Threshold.Parse("p99 < 250ms").Evaluate("s", empty).Actual);
    }

    [Fact]
    public async Task RunAsync_ThresholdsPerScenarioAndStep_ExitCodeReflectsFailures()
    {
        var scenario = Scenario.Create("s", Step.Create("a", _ => Task.FromResult(StepResult.Ok())), Step.Create("b", _ => Task.FromResult(StepResult.Fail("UNAVAILABLE"))))
            .WithLoadSimulations(Simulation.Inject(50, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(0.2)))
            .WithThresholds("count >= 10", "p99 < 10s")
            .WithStepThresholds("a", "fail% < 1")
            .WithStepThresholds("b", "fail% < 1");

        var result = await Run.QuietAsync(scenario);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([true, true, true, false], result.Thresholds.Select(t => t.Passed));
        Assert.Equal("b", result.Thresholds[3].Step);
        Assert.Equal(100, result.Thresholds[3].Actual);
    }

    [Fact]
    public async Task RunAsync_AllThresholdsHold_ExitCodeZero()
    {
        var scenario = Scenario.Create("s", _ => Task.FromResult(StepResult.Ok()))
            .WithLoadSimulations(Simulation.Inject(50, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(0.2)))
            .WithThresholds("fail% < 0.1", "p99 < 5s");

        var result = await Run.QuietAsync(scenario);

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void WithStepThresholds_UnknownStep_Throws() =>
        Assert.Throws<ArgumentException>(() => Scenario.Create("s", _ => Task.FromResult(StepResult.Ok())).WithStepThresholds("nope", "p99 < 1ms"));

    private static CallStats Stats(long count, long ok, double rps, double p99)
    {
        var latency = count == 0 ? LatencySummary.Empty : new LatencySummary(count, 1, 20, 300, 10, 15, 50, 90, p99, 290);
        return new CallStats("s", count, ok, count - ok, 0, rps, count == 0 ? 0 : (count - ok) * 100.0 / count, latency, 0, 0, []);
    }
}
