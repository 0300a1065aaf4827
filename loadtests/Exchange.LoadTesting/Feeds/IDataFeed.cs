namespace Exchange.LoadTesting;

/// <summary>A named source of test data, registered on a scenario and reached through <see cref="StepContext.Feed{T}"/>.</summary>
public interface IDataFeed
{
    /// <summary>Name the steps look the feed up by.</summary>
    string Name { get; }

    /// <summary>How many items the feed holds.</summary>
    int Count { get; }
}

/// <summary>A data feed of <typeparamref name="T"/>; <see cref="Next"/> is thread-safe.</summary>
/// <typeparam name="T">Item type.</typeparam>
public interface IDataFeed<out T> : IDataFeed
{
    /// <summary>The next item, as the feed's policy picks it.</summary>
    /// <returns>An item.</returns>
    T Next();
}
