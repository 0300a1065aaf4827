namespace Exchange.LoadTesting.Tests;

public sealed class DataFeedTests
{
    [Fact]
    public void Circular_PastTheEnd_StartsOver()
    {
        var feed = DataFeed.Circular("f", ["a", "b", "c"]);

        Assert.Equal(["a", "b", "c", "a", "b"], Enumerable.Range(0, 5).Select(_ => feed.Next()));
    }

    [Fact]
    public void Random_Seeded_ReproducibleAndFromTheItems()
    {
        var items = Enumerable.Range(0, 100).ToArray();
        var first = DataFeed.Random("f", items, seed: 7);
        var second = DataFeed.Random("f", items, seed: 7);

        var a = Enumerable.Range(0, 50).Select(_ => first.Next()).ToArray();
        var b = Enumerable.Range(0, 50).Select(_ => second.Next()).ToArray();

        Assert.Equal(a, b);
        Assert.All(a, x => Assert.InRange(x, 0, 99));
        Assert.True(a.Distinct().Count() > 10); // not stuck on one item
    }

    [Fact]
    public void Unique_EachItemOnceThenThrows()
    {
        var feed = DataFeed.Unique("ids", [1, 2, 3]);

        Assert.Equal([1, 2, 3], Enumerable.Range(0, 3).Select(_ => feed.Next()));
        var ex = Assert.Throws<FeedExhaustedException>(() => feed.Next());
        Assert.Equal("ids", ex.FeedName);
    }

    [Fact]
    public void Unique_ConcurrentReaders_NoItemHandedOutTwice()
    {
        var feed = DataFeed.Unique("ids", Enumerable.Range(0, 10_000));
        var seen = new System.Collections.Concurrent.ConcurrentBag<int>();

        Parallel.For(0, 10_000, _ => seen.Add(feed.Next()));

        Assert.Equal(10_000, seen.Distinct().Count());
    }

    [Fact]
    public void Create_NoItems_Throws() =>
        Assert.Throws<ArgumentException>(() => DataFeed.Circular("f", Array.Empty<int>()));

    [Fact]
    public async Task RunAsync_UniqueFeedExhausted_CallsFailAsFeedExhaustedAndScenarioEndsEarly()
    {
        var scenario = Scenario.Create("s", ctx =>
            {
                var id = ctx.Feed<int>("ids").Next();
                return Task.FromResult(StepResult.Ok(bytesSent: id));
            })
            .WithFeed(DataFeed.Unique("ids", Enumerable.Range(1, 10)))
            .WithLoadSimulations(Simulation.Inject(100, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)));

        var s = (await Run.QuietAsync(scenario)).Scenarios[0];

        Assert.Equal(10, s.Stats.OkCount);
        Assert.Equal(55, s.Stats.BytesSent); // ids 1..10, each once
        Assert.True(s.Stats.CountOf(StepStatus.FeedExhausted) >= 1);
        Assert.NotNull(s.EndedEarly);
        Assert.True(s.Elapsed < TimeSpan.FromSeconds(3), $"elapsed {s.Elapsed}");
    }

    [Fact]
    public async Task StepContext_FeedOfWrongNameOrType_FailsTheCall()
    {
        var scenario = Scenario.Create(
                "s",
                Step.Create("missing", ctx => Task.FromResult(StepResult.Ok(ctx.Feed<int>("nope").Next()))))
            .WithFeed(DataFeed.Circular("users", ["ann"]))
            .WithLoadSimulations(Simulation.Inject(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(0.1)));

        var stats = (await Run.QuietAsync(scenario)).Scenarios[0].Stats;

        Assert.Equal(1, stats.CountOf("EXCEPTION:KeyNotFoundException"));
    }
}
