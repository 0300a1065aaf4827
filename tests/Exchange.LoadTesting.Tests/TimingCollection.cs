namespace Exchange.LoadTesting.Tests;

/// <summary>
/// Tests that assert on rates and latencies run alone, not beside other tests competing for the
/// machine's two cores, so what they measure is the harness and not the neighbours.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing";
}
