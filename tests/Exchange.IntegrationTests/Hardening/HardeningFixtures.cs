using Exchange.IntegrationTests.Infrastructure;

namespace Exchange.IntegrationTests.Hardening;

/// <summary>A hub of its own for hostile input: what the property test files and the garbage it is sent touch no other test's data or log.</summary>
public sealed class HardeningHubFixture : CourtHubFixture
{
    // No rate limit (0 = off): the garbage burst and the property test measure what the hub does
    // with the requests, not how soon it refuses them (RateLimitTests does that).
    protected override IReadOnlyDictionary<string, string> ExtraEnvironment { get; } = new Dictionary<string, string>
    {
        ["Exchange__RateLimits__Platform__PermitsPerSecond"] = "0",
        ["Exchange__RateLimits__Court__PermitsPerSecond"] = "0",
    };

    /// <summary>Lines the gateway has written so far (its stdout and stderr).</summary>
    public int GatewayLogLines => Gateway!.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
}

[CollectionDefinition(Name)]
public sealed class HardeningCollection : ICollectionFixture<HardeningHubFixture>
{
    public const string Name = "hardening";
}

/// <summary>A hub whose platforms may make <see cref="PermitsPerSecond"/> calls a second, <see cref="Burst"/> at once.</summary>
public sealed class RateLimitedHubFixture : CourtHubFixture
{
    public const int PermitsPerSecond = 10;
    public const int Burst = 20;

    protected override IReadOnlyDictionary<string, string> ExtraEnvironment { get; } = new Dictionary<string, string>
    {
        ["Exchange__RateLimits__Platform__PermitsPerSecond"] = PermitsPerSecond.ToString(),
        ["Exchange__RateLimits__Platform__Burst"] = Burst.ToString(),
        ["Exchange__RateLimits__Court__PermitsPerSecond"] = PermitsPerSecond.ToString(),
        ["Exchange__RateLimits__Court__Burst"] = Burst.ToString(),
    };
}

[CollectionDefinition(Name)]
public sealed class RateLimitedCollection : ICollectionFixture<RateLimitedHubFixture>
{
    public const string Name = "rate-limited";
}
