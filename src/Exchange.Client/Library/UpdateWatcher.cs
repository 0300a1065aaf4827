using System.Runtime.CompilerServices;
using Exchange.V1;
using Grpc.Core;

namespace Exchange.Client;

/// <summary>How an <see cref="UpdateWatcher"/> follows a feed.</summary>
public sealed record UpdateWatchOptions
{
    /// <summary>Where to continue: the last resume_token processed (an update's or a heartbeat's); null or empty to start afresh.</summary>
    public string? ResumeToken { get; init; }

    /// <summary>Which updates to receive; null for all.</summary>
    public UpdateFilter? Filter { get; init; }

    /// <summary>With no resume token: only updates committed after the watch started.</summary>
    public bool StartAtEnd { get; init; }

    /// <summary>Seconds between heartbeats when nothing matching happens (1–300); 0 for the hub's default (15).</summary>
    public int HeartbeatSeconds { get; init; }

    /// <summary>First wait before reconnecting; doubles per failed attempt (with jitter) up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait between reconnection attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Applications whose last version the watcher remembers to drop redeliveries (least recently
    /// updated forgotten first). Memory stays bounded; an application forgotten that long ago is
    /// only redelivered by a resume from a much older token.
    /// </summary>
    public int DeduplicationCapacity { get; init; } = 100_000;
}

/// <summary>
/// Follows a caller's update feed (FilingService or CourtService WatchUpdates) for as long as it is
/// enumerated: reconnects with backoff when the stream fails with UNAVAILABLE, drops, or goes
/// silent for longer than two heartbeats; resumes from the last token it received; and drops
/// updates it already delivered (an application's updates come in version order, so a version
/// not above the last one seen of that application is a redelivery).
/// </summary>
/// <remarks>
/// Any other error ends the enumeration with its <see cref="RpcException"/>: OUT_OF_RANGE (reason
/// RESUME_TOKEN_EXPIRED) means the token is older than the hub's retention — re-list the
/// applications you follow and start again without a token; INVALID_ARGUMENT, a token or filter
/// the hub refuses; RESOURCE_EXHAUSTED, too many streams open.
/// Save <see cref="ResumeToken"/> after processing each frame (heartbeats too) to continue later.
/// </remarks>
public sealed class UpdateWatcher
{
    private readonly Func<WatchUpdatesRequest, CallOptions, AsyncServerStreamingCall<WatchUpdatesResponse>> _open;
    private readonly UpdateWatchOptions _options;
    private readonly TimeProvider _clock;
    private readonly RecentVersions _seen;

    internal UpdateWatcher(
        Func<WatchUpdatesRequest, CallOptions, AsyncServerStreamingCall<WatchUpdatesResponse>> open,
        UpdateWatchOptions? options,
        TimeProvider clock)
    {
        _open = open;
        _options = options ?? new UpdateWatchOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.InitialBackoff, TimeSpan.Zero, nameof(UpdateWatchOptions.InitialBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxBackoff, _options.InitialBackoff, nameof(UpdateWatchOptions.MaxBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.DeduplicationCapacity, 1, nameof(UpdateWatchOptions.DeduplicationCapacity));
        _clock = clock;
        _seen = new RecentVersions(_options.DeduplicationCapacity);
        ResumeToken = _options.ResumeToken ?? "";
    }

    /// <summary>The token of the last frame received (empty before the first): where a new watch continues.</summary>
    public string ResumeToken { get; private set; }

    /// <summary>Streams opened so far (the first included).</summary>
    public int Connections { get; private set; }

    /// <summary>Redelivered updates dropped so far.</summary>
    public long Duplicates { get; private set; }

    /// <summary>
    /// The feed's frames: every new update once, and the heartbeats (whose token moves
    /// <see cref="ResumeToken"/> on when nothing matched). Runs until cancelled or a non-transient error.
    /// </summary>
    public async IAsyncEnumerable<WatchUpdatesResponse> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var failures = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var request = new WatchUpdatesRequest
            {
                ResumeToken = ResumeToken,
                Filter = _options.Filter,
                StartAtEnd = ResumeToken.Length == 0 && _options.StartAtEnd,
                HeartbeatSeconds = _options.HeartbeatSeconds,
            };
            // A stream silent for two heartbeats (and some slack) is dead even if the connection says otherwise.
            var silence = TimeSpan.FromSeconds(2 * (_options.HeartbeatSeconds == 0 ? 15 : _options.HeartbeatSeconds) + 10);
            using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var call = _open(request, new CallOptions(cancellationToken: watchdog.Token));
            Connections++;
            var stream = call.ResponseStream;
            while (true)
            {
                WatchUpdatesResponse frame;
                watchdog.CancelAfter(silence);
                try
                {
                    if (!await stream.MoveNext(watchdog.Token).ConfigureAwait(false))
                    {
                        break; // The hub ended the stream without an error: continue from the token.
                    }

                    frame = stream.Current;
                }
                catch (RpcException ex) when (!cancellationToken.IsCancellationRequested && IsTransient(ex, watchdog.IsCancellationRequested))
                {
                    break;
                }
                catch (RpcException) when (cancellationToken.IsCancellationRequested)
                {
                    // The caller stopped watching: that is the answer, whatever error the stream ended
                    // with meanwhile (a hub restarting aborts it with UNAVAILABLE; seen in FeedLoadTests).
                    throw new OperationCanceledException(cancellationToken);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    break; // The watchdog fired.
                }

                failures = 0;
                switch (frame.FrameCase)
                {
                    case WatchUpdatesResponse.FrameOneofCase.Update:
                        ResumeToken = frame.Update.ResumeToken;
                        if (!_seen.IsNew(frame.Update))
                        {
                            Duplicates++;
                            continue;
                        }

                        break;
                    case WatchUpdatesResponse.FrameOneofCase.Heartbeat:
                        ResumeToken = frame.Heartbeat.ResumeToken;
                        break;
                    default:
                        continue; // A frame this library does not know yet.
                }

                yield return frame;
            }

            await Task.Delay(Backoff(failures++), _clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The updates only (heartbeats still move <see cref="ResumeToken"/>).</summary>
    public async IAsyncEnumerable<Update> UpdatesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var frame in WatchAsync(cancellationToken).ConfigureAwait(false))
        {
            if (frame.Update is { } update)
            {
                yield return update;
            }
        }
    }

    /// <summary>
    /// UNAVAILABLE (the hub said so, or the connection failed), or the stream cut off under it: the
    /// hub did nothing wrong that resuming would repeat. A cancellation the caller did not ask for
    /// (the watchdog's, or a reset sent by a proxy or a stopping hub) is one too.
    /// </summary>
    internal static bool IsTransient(RpcException ex, bool watchdogFired) =>
        ex.StatusCode == StatusCode.Unavailable
        || ex.StatusCode == StatusCode.Cancelled
        || (watchdogFired && ex.StatusCode == StatusCode.DeadlineExceeded)
        || (ex.StatusCode is StatusCode.Internal or StatusCode.Unknown && ex.InnerException is IOException or HttpRequestException);

    private TimeSpan Backoff(int failures)
    {
        if (failures == 0)
        {
            // The first reconnection after a working stream: at once, but not in a tight loop if the hub ends streams at once.
            return TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)Math.Max(1, _options.InitialBackoff.TotalMilliseconds)));
        }

        var ceiling = Math.Min(_options.MaxBackoff.TotalMilliseconds, _options.InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 30)));
        // Full jitter: watchers cut off together do not come back together.
        return TimeSpan.FromMilliseconds(ceiling / 2 + (Random.Shared.NextDouble() * ceiling / 2));
    }

    /// <summary>
    /// The last version delivered per application (least recently updated forgotten first) and the
    /// ids of the last notices: what tells a redelivery from a new update in bounded memory.
    /// </summary>
    private sealed class RecentVersions(int capacity)
    {
        private readonly Dictionary<string, LinkedListNode<(string Key, long Version)>> _byKey = new(StringComparer.Ordinal);
        private readonly LinkedList<(string Key, long Version)> _order = new();

        public bool IsNew(Update update)
        {
            // A notice has no application: its own id stands for it, with version 0.
            var key = update.ApplicationId.Length > 0 ? update.ApplicationId : update.EventId;
            var version = update.ApplicationId.Length > 0 ? update.Version : 0;
            if (_byKey.TryGetValue(key, out var node))
            {
                if (update.ApplicationId.Length == 0 || version <= node.Value.Version)
                {
                    return false;
                }

                _order.Remove(node);
                node.Value = (key, version);
                _order.AddLast(node);
                return true;
            }

            _byKey[key] = _order.AddLast((key, version));
            if (_byKey.Count > capacity)
            {
                _byKey.Remove(_order.First!.Value.Key);
                _order.RemoveFirst();
            }

            return true;
        }
    }
}
