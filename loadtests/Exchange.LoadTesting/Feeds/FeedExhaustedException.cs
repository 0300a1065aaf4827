namespace Exchange.LoadTesting;

/// <summary>Thrown by a unique data feed asked for more items than it holds.</summary>
public sealed class FeedExhaustedException : Exception
{
    /// <summary>Creates the exception for a feed.</summary>
    /// <param name="feedName">The feed.</param>
    /// <param name="count">How many items it held.</param>
    public FeedExhaustedException(string feedName, int count)
        : base($"Data feed '{feedName}' is exhausted: all {count} unique items were used.")
    {
        FeedName = feedName;
    }

    /// <summary>The exhausted feed.</summary>
    public string FeedName { get; }
}
