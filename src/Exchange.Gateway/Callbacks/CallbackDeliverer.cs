using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Exchange.Gateway.Feed;
using Exchange.Storage.Callbacks;
using Exchange.Storage.Feed;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Exchange.Gateway.Callbacks;

/// <summary>
/// POSTs each platform's feed to its callback endpoint (updates.proto, "Signed callbacks"): one
/// sequential loop per platform — the next update only after the current one was answered 2xx —
/// with a bound on requests in flight across platforms.
/// </summary>
/// <remarks>
/// <para>
/// One deliverer across all gateways: the one holding a session-level advisory lock on a
/// connection of its own. Why a session lock and not <c>pg_try_advisory_xact_lock</c> per attempt:
/// the transaction would stay open for the whole HTTP request (up to the timeout), and every open
/// transaction in the database holds back the feed relay's fence. The lock connection is pinged
/// on every poll; when it breaks the lock is gone, this deliverer stops its loops and another
/// gateway takes over. A request already in flight may then be sent twice — allowed (the same
/// Exchange-Event-Id) — and the cursor cannot move backwards or twice: it moves only from the
/// position the attempt started at (<see cref="CallbackStore.MarkDeliveredAsync"/>).
/// </para>
/// <para>
/// At least once: the cursor is saved after the 2xx, so a crash in between re-sends the update.
/// </para>
/// </remarks>
public sealed partial class CallbackDeliverer(
    NpgsqlDataSource dataSource,
    CallbackStore store,
    FeedStore feed,
    FeedTokens tokens,
    FeedSignal signal,
    IHttpClientFactory httpClients,
    IOptions<CallbackOptions> options,
    TimeProvider clock,
    ILogger<CallbackDeliverer> logger) : BackgroundService
{
    /// <summary>The name of the HttpClient the deliverer sends with (no redirects, no cookies).</summary>
    public const string HttpClientName = "exchange-callbacks";

    /// <summary>The advisory lock key of the one deliverer ("ExchCall").</summary>
    public const long LockKey = 0x45786368_43616c6c;

    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(10);
    private readonly CallbackOptions settings = options.Value;
    private readonly SemaphoreSlim slots = new(options.Value.MaxConcurrentDeliveries);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                if (await ScalarAsync<bool>(connection, $"SELECT pg_try_advisory_lock({LockKey})", stoppingToken))
                {
                    LogLeading(logger);
                    await LeadAsync(connection, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                LogLost(logger, ex.Message);
            }

            try
            {
                await Task.Delay(settings.LeaderRetry, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Runs the platforms' loops while <paramref name="lockConnection"/> (and so the lock) lives.</summary>
    private async Task LeadAsync(NpgsqlConnection lockConnection, CancellationToken stoppingToken)
    {
        using var leadership = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var loops = new ConcurrentDictionary<string, Task>();
        var nextPrune = clock.GetUtcNow();
        try
        {
            while (true)
            {
                // A broken connection throws here: its lock is released, another gateway may lead.
                await ScalarAsync<int>(lockConnection, "SELECT 1", leadership.Token);
                foreach (var platform in await store.ActivePlatformsAsync(leadership.Token))
                {
                    if (!loops.TryGetValue(platform, out var running) || running.IsCompleted)
                    {
                        loops[platform] = RunPlatformAsync(platform, leadership.Token);
                    }
                }

                if (clock.GetUtcNow() >= nextPrune)
                {
                    var pruned = await store.PruneAsync(clock.GetUtcNow() - settings.LogRetention, 10_000, leadership.Token);
                    nextPrune = pruned == 10_000 ? clock.GetUtcNow() : clock.GetUtcNow() + PruneInterval;
                }

                await Task.Delay(settings.PollInterval, leadership.Token);
            }
        }
        finally
        {
            await leadership.CancelAsync();
            try
            {
                await Task.WhenAll(loops.Values);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>Delivers one platform's updates in feed order until its endpoint is gone or paused.</summary>
    private async Task RunPlatformAsync(string platformId, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var recipient = FeedRecipient.Platform(platformId);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                // Read afresh each time: SetCallbackEndpoint, a rotation or a delete change it meanwhile.
                var endpoint = await store.GetAsync(platformId, cancellationToken);
                if (endpoint is null || endpoint.State != CallbackState.Active)
                {
                    return;
                }

                var wait = endpoint.NextAttemptAt - clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    // Short steps, so that SetCallbackEndpoint (which makes the next attempt due) is seen soon.
                    await Task.Delay(wait < settings.PollInterval ? wait : settings.PollInterval, cancellationToken);
                    continue;
                }

                // Taken before reading: a batch relayed after the read wakes this loop.
                var relayed = signal.NextAsync;
                var page = await feed.ReadAsync(recipient, endpoint.DeliveredPosition, FeedFilter.None, 1, cancellationToken);
                if (page.Entries.Count == 0)
                {
                    await WaitAsync(relayed, settings.PollInterval, cancellationToken);
                    continue;
                }

                await DeliverAsync(endpoint, recipient, page.Entries[0], cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // E.g. the database unreachable for a moment: try again after a poll (nothing moved).
                LogPlatformError(logger, platformId, ex.Message);
                await Task.Delay(settings.PollInterval, cancellationToken);
            }
        }
    }

    private async Task DeliverAsync(CallbackEndpointRow endpoint, FeedRecipient recipient, FeedEntry entry, CancellationToken cancellationToken)
    {
        var codec = await tokens.GetCodecAsync(cancellationToken);
        // The exact Update the stream sends, as proto3 JSON: a callback and the stream never disagree.
        var body = Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(UpdateMapper.ToUpdate(entry, recipient, codec)));
        var attempt = endpoint.Attempts + 1;
        var (status, error, duration, attemptedAt) = await PostAsync(endpoint, entry.EventId, body, cancellationToken);

        await store.RecordAsync(new CallbackDelivery(
            0, endpoint.PlatformId, entry.EventId, entry.ApplicationId, attempt, attemptedAt, error is null, status, error,
            (int)Math.Min(int.MaxValue, duration.TotalMilliseconds), endpoint.Url), cancellationToken);

        var now = clock.GetUtcNow();
        if (error is null)
        {
            await store.MarkDeliveredAsync(endpoint.PlatformId, endpoint.DeliveredPosition, entry.Position, now, cancellationToken);
            return;
        }

        var failingSince = await store.MarkFailedAsync(
            endpoint.PlatformId, endpoint.DeliveredPosition, attempt, error, now, now + Backoff(attempt), cancellationToken);
        if (failingSince is { } since && now - since >= settings.PauseAfter
            && await store.PauseAsync(endpoint.PlatformId, endpoint.DeliveredPosition, now, cancellationToken))
        {
            // Paused first, then told: only the call that paused it puts the notice in the feed.
            // A crash in between loses the notice (the endpoint's state still says PAUSED).
            LogPaused(logger, endpoint.PlatformId, since);
            await feed.AppendNoticeAsync(recipient, new FeedNotice(
                Guid.CreateVersion7(), "CALLBACKS_PAUSED", endpoint.Url,
                $"callbacks to {endpoint.Url} failed since {since:O} and were paused; the last error: {error}. "
                + "SetCallbackEndpoint resumes them from the first undelivered update.",
                now), cancellationToken);
        }
    }

    /// <summary>One POST; the error is null when the endpoint answered 2xx within the timeout.</summary>
    private async Task<(int Status, string? Error, TimeSpan Duration, DateTimeOffset AttemptedAt)> PostAsync(
        CallbackEndpointRow endpoint, string eventId, byte[] body, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            var attemptedAt = clock.GetUtcNow();
            var timestamp = attemptedAt.ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add("Exchange-Event-Id", eventId);
            request.Headers.Add("Exchange-Timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("Exchange-Signature", CallbackSigner.Header(endpoint.SigningSecrets(attemptedAt), timestamp, body));

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.Timeout);
            var watch = Stopwatch.StartNew();
            try
            {
                using var response = await httpClients.CreateClient(HttpClientName)
                    .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                var status = (int)response.StatusCode;
                return response.IsSuccessStatusCode
                    ? (status, null, watch.Elapsed, attemptedAt)
                    : (status, $"the endpoint answered HTTP {status}", watch.Elapsed, attemptedAt);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (0, $"no answer within {settings.Timeout.TotalSeconds:0.###} s", watch.Elapsed, attemptedAt);
            }
            catch (HttpRequestException ex)
            {
                return (0, ex.HttpRequestError + ": " + ex.Message, watch.Elapsed, attemptedAt);
            }
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>The wait after failed attempt <paramref name="attempt"/>: 1 s, 2 s, 4 s … at most MaxBackoff.</summary>
    public static TimeSpan Backoff(int attempt, TimeSpan max) =>
        attempt >= 32 ? max : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, attempt - 1), max.TotalSeconds));

    private TimeSpan Backoff(int attempt) => Backoff(attempt, settings.MaxBackoff);

    private static async Task WaitAsync(Task signalled, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await signalled.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This gateway delivers the callbacks")]
    private static partial void LogLeading(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback delivery stopped ({Error}); trying again shortly")]
    private static partial void LogLost(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callbacks of platform {PlatformId}: {Error}")]
    private static partial void LogPlatformError(ILogger logger, string platformId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callbacks of platform {PlatformId} paused: failing since {Since:O}")]
    private static partial void LogPaused(ILogger logger, string platformId, DateTimeOffset since);
}
