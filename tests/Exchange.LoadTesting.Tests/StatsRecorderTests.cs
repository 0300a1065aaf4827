using System.Diagnostics;

namespace Exchange.LoadTesting.Tests;

public sealed class StatsRecorderTests
{
    private static readonly long Second = Stopwatch.Frequency;

    [Fact]
    public void Build_UniformLatencies1To10000Micros_PercentilesMatchWithinHistogramPrecision()
    {
        var recorder = new StatsRecorder("s", ["step"], measureStartTicks: 0, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5));
        for (var us = 1; us <= 10_000; us++)
        {
            recorder.RecordScenario(StepStatus.Ok, us, 10, 20, completedTicks: Second);
        }

        recorder.Complete();
        var (stats, _, _) = recorder.Build();
        var l = stats.Latency;

        // 3 significant digits: each value is known to within 0.1%; allow 0.2% for the bucket edge.
        Assert.Equal(10_000, l.Samples);
        Assert.InRange(l.P50Ms, 5.000 * 0.998, 5.000 * 1.002);
        Assert.InRange(l.P75Ms, 7.500 * 0.998, 7.500 * 1.002);
        Assert.InRange(l.P90Ms, 9.000 * 0.998, 9.000 * 1.002);
        Assert.InRange(l.P95Ms, 9.500 * 0.998, 9.500 * 1.002);
        Assert.InRange(l.P99Ms, 9.900 * 0.998, 9.900 * 1.002);
        Assert.InRange(l.P999Ms, 9.990 * 0.998, 10.000);
        Assert.Equal(0.001, l.MinMs);
        Assert.Equal(10.0, l.MaxMs);
        Assert.Equal(5.0005, l.MeanMs, precision: 6);
        Assert.Equal(1000, stats.Rps);
        Assert.Equal(100_000, stats.BytesSent);
        Assert.Equal(200_000, stats.BytesReceived);
    }

    [Fact]
    public void Build_MixedStatuses_FailPercentCountsDroppedButRpsCountsOnlyExecutedCalls()
    {
        var recorder = new StatsRecorder("s", ["a"], 0, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));
        for (var i = 0; i < 6; i++)
        {
            recorder.RecordScenario(StepStatus.Ok, 1000, 0, 0, Second / 2);
        }

        recorder.RecordScenario("UNAVAILABLE", 2000, 0, 0, Second / 2);
        recorder.RecordScenario(StepStatus.Timeout, 3000, 0, 0, Second / 2);
        recorder.RecordScenario(StepStatus.Dropped, null, 0, 0, Second / 2);
        recorder.RecordScenario(StepStatus.Dropped, null, 0, 0, Second / 2);
        recorder.Complete();

        var (stats, _, _) = recorder.Build();

        Assert.Equal(10, stats.Count);
        Assert.Equal(6, stats.OkCount);
        Assert.Equal(4, stats.FailCount);
        Assert.Equal(2, stats.DroppedCount);
        Assert.Equal(40, stats.FailPercent, precision: 9);
        Assert.Equal(4, stats.Rps, precision: 9); // 8 executed calls over 2 s
        Assert.Equal(8, stats.Latency.Samples);
        Assert.Equal(StepStatus.Ok, stats.ByStatus[0].Status);
        Assert.Equal(LatencySummary.Empty, stats.Status(StepStatus.Dropped)!.Latency);
        Assert.Equal(3.0, stats.Status(StepStatus.Timeout)!.Latency.MaxMs);
    }

    [Fact]
    public void Complete_GapsAndDrain_EveryIntervalOfTheTimelineHasOneSnapshot()
    {
        var recorder = new StatsRecorder("s", ["a"], measureStartTicks: 100, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(1));
        recorder.RecordScenario(StepStatus.Ok, 1000, 0, 0, 100 + (Second / 10));
        recorder.RecordScenario(StepStatus.Ok, 3000, 0, 0, 100 + (Second / 5));
        recorder.RecordScenario("INTERNAL", 5000, 0, 0, 100 + (Second * 2) + 1);
        recorder.RecordScenario(StepStatus.Ok, 7000, 0, 0, 100 + (Second * 9)); // finished while draining
        recorder.Complete();

        var series = recorder.Build().Series;

        Assert.Equal(3, series.Count);
        Assert.Equal(2, series[0].Count);
        Assert.Equal(2.0, series[0].Rps, precision: 9);
        Assert.InRange(series[0].P99Ms, 2.99, 3.01);
        Assert.Equal(0, series[1].Count); // a silent interval is a zero, not a gap
        Assert.Equal(TimeSpan.FromSeconds(2), series[2].Start);
        Assert.Equal(0.5, series[2].Duration.TotalSeconds, precision: 6);
        Assert.Equal(2, series[2].Count);
        Assert.Equal(1, series[2].Errors);
        Assert.Equal(4.0, series[2].Rps, precision: 6);
    }

    [Fact]
    public void RecordStep_PerStepStatistics_KeptApartAndInDeclarationOrder()
    {
        var recorder = new StatsRecorder("s", ["login", "order"], 0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        recorder.RecordStep("order", StepStatus.Ok, 2000, 5, 6);
        recorder.RecordStep("login", StepStatus.Ok, 1000, 1, 2);
        recorder.RecordStep("login", "UNAUTHENTICATED", 500, 1, 0);
        recorder.Complete();

        var steps = recorder.Build().Steps;

        Assert.Equal(["login", "order"], steps.Select(s => s.Name));
        Assert.Equal(2, steps[0].Count);
        Assert.Equal(50, steps[0].FailPercent, precision: 9);
        Assert.Equal(1, steps[1].Count);
        Assert.Equal(5, steps[1].BytesSent);
    }
}
