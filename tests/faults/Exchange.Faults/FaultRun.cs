using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Exchange.LoadTests.Generators;
using Exchange.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Exchange.Faults;

/// <summary>What the callers saw: every attempt's status and time, and the receipts acknowledged.</summary>
public sealed class LoadResult
{
    /// <summary>Every application id acknowledged per platform case id (more than one: a duplicate).</summary>
    public ConcurrentDictionary<string, ConcurrentBag<string>> Acknowledged { get; } = new();

    /// <summary>Each attempt: when it was sent and answered (milliseconds since the Unix epoch), and its status.</summary>
    public ConcurrentQueue<(long Sent, long At, StatusCode Code)> Attempts { get; } = new();

    /// <summary>Submissions refused for good (a status a platform does not repeat), by status.</summary>
    public ConcurrentDictionary<StatusCode, int> Refused { get; } = new();

    public int GaveUp;

    public long StartedAt { get; set; }

    public long EndedAt { get; set; }

    public int Internal => Attempts.Count(a => a.Code == StatusCode.Internal);
}

/// <summary>The load of one fault: <see cref="Options.Submissions"/> new applications by <see cref="Options.Callers"/> callers.</summary>
public sealed class FaultRun
{
    private readonly Options options;
    private readonly GrpcChannel[] channels;
    private readonly Metadata auth;
    private readonly ApplicationGenerator generator = new();

    private FaultRun(Options options, string platformId, string key)
    {
        this.options = options;
        PlatformId = platformId;
        auth = new Metadata { { "authorization", "Bearer " + key } };
        channels = options.Endpoints.Select(e => GrpcChannel.ForAddress(e, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
        })).ToArray();
    }

    public string PlatformId { get; }

    /// <summary>Registers this fault's own platform (its applications are the ones checked) through the first endpoint.</summary>
    public static async Task<FaultRun> StartAsync(Options options)
    {
        var platformId = "faults-" + options.Name + "-" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        using var channel = GrpcChannel.ForAddress(options.Endpoints[0]);
        var admin = new AdminService.AdminServiceClient(channel);
        var issued = await admin.RegisterPlatformAsync(
            new RegisterPlatformRequest { PlatformId = platformId, DisplayName = "故障测试平台 " + options.Name },
            new Metadata { { "authorization", "Bearer " + options.AdminKey } },
            DateTime.UtcNow.AddSeconds(60));
        return new FaultRun(options, platformId, issued.IssuedKey.ApiKey);
    }

    public async Task<LoadResult> LoadAsync()
    {
        var result = new LoadResult { StartedAt = Now() };
        var next = -1;
        using var done = new CancellationTokenSource();
        var progress = Task.Run(async () =>
        {
            // run.sh waits on this file to time the fault.
            while (!done.IsCancellationRequested)
            {
                await File.WriteAllTextAsync(options.ProgressFile, result.Acknowledged.Count.ToString(CultureInfo.InvariantCulture));
                try
                {
                    await Task.Delay(100, done.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });

        async Task CallerAsync(int caller)
        {
            var endpoint = caller % channels.Length;
            for (var i = Interlocked.Increment(ref next); i < options.Submissions; i = Interlocked.Increment(ref next))
            {
                endpoint = await SubmitAsync(i, endpoint, result);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, options.Callers).Select(c => Task.Run(() => CallerAsync(c))));
        result.EndedAt = Now();
        await done.CancelAsync();
        await progress;
        await File.WriteAllTextAsync(options.ProgressFile, result.Acknowledged.Count.ToString(CultureInfo.InvariantCulture));
        return result;
    }

    /// <summary>
    /// One submission, repeated unchanged (same platform case id: the idempotency key) after any
    /// answer that leaves its outcome open, on the next endpoint, until acknowledged or given up.
    /// </summary>
    private async Task<int> SubmitAsync(int index, int endpoint, LoadResult result)
    {
        var caseId = options.Name + "-" + index.ToString("D5", CultureInfo.InvariantCulture);
        var random = new Random(index);
        var court = SampleCourts.All[index % SampleCourts.All.Count];
        var request = generator.Create(false, court, caseId, random, DateTimeOffset.UtcNow);
        var giveUp = Stopwatch.StartNew();
        while (true)
        {
            var client = new FilingService.FilingServiceClient(channels[endpoint]);
            StatusCode code;
            var sent = Now();
            try
            {
                var receipt = await client.SubmitApplicationAsync(request, auth, DateTime.UtcNow + Options.AttemptDeadline);
                result.Attempts.Enqueue((sent, Now(), StatusCode.OK));
                result.Acknowledged.GetOrAdd(caseId, _ => []).Add(receipt.ApplicationId);
                return endpoint;
            }
            catch (RpcException ex)
            {
                code = ex.StatusCode;
                result.Attempts.Enqueue((sent, Now(), code));
            }

            if (!Repeatable(code))
            {
                result.Refused.AddOrUpdate(code, 1, (_, n) => n + 1);
                return endpoint;
            }

            if (giveUp.Elapsed > Options.GiveUpAfter)
            {
                Interlocked.Increment(ref result.GaveUp);
                return endpoint;
            }

            endpoint = (endpoint + 1) % channels.Length;
            await Task.Delay(100 + Random.Shared.Next(100));
        }
    }

    /// <summary>The answers after which a platform repeats the same request (the contract's retryable and unknown-outcome codes).</summary>
    public static bool Repeatable(StatusCode code) =>
        code is StatusCode.Unavailable or StatusCode.Unknown or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Aborted;

    /// <summary>
    /// Served again by the processes that are running now: a new submission and a read of it succeed
    /// through some endpoint within 60 s.
    /// </summary>
    public async Task<(bool Served, double Seconds)> RecoveredAsync()
    {
        var clock = Stopwatch.StartNew();
        var request = generator.Create(false, SampleCourts.All[0], options.Name + "-after", new Random(-1), DateTimeOffset.UtcNow);
        for (var attempt = 0; clock.Elapsed < TimeSpan.FromSeconds(60); attempt++)
        {
            var client = new FilingService.FilingServiceClient(channels[attempt % channels.Length]);
            try
            {
                var receipt = await client.SubmitApplicationAsync(request, auth, DateTime.UtcNow.AddSeconds(10));
                await client.GetApplicationAsync(new GetApplicationRequest { ApplicationId = receipt.ApplicationId }, auth, DateTime.UtcNow.AddSeconds(10));
                return (true, clock.Elapsed.TotalSeconds);
            }
            catch (RpcException)
            {
                await Task.Delay(500);
            }
        }

        return (false, clock.Elapsed.TotalSeconds);
    }

    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
