namespace Exchange.LoadTesting.Tests;

public sealed class TimelineTests
{
    [Fact]
    public void Build_Phases_PlacedBackToBackWithRampsStartingFromThePreviousLevel()
    {
        var phases = Timeline.Build(
        [
            Simulation.RampingConstant(10, TimeSpan.FromSeconds(2)),
            Simulation.KeepConstant(10, TimeSpan.FromSeconds(3)),
            Simulation.RampingConstant(4, TimeSpan.FromSeconds(1)),
            Simulation.Inject(50, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)),
            Simulation.RampingInject(200, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)),
            Simulation.Pause(TimeSpan.FromSeconds(1)),
            Simulation.RampingInject(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)),
        ]);

        Assert.Equal(
            [(0.0, 10.0), (10, 10), (10, 4), (100, 100), (100, 200), (0, 0), (0, 10)],
            phases.Select(p => (p.From, p.To)));
        Assert.Equal(TimeSpan.FromSeconds(10), phases[^2].Offset);
        Assert.Equal(5, phases[0].CopiesAt(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void CallOffsetSeconds_ConstantRate_EvenlySpacedFromPhaseStart()
    {
        var phase = Timeline.Build([Simulation.Inject(200, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3))])[0];

        Assert.Equal(0, phase.CallOffsetSeconds(0));
        Assert.Equal(0.005, phase.CallOffsetSeconds(1)!.Value, precision: 12);
        Assert.Equal(2.995, phase.CallOffsetSeconds(599)!.Value, precision: 12);
        Assert.Null(phase.CallOffsetSeconds(600));
    }

    [Theory]
    [InlineData(0, 100, 2, 100)] // ramp up from nothing: area of the triangle
    [InlineData(100, 300, 1, 200)]
    [InlineData(300, 100, 1, 200)] // ramp down
    [InlineData(100, 0, 2, 100)]
    public void CallOffsetSeconds_Ramp_DeliversTheAreaUnderTheRateCurve(double from, double to, double seconds, int expected)
    {
        var phase = new Phase(PhaseKind.Open, TimeSpan.Zero, TimeSpan.FromSeconds(seconds), from, to);

        var offsets = new List<double>();
        for (long k = 0; phase.CallOffsetSeconds(k) is { } t; k++)
        {
            offsets.Add(t);
        }

        Assert.InRange(offsets.Count, expected - 1, expected + 1);
        Assert.Equal(offsets.Order(), offsets); // never scheduled out of order
    }

    [Fact]
    public void CallOffsetSeconds_RampUp_CallsDenserAtTheEnd()
    {
        var phase = new Phase(PhaseKind.Open, TimeSpan.Zero, TimeSpan.FromSeconds(2), 0, 100);
        var offsets = new List<double>();
        for (long k = 0; phase.CallOffsetSeconds(k) is { } t; k++)
        {
            offsets.Add(t);
        }

        // N(t) = 25 t²: a quarter of the calls fall in the first half.
        Assert.InRange(offsets.Count(t => t < 1), 24, 26);
    }

    [Fact]
    public void Simulation_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Simulation.Inject(10, TimeSpan.Zero, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Simulation.KeepConstant(-1, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Simulation.Pause(TimeSpan.Zero));
    }

    [Fact]
    public void RegisterScenarios_WarmUpNotShorterThanTimeline_Throws()
    {
        var scenario = Scenario.Create("s", _ => Task.FromResult(StepResult.Ok()))
            .WithLoadSimulations(Simulation.KeepConstant(1, TimeSpan.FromSeconds(1)))
            .WithWarmUp(TimeSpan.FromSeconds(1));

        Assert.Throws<ArgumentException>(() => LoadRunner.RegisterScenarios(scenario));
    }
}
