namespace Exchange.LoadTesting;

/// <summary>What a step knows about the call it is running.</summary>
public sealed class StepContext
{
    private readonly IReadOnlyDictionary<string, IDataFeed> _feeds;

    internal StepContext(
        string scenarioName,
        string stepName,
        long invocationNumber,
        CancellationToken cancellationToken,
        DateTime deadline,
        TimeSpan timeout,
        Random random,
        IReadOnlyDictionary<string, IDataFeed> feeds)
    {
        ScenarioName = scenarioName;
        StepName = stepName;
        InvocationNumber = invocationNumber;
        CancellationToken = cancellationToken;
        Deadline = deadline;
        Timeout = timeout;
        Random = random;
        _feeds = feeds;
    }

    /// <summary>The scenario being run.</summary>
    public string ScenarioName { get; }

    /// <summary>The step being run.</summary>
    public string StepName { get; }

    /// <summary>1-based number of the scenario call, in start order (scheduled order in the open model).</summary>
    public long InvocationNumber { get; }

    /// <summary>Cancelled when the per-call timeout expires or the run is aborted.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The per-call deadline in UTC, for gRPC's <c>deadline:</c> parameter so the server sees it too.</summary>
    public DateTime Deadline { get; }

    /// <summary>The per-call timeout this deadline came from.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>A random source for this call: seeded per call when the scenario has a seed, else shared and thread-safe.</summary>
    public Random Random { get; }

    /// <summary>A data feed registered on the scenario.</summary>
    /// <typeparam name="T">Item type the feed was created with.</typeparam>
    /// <param name="name">The feed's name.</param>
    /// <returns>The feed.</returns>
    /// <exception cref="KeyNotFoundException">No feed of that name was registered.</exception>
    /// <exception cref="InvalidCastException">The feed holds another item type.</exception>
    public IDataFeed<T> Feed<T>(string name)
    {
        if (!_feeds.TryGetValue(name, out var feed))
        {
            throw new KeyNotFoundException($"Scenario '{ScenarioName}' has no data feed named '{name}'.");
        }

        return feed as IDataFeed<T>
            ?? throw new InvalidCastException($"Data feed '{name}' does not hold items of type {typeof(T).Name}.");
    }
}
