using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Grpc.Core;
using Xunit.Abstractions;

namespace Exchange.IntegrationTests.Feed;

/// <summary>
/// The change feed through real processes: no update passes one whose transaction is still open
/// (the Marten regression), tenancy, and every documented error of WatchUpdates and ListUpdates.
/// </summary>
[Collection(FeedCollection.Name)]
public sealed class FeedTests(FeedHubFixture hub, ITestOutputHelper output)
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long the test watches for something that must not happen while a transaction is held:
    /// the relay polls every 100 ms and is poked by every write, so this is 20 of its turns.
    /// </summary>
    private static readonly TimeSpan HeldWindow = TimeSpan.FromSeconds(2);

    [DatabaseFact]
    public async Task AHeldTransaction_HoldsBackEveryLaterUpdate_UntilItCommits_ThenItIsDeliveredOnce_AndARolledBackOneNever()
    {
        var (platform, key) = await hub.NewPlatformAsync("held");
        var first = await hub.SubmitAsync(key);
        await using var stream = RecordedStream.Platform(hub, key, new WatchUpdatesRequest { HeartbeatSeconds = 1 });
        await stream.WaitForAsync(f => f.Any(x => x.Update?.ApplicationId == first.ApplicationId), Arrival, "the first submission");

        var writes = await FeedWrites.LoadAsync(hub.Database, first.ApplicationId);
        var held = await writes.BeginAsync(Guid.NewGuid(), platform, 1);
        var rolledBack = await writes.BeginAsync(Guid.NewGuid(), platform, 1);
        var later = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            later.Add((await hub.SubmitAsync(key)).ApplicationId);
        }

        // Meanwhile: heartbeats go on, no later update is delivered or listed, and the tokens handed out stay before them.
        var heartbeatsBefore = stream.Frames.Count(f => f.Heartbeat is not null);
        await stream.WaitForAsync(f => f.Count(x => x.Heartbeat is not null) >= heartbeatsBefore + 2, HeldWindow + Arrival, "two heartbeats while the write is held");
        await Task.Delay(HeldWindow); // watching for what must not happen (see HeldWindow)
        Assert.DoesNotContain(stream.Updates, u => later.Contains(u.ApplicationId));
        var (listed, tokenMeanwhile) = await Feeds.ScanPlatformAsync(hub, key);
        Assert.Equal([first.ApplicationId], listed.Select(u => u.ApplicationId));
        var heartbeatToken = stream.Frames.Last(f => f.Heartbeat is not null).Heartbeat.ResumeToken;

        await rolledBack.RollbackAsync();
        await held.CommitAsync();
        var marker = await hub.SubmitAsync(key);

        var frames = await stream.WaitForAsync(f => f.Any(x => x.Update?.ApplicationId == marker.ApplicationId), Arrival, "the marker after the commit");
        var updates = frames.Where(f => f.Update is not null).Select(f => f.Update.ApplicationId).ToList();
        output.WriteLine("delivered in order: " + string.Join(", ", updates));
        // The held write came before everything written after it started, once; the rolled-back one never.
        Assert.Equal([first.ApplicationId, held.ApplicationId.ToString(), .. later, marker.ApplicationId], updates);
        Assert.DoesNotContain(rolledBack.ApplicationId.ToString(), updates);

        // Tokens handed out while it was held resume before it.
        foreach (var token in new[] { tokenMeanwhile, heartbeatToken })
        {
            var (resumed, _) = await Feeds.ScanPlatformAsync(hub, key, token);
            Assert.Equal([held.ApplicationId.ToString(), .. later, marker.ApplicationId], resumed.Select(u => u.ApplicationId));
        }

        var (all, _) = await Feeds.ScanPlatformAsync(hub, key);
        Assert.Equal(updates, all.Select(u => u.ApplicationId));
        Assert.Equal(all.Select(u => u.EventId).Distinct().Count(), all.Count);
    }

    [DatabaseFact]
    public async Task Tenancy_AnotherCallersToken_IsRefused_AFilterNeverReachesAnotherFeed_AndACourtSeesOnlyItsOwn()
    {
        var (_, keyA) = await hub.NewPlatformAsync("tenant-a");
        var (_, keyB) = await hub.NewPlatformAsync("tenant-b");
        var ofA = await hub.SubmitAsync(keyA);
        var ofB = await hub.SubmitAsync(keyB);
        var atSecondCourt = await hub.SubmitAsync(keyA, FeedHubFixture.SecondCourt);
        var (listedA, tokenA) = await WaitForScanAsync(() => Feeds.ScanPlatformAsync(hub, keyA), 2);
        Assert.Equal([ofA.ApplicationId, atSecondCourt.ApplicationId], listedA.Select(u => u.ApplicationId));

        // A's token on B's feed, and on a court's.
        await AssertInvalidToken(() => hub.Filing.ListUpdatesAsync(new ListUpdatesRequest { ResumeToken = tokenA }, HubFixture.As(keyB)).ResponseAsync);
        await AssertInvalidToken(() => FirstFrameAsync(hub.Filing.WatchUpdates(new WatchUpdatesRequest { ResumeToken = tokenA }, HubFixture.As(keyB))));
        await AssertInvalidToken(() => hub.Courts.ListUpdatesAsync(new ListUpdatesRequest { ResumeToken = tokenA }, hub.AsCourt).ResponseAsync);

        // B asking for A's applications by id gets nothing of A's (listed or streamed).
        var forA = new UpdateFilter { ApplicationIds = { ofA.ApplicationId, atSecondCourt.ApplicationId } };
        var (listedB, _) = await Feeds.ScanPlatformAsync(hub, keyB, filter: forA);
        Assert.Empty(listedB);
        await using (var streamB = RecordedStream.Platform(hub, keyB, new WatchUpdatesRequest { Filter = forA }))
        {
            var frames = await streamB.WaitForAsync(f => f.Any(x => x.Heartbeat is not null), Arrival, "B's first heartbeat");
            Assert.All(frames, f => Assert.Null(f.Update));
        }

        var (unfilteredB, _) = await Feeds.ScanPlatformAsync(hub, keyB);
        Assert.Equal([ofB.ApplicationId], unfilteredB.Select(u => u.ApplicationId));

        // Each court sees its own applications only.
        var (court1, court1Token) = await WaitForScanAsync(() => Feeds.ScanCourtAsync(hub, hub.CourtKey), 1, u => u.ApplicationId == ofA.ApplicationId);
        Assert.Contains(court1, u => u.ApplicationId == ofB.ApplicationId);
        Assert.DoesNotContain(court1, u => u.ApplicationId == atSecondCourt.ApplicationId);
        Assert.All(court1, u => Assert.Equal(FeedHubFixture.Court, u.CourtCode));
        var (court2, _) = await WaitForScanAsync(() => Feeds.ScanCourtAsync(hub, hub.SecondCourtKey), 1, u => u.ApplicationId == atSecondCourt.ApplicationId);
        Assert.All(court2, u => Assert.Equal(FeedHubFixture.SecondCourt, u.CourtCode));

        // A court's token on the other court's feed, and on a platform's.
        await AssertInvalidToken(() => hub.Courts.ListUpdatesAsync(new ListUpdatesRequest { ResumeToken = court1Token }, hub.AsSecondCourt).ResponseAsync);
        await AssertInvalidToken(() => FirstFrameAsync(hub.Courts.WatchUpdates(new WatchUpdatesRequest { ResumeToken = court1Token }, hub.AsSecondCourt)));
        await AssertInvalidToken(() => hub.Filing.ListUpdatesAsync(new ListUpdatesRequest { ResumeToken = court1Token }, HubFixture.As(keyA)).ResponseAsync);
    }

    [DatabaseFact]
    public async Task EveryDocumentedError_OfBothServices()
    {
        var (platform, key) = await hub.NewPlatformAsync("errors");
        await hub.SubmitAsync(key);
        var (_, platformToken) = await WaitForScanAsync(() => Feeds.ScanPlatformAsync(hub, key), 1);
        var (_, courtToken) = await Feeds.ScanCourtAsync(hub, hub.CourtKey);

        var feeds = new (string Name, Func<ListUpdatesRequest, Task<ListUpdatesResponse>> List, Func<WatchUpdatesRequest, Task<WatchUpdatesResponse>> Watch, string Token)[]
        {
            ("filing", r => hub.Filing.ListUpdatesAsync(r, HubFixture.As(key)).ResponseAsync, r => FirstFrameAsync(hub.Filing.WatchUpdates(r, HubFixture.As(key))), platformToken),
            ("court", r => hub.Courts.ListUpdatesAsync(r, hub.AsCourt).ResponseAsync, r => FirstFrameAsync(hub.Courts.WatchUpdates(r, hub.AsCourt)), courtToken),
        };
        foreach (var (name, list, watch, token) in feeds)
        {
            output.WriteLine(name);
            await AssertInvalidToken(() => list(new ListUpdatesRequest { ResumeToken = "not-a-token" }));
            await AssertInvalidToken(() => watch(new WatchUpdatesRequest { ResumeToken = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..] }));

            var badFilter = new UpdateFilter
            {
                ApplicationTypes = { ApplicationType.Unspecified },
                Statuses = { (ApplicationStatus)999 },
                ApplicationIds = { "not-a-uuid" },
            };
            var error = await AssertInvalid(() => list(new ListUpdatesRequest { Filter = badFilter, PageSize = 1001 }));
            Assert.Equal(["filter.application_ids[0]", "filter.application_types", "filter.statuses", "page_size"], error.FieldViolations.Select(v => v.Field).Order());
            error = await AssertInvalid(() => watch(new WatchUpdatesRequest { Filter = badFilter, HeartbeatSeconds = 301 }));
            Assert.Contains(error.FieldViolations, v => v.Field == "heartbeat_seconds");
            var tooMany = new UpdateFilter();
            tooMany.ApplicationIds.AddRange(Enumerable.Range(0, 101).Select(_ => Guid.NewGuid().ToString()));
            error = await AssertInvalid(() => list(new ListUpdatesRequest { Filter = tooMany }));
            Assert.Equal("filter.application_ids", Assert.Single(error.FieldViolations).Field);
            Assert.Equal("page_size", Assert.Single((await AssertInvalid(() => list(new ListUpdatesRequest { PageSize = -1 }))).FieldViolations).Field);
            Assert.Equal("heartbeat_seconds", Assert.Single((await AssertInvalid(() => watch(new WatchUpdatesRequest { HeartbeatSeconds = -1 }))).FieldViolations).Field);
        }

        // Expired: one more update, then the feeds kept only after it (as retention leaves them).
        await hub.SubmitAsync(key);
        await WaitForScanAsync(() => Feeds.ScanPlatformAsync(hub, key), 2);
        await hub.Database.ScalarAsync(
            "INSERT INTO exchange_feed_heads (recipient_kind, recipient_id, oldest_kept) VALUES (1, $1, exchange_feed_head(1::smallint, $1) + 1) " +
            "ON CONFLICT (recipient_kind, recipient_id) DO UPDATE SET oldest_kept = EXCLUDED.oldest_kept", platform);
        await AssertExpired(() => hub.Filing.ListUpdatesAsync(new ListUpdatesRequest { ResumeToken = platformToken }, HubFixture.As(key)).ResponseAsync);
        await AssertExpired(() => FirstFrameAsync(hub.Filing.WatchUpdates(new WatchUpdatesRequest { ResumeToken = platformToken }, HubFixture.As(key))));

        // The same for the court, restored afterwards (other tests read its feed).
        var oldest = await hub.Database.ScalarAsync("SELECT COALESCE((SELECT oldest_kept FROM exchange_feed_heads WHERE recipient_kind = 2 AND recipient_id = $1), 1)", FeedHubFixture.Court);
        await hub.Database.ScalarAsync(
            "INSERT INTO exchange_feed_heads (recipient_kind, recipient_id, oldest_kept) VALUES (2, $1, exchange_feed_head(2::smallint, $1) + 1) " +
            "ON CONFLICT (recipient_kind, recipient_id) DO UPDATE SET oldest_kept = EXCLUDED.oldest_kept", FeedHubFixture.Court);
        try
        {
            await AssertExpired(() => hub.Courts.ListUpdatesAsync(new ListUpdatesRequest { ResumeToken = courtToken }, hub.AsCourt).ResponseAsync);
            await AssertExpired(() => FirstFrameAsync(hub.Courts.WatchUpdates(new WatchUpdatesRequest { ResumeToken = courtToken }, hub.AsCourt)));
        }
        finally
        {
            await hub.Database.ScalarAsync("UPDATE exchange_feed_heads SET oldest_kept = $2 WHERE recipient_kind = 2 AND recipient_id = $1", FeedHubFixture.Court, oldest);
        }

        // The wrong kind of key.
        await AssertDenied(() => hub.Filing.ListUpdatesAsync(new ListUpdatesRequest(), hub.AsCourt).ResponseAsync);
        await AssertDenied(() => FirstFrameAsync(hub.Filing.WatchUpdates(new WatchUpdatesRequest(), hub.AsCourt)));
        await AssertDenied(() => hub.Courts.ListUpdatesAsync(new ListUpdatesRequest(), HubFixture.As(key)).ResponseAsync);
        await AssertDenied(() => FirstFrameAsync(hub.Courts.WatchUpdates(new WatchUpdatesRequest(), HubFixture.As(key))));

        // Too many streams: 20 open, the 21st refused; closing one makes room.
        await AssertWatcherCap(() => RecordedStream.Platform(hub, key, new WatchUpdatesRequest { StartAtEnd = true }),
            () => FirstFrameAsync(hub.Filing.WatchUpdates(new WatchUpdatesRequest { StartAtEnd = true }, HubFixture.As(key))));
        await AssertWatcherCap(() => RecordedStream.Court(hub, hub.SecondCourtKey, new WatchUpdatesRequest { StartAtEnd = true }),
            () => FirstFrameAsync(hub.Courts.WatchUpdates(new WatchUpdatesRequest { StartAtEnd = true }, hub.AsSecondCourt)));
    }

    [DatabaseFact]
    public async Task AStoppingGateway_EndsItsStreamsWithUnavailable_SoThatClientsReconnect()
    {
        var (_, key) = await hub.NewPlatformAsync("stopping");
        await using var stream = RecordedStream.Platform(hub, key, new WatchUpdatesRequest { HeartbeatSeconds = 1 });
        await stream.WaitForAsync(f => f.Count > 0, Arrival, "the first heartbeat");

        // SIGTERM: the gateway shuts down as a host does.
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", hub.Gateway!.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        try
        {
            await stream.WaitForAsync(_ => false, Arrival, "the end of the stream").ContinueWith(_ => { }, TaskScheduler.Default);
            var error = Assert.IsType<RpcException>(stream.Error);
            Assert.Equal(StatusCode.Unavailable, error.StatusCode);
            Assert.Equal("BACKEND_UNAVAILABLE", Exchange.Client.ExchangeError.FromException(error).Reason);
        }
        finally
        {
            await hub.Gateway.DisposeAsync();
            await hub.StartGatewayAsync();
        }
    }

    private static async Task AssertWatcherCap(Func<RecordedStream> open, Func<Task<WatchUpdatesResponse>> another)
    {
        var streams = new List<RecordedStream>();
        try
        {
            for (var i = 0; i < 20; i++)
            {
                var stream = open();
                streams.Add(stream);
                // Its first heartbeat: the hub counts it.
                await stream.WaitForAsync(f => f.Count > 0, Arrival, $"stream {i + 1}'s first heartbeat");
            }

            var error = await Assert.ThrowsAsync<RpcException>(another);
            Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
            Assert.Equal("TOO_MANY_WATCHERS", Exchange.Client.ExchangeError.FromException(error).Reason);

            await streams[0].DisposeAsync();
            streams.RemoveAt(0);
            // The hub notices the cancellation a moment later: retry until the slot is free.
            var deadline = DateTime.UtcNow + Arrival;
            while (true)
            {
                try
                {
                    Assert.NotNull((await another()).Heartbeat);
                    break;
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100);
                }
            }
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }

    /// <summary>The first frame of a stream (then the stream is closed).</summary>
    private static async Task<WatchUpdatesResponse> FirstFrameAsync(AsyncServerStreamingCall<WatchUpdatesResponse> call)
    {
        using (call)
        {
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            return call.ResponseStream.Current;
        }
    }

    /// <summary>Scans until <paramref name="count"/> updates (matching <paramref name="match"/>) are there: the relay moves them a moment after the commit.</summary>
    private static async Task<(List<Update> Updates, string Token)> WaitForScanAsync(Func<Task<(List<Update>, string)>> scan, int count, Func<Update, bool>? match = null)
    {
        var deadline = DateTime.UtcNow + Arrival;
        while (true)
        {
            var result = await scan();
            if (result.Item1.Count(match ?? (_ => true)) >= count || DateTime.UtcNow > deadline)
            {
                return result;
            }

            await Task.Delay(100);
        }
    }

    private static async Task<Exchange.Client.ExchangeError> AssertInvalid(Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        var error = Exchange.Client.ExchangeError.FromException(ex);
        Assert.Equal("INVALID_ARGUMENT", error.Reason);
        return error;
    }

    private static async Task AssertInvalidToken(Func<Task> call) =>
        Assert.Equal("resume_token", Assert.Single((await AssertInvalid(call)).FieldViolations).Field);

    private static async Task AssertExpired(Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(StatusCode.OutOfRange, ex.StatusCode);
        Assert.Equal("RESUME_TOKEN_EXPIRED", Exchange.Client.ExchangeError.FromException(ex).Reason);
    }

    private static async Task AssertDenied(Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }
}
