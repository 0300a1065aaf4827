using System.Diagnostics;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Google.Rpc;
using Grpc.Core;
using Xunit.Abstractions;

namespace Exchange.IntegrationTests.Hardening;

/// <summary>
/// Per-platform and per-court token buckets (Exchange:RateLimits; this hub: 10 calls a second,
/// bursts of 20): a platform over its limit gets RESOURCE_EXHAUSTED (RATE_LIMITED) with a
/// RetryInfo, and another platform calling at the same time is not slowed or refused.
/// </summary>
[Collection(RateLimitedCollection.Name)]
public sealed class RateLimitTests(RateLimitedHubFixture hub, ITestOutputHelper output)
{
    private const int BurstCalls = 200;

    [DatabaseFact]
    public async Task APlatformOverItsLimit_GetsResourceExhaustedWithRetryInfo_WhileAnotherPlatformIsUnaffected()
    {
        var noisy = await hub.RegisterAsync("platform", "noisy-" + Guid.NewGuid().ToString("N")[..6], "Noisy");
        var quiet = await hub.RegisterAsync("platform", "quiet-" + Guid.NewGuid().ToString("N")[..6], "Quiet");

        var clock = Stopwatch.StartNew();
        var burst = Task.WhenAll(Enumerable.Range(0, BurstCalls).Select(_ => ListAsync(noisy)));
        // The quiet platform calls one at a time, within its own limit, while the burst runs.
        var quietResults = new List<(StatusCode Code, Google.Rpc.Status? Status, TimeSpan Took)>();
        for (var i = 0; i < 10; i++)
        {
            quietResults.Add(await ListAsync(quiet));
        }

        var noisyResults = await burst;
        clock.Stop();

        var served = noisyResults.Count(r => r.Code == StatusCode.OK);
        var refused = noisyResults.Where(r => r.Code == StatusCode.ResourceExhausted).ToList();
        var delays = refused.Select(r => r.Status!.GetDetail<RetryInfo>()!.RetryDelay.ToTimeSpan()).ToList();
        output.WriteLine($"noisy platform: {BurstCalls} calls at once in {clock.Elapsed.TotalMilliseconds:F0} ms: {served} served, {refused.Count} RESOURCE_EXHAUSTED "
            + $"(RetryInfo {delays.Min().TotalMilliseconds:F0}–{delays.Max().TotalMilliseconds:F0} ms); quiet platform: {quietResults.Count(r => r.Code == StatusCode.OK)}/10 served, "
            + $"slowest {quietResults.Max(r => r.Took).TotalMilliseconds:F0} ms");

        Assert.All(noisyResults, r => Assert.Contains(r.Code, new[] { StatusCode.OK, StatusCode.ResourceExhausted }));
        // The bucket's 20 and what it refilled meanwhile (10 a second), no more.
        Assert.InRange(served, RateLimitedHubFixture.Burst, RateLimitedHubFixture.Burst + (int)(clock.Elapsed.TotalSeconds * RateLimitedHubFixture.PermitsPerSecond) + 2);
        Assert.All(refused, r =>
        {
            Assert.Equal("RATE_LIMITED", r.Status!.GetDetail<ErrorInfo>()!.Reason);
            Assert.Equal("platform", r.Status.GetDetail<ErrorInfo>()!.Metadata["limit"]);
        });
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1)));
        Assert.All(quietResults, r => Assert.Equal(StatusCode.OK, r.Code));
    }

    [DatabaseFact]
    public async Task ARefusedCall_RepeatedAfterItsRetryDelay_IsServed()
    {
        var key = await hub.RegisterAsync("platform", "retry-" + Guid.NewGuid().ToString("N")[..6], "Retry");
        var results = await Task.WhenAll(Enumerable.Range(0, RateLimitedHubFixture.Burst * 3).Select(_ => ListAsync(key)));
        // The longest delay the hub asked for: a token freed earlier may have gone to another call of the burst.
        var delay = results.Where(r => r.Code == StatusCode.ResourceExhausted).Max(r => r.Status!.GetDetail<RetryInfo>()!.RetryDelay.ToTimeSpan());

        // Waiting the delay the hub asked for is the point of this test, not a barrier. The bucket
        // is refilled by a timer, which a busy machine may run late: a client that keeps honouring
        // the RetryInfo it gets is served within a few periods.
        var waited = TimeSpan.Zero;
        var answer = (Code: StatusCode.ResourceExhausted, Status: (Google.Rpc.Status?)null, Took: TimeSpan.Zero);
        while (answer.Code == StatusCode.ResourceExhausted && waited < TimeSpan.FromSeconds(2))
        {
            await Task.Delay(delay);
            waited += delay;
            answer = await ListAsync(key);
            if (answer.Code == StatusCode.ResourceExhausted)
            {
                delay = answer.Status!.GetDetail<RetryInfo>()!.RetryDelay.ToTimeSpan();
            }
        }

        Assert.Equal(StatusCode.OK, answer.Code);
    }

    [DatabaseFact]
    public async Task ACourtOverItsLimit_GetsResourceExhausted_WhileAnotherCourtIsUnaffected()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => DocketAsync(hub.CourtKey)));
        var other = await DocketAsync(hub.SecondCourtKey);

        Assert.Contains(results, r => r == StatusCode.ResourceExhausted);
        Assert.Equal(StatusCode.OK, other);
    }

    private async Task<(StatusCode Code, Google.Rpc.Status? Status, TimeSpan Took)> ListAsync(string key)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await hub.Filing.ListApplicationsAsync(new ListApplicationsRequest(), HubFixture.As(key));
            return (StatusCode.OK, null, clock.Elapsed);
        }
        catch (RpcException ex)
        {
            return (ex.StatusCode, ex.GetRpcStatus(), clock.Elapsed);
        }
    }

    private async Task<StatusCode> DocketAsync(string key)
    {
        try
        {
            await hub.Courts.ListDocketAsync(new ListDocketRequest(), HubFixture.As(key));
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }
}
