namespace Exchange.LoadTests.Scenarios;

/// <summary>The scenarios the <c>run</c> command knows, and those it knows it cannot run yet.</summary>
public static class ScenarioCatalog
{
    /// <summary>Platforms that hold a WatchUpdates stream open in the change-feed scenario.</summary>
    public const int ChangeFeedWatchers = 20;

    /// <summary>Scenarios that run, in the order the command lists them.</summary>
    public static IReadOnlyList<string> Runnable { get; } = ["echo", "submit-unique", "get-hot", "platform-day", "seed-replay", "court-day", "change-feed-unwatched", "change-feed"];

    /// <summary>Scenarios that cannot run yet, with the reason.</summary>
    public static IReadOnlyDictionary<string, string> Unavailable { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Every name the command accepts.</summary>
    public static IEnumerable<string> All => Runnable.Concat(Unavailable.Keys);

    /// <summary>Whether <paramref name="name"/> is a known scenario (runnable or not).</summary>
    public static bool IsKnown(string name) => Runnable.Contains(name) || Unavailable.ContainsKey(name);

    /// <summary>Creates a runnable scenario.</summary>
    /// <param name="name">One of <see cref="Runnable"/>.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>The scenario; the caller disposes it.</returns>
    public static LoadScenario Create(string name, LoadContext context) => name switch
    {
        "echo" => new EchoScenario(context),
        "submit-unique" => new SubmitUniqueScenario(context),
        "get-hot" => new GetHotScenario(context),
        "platform-day" => new PlatformDayScenario(context),
        "seed-replay" => new SeedReplayScenario(context),
        "court-day" => new CourtDayScenario(context),
        "change-feed-unwatched" => new ChangeFeedScenario(context, watchers: 0),
        "change-feed" => new ChangeFeedScenario(context, watchers: ChangeFeedWatchers),
        _ => throw new ArgumentException($"'{name}' is not a runnable scenario.", nameof(name)),
    };
}
