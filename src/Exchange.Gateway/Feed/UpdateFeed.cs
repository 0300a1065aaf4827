using System.Collections.Concurrent;
using Exchange.Gateway.Errors;
using Exchange.Storage.Feed;
using Exchange.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using D = Exchange.Domain;

namespace Exchange.Gateway.Feed;

/// <summary>
/// WatchUpdates and ListUpdates for one recipient's feed (a platform's or a court's): the one
/// implementation both services call (updates.proto: guarantees, tokens, filters, errors).
/// A watcher reads its feed from the database by position a page at a time and holds no more
/// than that page: a consumer that reads slowly only keeps its one pending write waiting, and
/// is served at its own pace; nothing is buffered for it elsewhere.
/// </summary>
public sealed class UpdateFeed(FeedStore store, FeedTokens tokens, FeedSignal signal, TimeProvider clock, IHostApplicationLifetime lifetime)
{
    /// <summary>Streams one caller may hold open at once.</summary>
    public const int MaxWatchersPerCaller = 20;

    /// <summary>Updates read (and so held) per page by a watcher.</summary>
    public const int WatchPageSize = 100;

    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;
    public const int DefaultHeartbeatSeconds = 15;
    public const int MaxHeartbeatSeconds = 300;
    public const int MaxApplicationIds = 100;

    /// <summary>How long a caught-up watcher waits for the relay's wake-up before it looks anyway (a lost notification delays, never loses).</summary>
    public static readonly TimeSpan PollFallback = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<FeedRecipient, int> watchers = new();

    /// <summary>Streams open per caller now (for tests and metrics).</summary>
    public int OpenWatchers(FeedRecipient recipient) => watchers.TryGetValue(recipient, out var n) ? n : 0;

    public async Task<ListUpdatesResponse> ListAsync(FeedRecipient recipient, ListUpdatesRequest request, CancellationToken cancellationToken)
    {
        var violations = new List<(string, string)>();
        if (request.PageSize is < 0 or > MaxPageSize)
        {
            violations.Add(("page_size", $"must be 0 (for {DefaultPageSize}) or 1–{MaxPageSize}"));
        }

        var (filter, codec, token) = await CheckAsync(recipient, request.ResumeToken, request.Filter, violations, cancellationToken);
        var after = await StartAsync(recipient, token, request.StartAtEnd, cancellationToken);
        if (request.ResumeToken.Length == 0 && request.StartAtEnd)
        {
            return new ListUpdatesResponse { ResumeToken = codec.Encode(recipient, after), CaughtUp = true };
        }

        var page = await store.ReadAsync(recipient, after, filter, request.PageSize == 0 ? DefaultPageSize : request.PageSize, cancellationToken);
        var response = new ListUpdatesResponse { ResumeToken = codec.Encode(recipient, page.ScannedTo), CaughtUp = page.CaughtUp };
        response.Updates.AddRange(page.Entries.Select(e => UpdateMapper.ToUpdate(e, recipient, codec)));
        return response;
    }

    public async Task WatchAsync(FeedRecipient recipient, WatchUpdatesRequest request, IServerStreamWriter<WatchUpdatesResponse> writer, ServerCallContext context)
    {
        var violations = new List<(string, string)>();
        if (request.HeartbeatSeconds is < 0 or > MaxHeartbeatSeconds)
        {
            violations.Add(("heartbeat_seconds", $"must be 0 (for {DefaultHeartbeatSeconds}) or 1–{MaxHeartbeatSeconds}"));
        }

        var heartbeatEvery = TimeSpan.FromSeconds(request.HeartbeatSeconds == 0 ? DefaultHeartbeatSeconds : request.HeartbeatSeconds);
        if (watchers.AddOrUpdate(recipient, 1, (_, n) => n + 1) > MaxWatchersPerCaller)
        {
            Release(recipient);
            throw GrpcErrors.Create(StatusCode.ResourceExhausted, D.ErrorReason.TooManyWatchers,
                $"{MaxWatchersPerCaller} update streams are open for this caller already; close one");
        }

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var cancellationToken = stopping.Token;
        try
        {
            var (filter, codec, token) = await CheckAsync(recipient, request.ResumeToken, request.Filter, violations, cancellationToken);
            var position = await StartAsync(recipient, token, request.StartAtEnd, cancellationToken);
            var lastSent = clock.GetUtcNow();
            var caughtUpOnce = false;
            while (true)
            {
                // Taken before the read: a batch relayed while reading wakes the wait below at once.
                var wake = signal.NextAsync;
                var page = await store.ReadAsync(recipient, position, filter, WatchPageSize, cancellationToken);
                foreach (var entry in page.Entries)
                {
                    await writer.WriteAsync(new WatchUpdatesResponse { Update = UpdateMapper.ToUpdate(entry, recipient, codec) }, cancellationToken);
                    lastSent = clock.GetUtcNow();
                }

                position = page.ScannedTo;
                // Once on catching up, and whenever nothing matching was sent for a while (a long
                // backlog the filter skips too: the caller's position moves on all the same).
                if ((page.CaughtUp && !caughtUpOnce) || clock.GetUtcNow() - lastSent >= heartbeatEvery)
                {
                    caughtUpOnce |= page.CaughtUp;
                    await writer.WriteAsync(new WatchUpdatesResponse
                    {
                        Heartbeat = new Heartbeat { ResumeToken = codec.Encode(recipient, position), SendTime = Timestamp.FromDateTimeOffset(clock.GetUtcNow()) },
                    }, cancellationToken);
                    lastSent = clock.GetUtcNow();
                }

                if (!page.CaughtUp)
                {
                    continue;
                }

                var untilHeartbeat = heartbeatEvery - (clock.GetUtcNow() - lastSent);
                var wait = untilHeartbeat < PollFallback ? untilHeartbeat : PollFallback;
                if (wait > TimeSpan.Zero)
                {
                    try
                    {
                        await wake.WaitAsync(wait, clock, cancellationToken);
                    }
                    catch (TimeoutException)
                    {
                        // The polling fallback, or a heartbeat is due.
                    }
                }
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw GrpcErrors.UnavailableStatus("the hub is shutting down; reconnect with the last resume_token").ToRpcException();
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The caller went away: nothing to answer.
        }
        catch (Exception ex) when (ex is not RpcException && ErrorMappingInterceptor.Classify(ex) is not null)
        {
            throw GrpcErrors.UnavailableStatus("the hub's store is unavailable; reconnect with the last resume_token").ToRpcException();
        }
        finally
        {
            Release(recipient);
        }
    }

    private void Release(FeedRecipient recipient)
    {
        if (watchers.AddOrUpdate(recipient, 0, (_, n) => n - 1) <= 0)
        {
            watchers.TryRemove(new KeyValuePair<FeedRecipient, int>(recipient, 0));
        }
    }

    /// <summary>Every INVALID_ARGUMENT at once (the filter, the token's form, and what the caller checked before), then the filter and token.</summary>
    private async Task<(FeedFilter Filter, FeedTokenCodec Codec, FeedTokenCheck? Token)> CheckAsync(
        FeedRecipient recipient, string resumeToken, UpdateFilter? filter, List<(string, string)> violations, CancellationToken cancellationToken)
    {
        var feedFilter = ToFilter(filter, violations);
        var codec = await tokens.GetCodecAsync(cancellationToken);
        FeedTokenCheck? token = null;
        if (resumeToken.Length > 0)
        {
            token = codec.Decode(recipient, resumeToken);
            if (token.Value.Status == FeedTokenStatus.Malformed)
            {
                violations.Add(("resume_token", "not a resume token of this caller's feed (malformed, forged, or issued to another caller)"));
            }
        }

        if (violations.Count > 0)
        {
            throw GrpcErrors.InvalidArgument(violations);
        }

        return (feedFilter, codec, token);
    }

    /// <summary>The position to read after: the token's, the oldest kept, or the head.</summary>
    private async Task<long> StartAsync(FeedRecipient recipient, FeedTokenCheck? token, bool startAtEnd, CancellationToken cancellationToken)
    {
        var bounds = await store.BoundsAsync(recipient, cancellationToken);
        if (token is not { } check)
        {
            return startAtEnd ? bounds.Head : Math.Max(0, bounds.OldestKept - 1);
        }

        if (check.Status == FeedTokenStatus.OtherEpoch || check.Position < bounds.OldestKept - 1)
        {
            throw GrpcErrors.Create(StatusCode.OutOfRange, D.ErrorReason.ResumeTokenExpired,
                "the resume_token points before the oldest update the hub keeps (or the feed was rebuilt): re-list the applications you follow, then start the feed again without a token");
        }

        if (check.Position > bounds.Head)
        {
            // Only a feed rebuilt under the same epoch could get here; the token cannot be honoured.
            throw GrpcErrors.Create(StatusCode.OutOfRange, D.ErrorReason.ResumeTokenExpired,
                "the resume_token points past the end of the feed (the feed was rebuilt): re-list the applications you follow, then start the feed again without a token");
        }

        return check.Position;
    }

    private static FeedFilter ToFilter(UpdateFilter? filter, List<(string, string)> violations)
    {
        if (filter is null)
        {
            return FeedFilter.None;
        }

        if (filter.ApplicationTypes.Any(t => t == ApplicationType.Unspecified || !System.Enum.IsDefined(t)))
        {
            violations.Add(("filter.application_types", "contains an unspecified or unknown application type"));
        }

        if (filter.Statuses.Any(s => s == ApplicationStatus.Unspecified || !System.Enum.IsDefined(s)))
        {
            violations.Add(("filter.statuses", "contains an unspecified or unknown status"));
        }

        var ids = new HashSet<Guid>();
        if (filter.ApplicationIds.Count > MaxApplicationIds)
        {
            violations.Add(("filter.application_ids", $"at most {MaxApplicationIds} ids"));
        }

        for (var i = 0; i < filter.ApplicationIds.Count; i++)
        {
            if (Guid.TryParseExact(filter.ApplicationIds[i], "D", out var id))
            {
                ids.Add(id);
            }
            else
            {
                violations.Add(($"filter.application_ids[{i}]", "not a UUID"));
            }
        }

        if (filter.ApplicationTypes.Count == 0 && filter.Statuses.Count == 0 && ids.Count == 0)
        {
            return FeedFilter.None;
        }

        return new FeedFilter(
            filter.ApplicationTypes.Select(t => (D.ApplicationType)t).ToHashSet(),
            filter.Statuses.Select(s => (D.ApplicationStatus)s).ToHashSet(),
            ids);
    }
}
