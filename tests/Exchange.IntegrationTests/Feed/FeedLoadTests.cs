using System.Collections.Concurrent;
using System.Diagnostics;
using Exchange.Client;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit.Abstractions;

namespace Exchange.IntegrationTests.Feed;

/// <summary>
/// The feed under concurrent writers, held and rolled-back transactions, a watcher that keeps
/// reconnecting, a gateway restart and a silo SIGKILL; and stalled watchers under load.
/// </summary>
[Collection(FeedCollection.Name)]
public sealed class FeedLoadTests(FeedHubFixture hub, ITestOutputHelper output)
{
    [DatabaseFact]
    public async Task TwentyWriters_WithHeldAndRolledBackTransactions_AReconnectingWatcher_AGatewayRestart_AndASiloKill_GetEveryCommittedEventOnce_InVersionOrder()
    {
        var target = Setting("EXCHANGE_FEED_TEST_EVENTS", 5000);
        var clock = Stopwatch.StartNew();
        var (platform, key) = await hub.NewPlatformAsync("chaos");
        var template = await hub.SubmitAsync(key);
        var writes = await FeedWrites.LoadAsync(hub.Database, template.ApplicationId);

        var deliveries = new List<Update>();
        var watcherStats = new WatcherStats();
        using var stopWatching = new CancellationTokenSource();
        var watching = Task.Run(() => WatchAsync(key, deliveries, watcherStats, stopWatching.Token));

        long committed = 1;
        // Writers go on until the target is reached and both faults are over: the silo dies with writes and relaying in flight.
        var faultsOver = false;
        var rolledBack = new ConcurrentBag<string>();
        var held = 0;
        var writers = Enumerable.Range(0, 20).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            var mine = new List<(Guid Id, int Version)>();
            while (Interlocked.Read(ref committed) < target || !Volatile.Read(ref faultsOver))
            {
                var index = mine.Count == 0 || random.Next(3) == 0 ? -1 : random.Next(mine.Count);
                var (id, version) = index < 0 ? (Guid.NewGuid(), 1) : (mine[index].Id, mine[index].Version + 1);
                var write = await writes.BeginAsync(id, platform, version);
                if (random.Next(100) < 3)
                {
                    // Held open for seconds while the others commit.
                    Interlocked.Increment(ref held);
                    await Task.Delay(random.Next(500, 3000));
                }

                // Only new applications roll back: their ids are never written again.
                if (version == 1 && random.Next(10) == 0)
                {
                    await write.RollbackAsync();
                    rolledBack.Add(write.EventId);
                    continue;
                }

                await write.CommitAsync();
                Interlocked.Increment(ref committed);
                if (index < 0)
                {
                    mine.Add((id, 1));
                }
                else
                {
                    mine[index] = (id, version);
                }
            }
        })).ToList();

        // The faults, while the writers write.
        await WaitUntilAsync(() => Interlocked.Read(ref committed) >= target / 3);
        var restart = Stopwatch.StartNew();
        await hub.Gateway!.DisposeAsync();
        await hub.StartGatewayAsync();
        output.WriteLine($"gateway restarted in {restart.ElapsedMilliseconds} ms at {Interlocked.Read(ref committed)} committed");
        await WaitUntilAsync(() => Interlocked.Read(ref committed) >= 2 * target / 3);
        var atKill = Interlocked.Read(ref committed);
        restart.Restart();
        await hub.Silo.KillAsync(); // SIGKILL, whatever the relay was doing
        await hub.Silo.DisposeAsync();
        await hub.StartSiloAsync();
        output.WriteLine($"silo killed at {atKill} committed, restarted in {restart.ElapsedMilliseconds} ms at {Interlocked.Read(ref committed)} committed");
        Volatile.Write(ref faultsOver, true);
        await Task.WhenAll(writers);
        output.WriteLine($"{Interlocked.Read(ref committed)} committed, {rolledBack.Count} rolled back, {held} held, writes done at {clock.Elapsed}");

        var expected = await CommittedEventsAsync(platform);
        Assert.True(expected.Count >= target, $"{expected.Count} events committed, {target} wanted");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (Distinct(deliveries).Count < expected.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        await stopWatching.CancelAsync();
        await watching;
        var all = Snapshot(deliveries);
        var firsts = Distinct(deliveries);
        output.WriteLine($"watcher: {watcherStats.Sessions} sessions, {watcherStats.Connections} connections, {all.Count} deliveries, "
            + $"{all.Count - firsts.Count} redelivered (dropped by id), {watcherStats.Duplicates} dropped by the client; total {clock.Elapsed}");

        // Every committed event exactly once (after de-duplication by id), nothing rolled back.
        Assert.Equal(expected.Order(StringComparer.Ordinal), firsts.Select(u => u.EventId).Order(StringComparer.Ordinal));
        Assert.Empty(firsts.Select(u => u.EventId).Intersect(rolledBack));
        // Per application: versions 1, 2, 3 … in the order they arrived.
        foreach (var application in firsts.GroupBy(u => u.ApplicationId))
        {
            Assert.Equal(Enumerable.Range(1, application.Count()).Select(v => (long)v), application.Select(u => u.Version));
        }

        // The deliveries are the feed: a full scan gives the same updates in the same order.
        var (scan, _) = await Feeds.ScanPlatformAsync(hub, key);
        Assert.Equal(scan.Select(u => u.EventId), firsts.Select(u => u.EventId));
    }

    [DatabaseFact]
    public async Task StalledWatchers_CostTheWritersNothing_AndTheGatewaysMemoryStaysFlat()
    {
        var seconds = Setting("EXCHANGE_FEED_STALL_SECONDS", 8);
        var (platform, key) = await hub.NewPlatformAsync("stall");
        var template = await hub.SubmitAsync(key);

        // A feed large enough that a reader which buffered it would show: 10,000 updates before the stall.
        var writes = await FeedWrites.LoadAsync(hub.Database, template.ApplicationId);
        var prefill = 10_000;
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < prefill / 10; i++)
            {
                await (await writes.BeginAsync(Guid.NewGuid(), platform, 1)).CommitAsync();
            }
        })));
        // Read once the relay has moved it all (resuming each scan from where the last one stopped).
        var feed = new List<Update>();
        var token = "";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (feed.Count <= prefill && DateTime.UtcNow < deadline)
        {
            var (more, next) = await Feeds.ScanPlatformAsync(hub, key, token);
            feed.AddRange(more);
            token = next;
        }

        var feedBytes = feed.Sum(u => (long)u.CalculateSize());

        var gateway = hub.Gateway!.ProcessId;
        var before = Rss(gateway);
        var baseline = await SubmitForAsync(key, TimeSpan.FromSeconds(seconds), gateway);

        // 15 streams (the cap is 20) read from the start of the feed and never read a byte.
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{hub.GatewayPort}");
        var filing = new FilingService.FilingServiceClient(channel);
        var stalled = Enumerable.Range(0, 15)
            .Select(_ => filing.WatchUpdates(new WatchUpdatesRequest { HeartbeatSeconds = 1 }, HubFixture.As(key, TimeSpan.FromHours(1))))
            .ToList();
        try
        {
            var underStall = await SubmitForAsync(key, TimeSpan.FromSeconds(seconds), gateway);
            var after = Rss(gateway);

            // The stalled streams are still open and served from where they stopped: one reads now and gets the feed from its start.
            Assert.True(await stalled[0].ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(feed[0].EventId, stalled[0].ResponseStream.Current.Update.EventId);

            output.WriteLine($"feed {feed.Count} updates ({feedBytes / 1024} KiB of updates; 15 stalled streams would hold {15 * feedBytes / 1024 / 1024} MiB if they buffered it)");
            output.WriteLine($"submissions/s: {baseline.Rate:F1} without stalled watchers, {underStall.Rate:F1} with 15 ({seconds} s each, 4 submitters)");
            output.WriteLine($"gateway RSS: {before / 1024} MiB before, {baseline.MaxRss / 1024} MiB max without, {underStall.MaxRss / 1024} MiB max with stalled watchers, {after / 1024} MiB after");
            Assert.True(underStall.Rate >= baseline.Rate * 0.5, $"submissions slowed from {baseline.Rate:F1}/s to {underStall.Rate:F1}/s under stalled watchers");
            // Flat: well below what buffering the feed once per stalled stream would take.
            Assert.True(underStall.MaxRss - baseline.MaxRss < Math.Max(16 * 1024, 15 * feedBytes / 1024 / 2),
                $"gateway RSS grew from {baseline.MaxRss / 1024} MiB to {underStall.MaxRss / 1024} MiB under stalled watchers");
        }
        finally
        {
            foreach (var call in stalled)
            {
                call.Dispose();
            }
        }
    }

    private sealed record Phase(double Rate, long MaxRss);

    /// <summary>Four submitters for <paramref name="duration"/>: submissions per second, and the gateway's highest RSS (KiB) sampled meanwhile.</summary>
    private async Task<Phase> SubmitForAsync(string key, TimeSpan duration, int gateway)
    {
        var count = 0;
        var maxRss = 0L;
        var clock = Stopwatch.StartNew();
        var submitters = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                await hub.SubmitAsync(key);
                Interlocked.Increment(ref count);
            }
        })).ToList();
        while (submitters.Any(s => !s.IsCompleted))
        {
            maxRss = Math.Max(maxRss, Rss(gateway));
            await Task.WhenAny(Task.WhenAll(submitters), Task.Delay(250));
        }

        await Task.WhenAll(submitters);
        return new Phase(count / clock.Elapsed.TotalSeconds, maxRss);
    }

    /// <summary>A process's resident set in KiB (/proc/PID/status VmRSS).</summary>
    private static long Rss(int processId) =>
        File.ReadLines($"/proc/{processId}/status")
            .Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture))
            .Single();

    private sealed class WatcherStats
    {
        public int Sessions;
        public int Connections;
        public long Duplicates;
    }

    /// <summary>
    /// Watches with the client library's watcher in sessions that end at random moments and
    /// resume from the last token — or, one time in five, from an older one (redeliveries).
    /// </summary>
    private async Task WatchAsync(string key, List<Update> deliveries, WatcherStats stats, CancellationToken stop)
    {
        var random = new Random(11);
        var tokens = new List<string> { "" };
        using var client = ExchangeClient.Create(new Uri($"http://127.0.0.1:{hub.GatewayPort}"), key);
        while (!stop.IsCancellationRequested)
        {
            using var session = CancellationTokenSource.CreateLinkedTokenSource(stop);
            session.CancelAfter(random.Next(200, 2500));
            var start = random.Next(5) == 0 ? tokens[Math.Max(0, tokens.Count - 1 - random.Next(1, 20))] : tokens[^1];
            var watcher = client.Filing.WatchUpdates(new UpdateWatchOptions
            {
                ResumeToken = start,
                HeartbeatSeconds = 1,
                InitialBackoff = TimeSpan.FromMilliseconds(100),
                MaxBackoff = TimeSpan.FromSeconds(1),
            });
            stats.Sessions++;
            try
            {
                await foreach (var frame in watcher.WatchAsync(session.Token))
                {
                    if (frame.Update is { } update)
                    {
                        lock (deliveries)
                        {
                            deliveries.Add(update);
                        }
                    }

                    tokens.Add(watcher.ResumeToken);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException || (ex is RpcException { StatusCode: StatusCode.Cancelled } && session.IsCancellationRequested))
            {
            }

            stats.Connections += watcher.Connections;
            stats.Duplicates += watcher.Duplicates;
        }
    }

    private static List<Update> Snapshot(List<Update> deliveries)
    {
        lock (deliveries)
        {
            return [.. deliveries];
        }
    }

    /// <summary>The deliveries de-duplicated by event id, each at its first arrival.</summary>
    private static List<Update> Distinct(List<Update> deliveries) => [.. Snapshot(deliveries).DistinctBy(u => u.EventId)];

    private async Task<List<string>> CommittedEventsAsync(string platform)
    {
        await using var command = hub.Database.DataSource.CreateCommand(
            "SELECT e.application_id::text || '/' || e.seq FROM exchange_events e JOIN exchange_applications a ON a.application_id = e.application_id WHERE a.platform_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = platform });
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(50);
        }
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;
}
