namespace Exchange.Gateway.Health;

/// <summary>
/// How often the gateway's health is worked out and how long one round may take. The gRPC health
/// service answers from the last round (UseHealthChecksCache), so a change (PostgreSQL down, no
/// silo) shows within Period + CheckTimeout: about 2.5 s. CheckTimeout stays below
/// Timeout: a round cut short by Timeout publishes nothing and would leave the last status standing.
/// </summary>
public static class HealthPublication
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    /// <summary>Each check's own bound: a store or cluster that does not answer within it is unhealthy.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(1.5);

    /// <summary>The whole round's bound (a round that takes longer publishes nothing).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
}
