namespace Exchange.LoadTesting;

/// <summary>Creates data feeds. Each copies its items up front, so later changes to the source do not leak into a run.</summary>
public static class DataFeed
{
    /// <summary>Hands out the items in order, starting over after the last one; never runs out.</summary>
    /// <typeparam name="T">Item type.</typeparam>
    /// <param name="name">Feed name.</param>
    /// <param name="items">At least one item.</param>
    /// <returns>The feed.</returns>
    public static IDataFeed<T> Circular<T>(string name, IEnumerable<T> items) => new CircularFeed<T>(name, Copy(items));

    /// <summary>Hands out uniformly random items (with repetition); never runs out.</summary>
    /// <typeparam name="T">Item type.</typeparam>
    /// <param name="name">Feed name.</param>
    /// <param name="items">At least one item.</param>
    /// <param name="seed">Seed for a reproducible sequence; null for a random one.</param>
    /// <returns>The feed.</returns>
    public static IDataFeed<T> Random<T>(string name, IEnumerable<T> items, int? seed = null) =>
        new RandomFeed<T>(name, Copy(items), seed);

    /// <summary>
    /// Hands out each item exactly once, in order, for data that cannot be reused (e.g. request ids
    /// of idempotent calls). When exhausted, <see cref="IDataFeed{T}.Next"/> throws
    /// <see cref="FeedExhaustedException"/>; the runner records that call as
    /// <see cref="StepStatus.FeedExhausted"/> and stops starting new calls of the scenario, so size
    /// the feed for the whole run.
    /// </summary>
    /// <typeparam name="T">Item type.</typeparam>
    /// <param name="name">Feed name.</param>
    /// <param name="items">At least one item.</param>
    /// <returns>The feed.</returns>
    public static IDataFeed<T> Unique<T>(string name, IEnumerable<T> items) => new UniqueFeed<T>(name, Copy(items));

    private static T[] Copy<T>(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var array = items.ToArray();
        if (array.Length == 0)
        {
            throw new ArgumentException("A data feed needs at least one item.", nameof(items));
        }

        return array;
    }

    private abstract class FeedBase<T> : IDataFeed<T>
    {
        protected FeedBase(string name, T[] items)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
            Name = name;
            Items = items;
        }

        public string Name { get; }

        public int Count => Items.Length;

        protected T[] Items { get; }

        public abstract T Next();
    }

    private sealed class CircularFeed<T>(string name, T[] items) : FeedBase<T>(name, items)
    {
        private long _next = -1;

        public override T Next() => Items[(int)((ulong)Interlocked.Increment(ref _next) % (ulong)Items.Length)];
    }

    private sealed class RandomFeed<T>(string name, T[] items, int? seed) : FeedBase<T>(name, items)
    {
        // A seeded Random is not thread-safe; the lock keeps the sequence reproducible as a whole.
        private readonly System.Random? _random = seed is { } s ? new System.Random(s) : null;

        public override T Next()
        {
            if (_random is null)
            {
                return Items[System.Random.Shared.Next(Items.Length)];
            }

            lock (_random)
            {
                return Items[_random.Next(Items.Length)];
            }
        }
    }

    private sealed class UniqueFeed<T>(string name, T[] items) : FeedBase<T>(name, items)
    {
        private long _next = -1;

        public override T Next()
        {
            var index = Interlocked.Increment(ref _next);
            return index < Items.Length ? Items[index] : throw new FeedExhaustedException(Name, Items.Length);
        }
    }
}
