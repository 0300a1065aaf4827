using System.Collections.Concurrent;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Grpc.Core;
using Xunit.Abstractions;

namespace Exchange.IntegrationTests;

/// <summary>
/// PostgreSQL stops under load while the gateway runs in its own process: the grains' failures
/// must reach it as something it can read and answer as the contract says (UNAVAILABLE: nothing
/// done; UNKNOWN, OUTCOME_UNKNOWN: repeat with the same request id) — never INTERNAL, which is what
/// the provider's NpgsqlException became when Orleans could not carry it (CodecNotFoundException).
/// </summary>
public sealed class OutageTests(OwnPostgresHubFixture hub, ITestOutputHelper output) : IClassFixture<OwnPostgresHubFixture>
{
    private const int Workers = 8;

    [DatabaseFact]
    public async Task PostgreSqlStoppedUnderLoad_SeparateGateway_NoInternal_AndServesAgainWithoutARestart()
    {
        Assert.NotNull(hub.Gateway);
        var courts = new CourtService.CourtServiceClient(hub.Channel);
        var codes = new ConcurrentDictionary<(string Call, StatusCode Code), int>();
        var failures = 0;
        using var stop = new CancellationTokenSource();

        async Task<T?> CallAsync<T>(string name, Func<Task<T>> call)
            where T : class
        {
            try
            {
                var result = await call();
                codes.AddOrUpdate((name, StatusCode.OK), 1, (_, n) => n + 1);
                return result;
            }
            catch (RpcException ex)
            {
                codes.AddOrUpdate((name, ex.StatusCode), 1, (_, n) => n + 1);
                Interlocked.Increment(ref failures);
                if (ex.StatusCode == StatusCode.Internal)
                {
                    output.WriteLine($"INTERNAL on {name}: {ex.Status.Detail}");
                }

                return null;
            }
        }

        async Task WorkAsync(int worker)
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var caseId = $"outage-{worker}-{i}-{Guid.NewGuid():N}"[..40];
                var receipt = await CallAsync("submit", () =>
                    hub.Filing.SubmitApplicationAsync(Requests.JudicialConfirmation(caseId), HubFixture.As(hub.PlatformAKey, TimeSpan.FromSeconds(20))).ResponseAsync);
                if (receipt is not null)
                {
                    await CallAsync("accept", () => courts.AcceptApplicationAsync(
                        new CourtActRequest { ApplicationId = receipt.ApplicationId, RequestId = "accept-" + caseId[..30] },
                        HubFixture.As(hub.CourtKey, TimeSpan.FromSeconds(20))).ResponseAsync);
                }
            }
        }

        var load = Enumerable.Range(0, Workers).Select(w => Task.Run(() => WorkAsync(w))).ToList();
        await Probe.UntilAsync(() => Task.FromResult(codes.GetValueOrDefault(("accept", StatusCode.OK))), n => n >= 20, TimeSpan.FromSeconds(60));

        await hub.StopPostgresAsync();
        // The outage lasts until the hub has answered enough calls without its store.
        await Probe.UntilAsync(() => Task.FromResult(Volatile.Read(ref failures)), n => n >= 50, TimeSpan.FromSeconds(30));
        await hub.StartPostgresAsync();

        // Served again, by the same processes: a new submission and an act on it succeed.
        var after = await Probe.UntilAsync(
            () => hub.Filing.SubmitApplicationAsync(Requests.JudicialConfirmation("after-outage-" + Guid.NewGuid().ToString("N")[..8]), hub.AsPlatformA).ResponseAsync,
            r => r is not null, TimeSpan.FromSeconds(60));
        var accepted = await courts.AcceptApplicationAsync(new CourtActRequest { ApplicationId = after.ApplicationId, RequestId = "after-outage" }, HubFixture.As(hub.CourtKey));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        foreach (var ((call, code), count) in codes.OrderBy(c => c.Key.Call).ThenBy(c => c.Key.Code))
        {
            output.WriteLine($"{call} {code}: {count}");
        }

        Assert.Equal(ApplicationStatus.Accepted, accepted.Status);
        Assert.False(hub.Silo.HasExited);
        Assert.False(hub.Gateway!.HasExited);
        Assert.Equal(0, codes.Where(c => c.Key.Code == StatusCode.Internal).Sum(c => c.Value));
        // The outage was seen, and answered as the contract says.
        Assert.True(codes.Where(c => c.Key.Code is StatusCode.Unavailable or StatusCode.Unknown).Sum(c => c.Value) > 0);
        Assert.DoesNotContain(codes.Keys, k => k.Code is not (StatusCode.OK or StatusCode.Unavailable or StatusCode.Unknown or StatusCode.DeadlineExceeded));
    }
}
