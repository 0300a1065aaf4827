using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Grpc.Core;

namespace Exchange.IntegrationTests.Feed;

/// <summary>A hub for the change-feed tests: the court hub's principals; each test registers platforms of its own so that it knows its feed exactly.</summary>
public sealed class FeedHubFixture : CourtHubFixture
{
    /// <summary>
    /// Without rate limits: the load tests scan feeds of 10,000 updates as fast as the hub answers,
    /// which a platform's default bucket (500 calls/s) would refuse part of.
    /// </summary>
    protected override IReadOnlyDictionary<string, string> ExtraEnvironment { get; } = new Dictionary<string, string>
    {
        ["Exchange__RateLimits__Platform__PermitsPerSecond"] = "0",
        ["Exchange__RateLimits__Court__PermitsPerSecond"] = "0",
    };

    /// <summary>Registers a new platform; its key and id.</summary>
    public async Task<(string Id, string Key)> NewPlatformAsync(string prefix)
    {
        var id = prefix + "-" + Guid.NewGuid().ToString("N")[..8];
        return (id, await RegisterAsync("platform", id, "Platform " + id));
    }

    public Task<Receipt> SubmitAsync(string platformKey, string court = Court) =>
        Filing.SubmitApplicationAsync(Requests.JudicialConfirmation(CourtFlow.NewCaseId("feed"), court), As(platformKey)).ResponseAsync;
}

[CollectionDefinition(Name)]
public sealed class FeedCollection : ICollectionFixture<FeedHubFixture>
{
    public const string Name = "feed";
}

/// <summary>Reading feeds in tests: whole scans, and streams read in the background.</summary>
internal static class Feeds
{
    /// <summary>Every update of a feed after <paramref name="token"/>, page by page until caught up; and the last token.</summary>
    public static async Task<(List<Update> Updates, string Token)> ScanAsync(
        Func<ListUpdatesRequest, CallOptions, AsyncUnaryCall<ListUpdatesResponse>> list, string key, string token = "", UpdateFilter? filter = null)
    {
        var updates = new List<Update>();
        while (true)
        {
            var page = await list(new ListUpdatesRequest { ResumeToken = token, Filter = filter, PageSize = 1000 }, HubFixture.As(key));
            updates.AddRange(page.Updates);
            token = page.ResumeToken;
            if (page.CaughtUp)
            {
                return (updates, token);
            }
        }
    }

    public static Task<(List<Update> Updates, string Token)> ScanPlatformAsync(FeedHubFixture hub, string key, string token = "", UpdateFilter? filter = null) =>
        ScanAsync(hub.Filing.ListUpdatesAsync, key, token, filter);

    public static Task<(List<Update> Updates, string Token)> ScanCourtAsync(FeedHubFixture hub, string key, string token = "", UpdateFilter? filter = null) =>
        ScanAsync(hub.Courts.ListUpdatesAsync, key, token, filter);
}

/// <summary>A WatchUpdates stream read in the background into a list, with a way to wait for what should arrive.</summary>
internal sealed class RecordedStream : IAsyncDisposable
{
    private readonly AsyncServerStreamingCall<WatchUpdatesResponse> call;
    private readonly CancellationTokenSource stop = new();
    private readonly List<WatchUpdatesResponse> frames = [];
    private readonly Task reading;
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RecordedStream(AsyncServerStreamingCall<WatchUpdatesResponse> call)
    {
        this.call = call;
        reading = Task.Run(ReadAsync);
    }

    public static RecordedStream Platform(FeedHubFixture hub, string key, WatchUpdatesRequest request) =>
        new(hub.Filing.WatchUpdates(request, new CallOptions(new Metadata { { "authorization", "Bearer " + key } })));

    public static RecordedStream Court(FeedHubFixture hub, string key, WatchUpdatesRequest request) =>
        new(hub.Courts.WatchUpdates(request, new CallOptions(new Metadata { { "authorization", "Bearer " + key } })));

    /// <summary>Set when the stream ended with an error.</summary>
    public Exception? Error { get; private set; }

    public List<WatchUpdatesResponse> Frames
    {
        get
        {
            lock (frames)
            {
                return [.. frames];
            }
        }
    }

    public List<Update> Updates => [.. Frames.Where(f => f.Update is not null).Select(f => f.Update)];

    /// <summary>Waits until <paramref name="condition"/> holds over the frames received (or the stream failed, or the timeout passed).</summary>
    public async Task<List<WatchUpdatesResponse>> WaitForAsync(Func<List<WatchUpdatesResponse>, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var next = Volatile.Read(ref changed).Task;
            var current = Frames;
            if (condition(current))
            {
                return current;
            }

            if (Error is not null)
            {
                throw new InvalidOperationException($"the stream failed while waiting for {what}", Error);
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"{what} did not arrive within {timeout}; received {current.Count} frames");
            }

            await Task.WhenAny(next, Task.Delay(left));
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            await foreach (var frame in call.ResponseStream.ReadAllAsync(stop.Token))
            {
                lock (frames)
                {
                    frames.Add(frame);
                }

                Interlocked.Exchange(ref changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }
        }
        catch (Exception ex) when (!stop.IsCancellationRequested)
        {
            Error = ex;
            Interlocked.Exchange(ref changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
        catch (Exception)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        call.Dispose();
        await reading;
        stop.Dispose();
    }
}
