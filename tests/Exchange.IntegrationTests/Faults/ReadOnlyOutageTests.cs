using System.Diagnostics;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Grpc.Core;
using Xunit.Abstractions;

namespace Exchange.IntegrationTests.Faults;

/// <summary>
/// While PostgreSQL is stopped, a platform whose key the gateway checked recently keeps reading its
/// applications held in grain memory — past the key cache's 10 s lifetime — and its writes, and any
/// key not checked recently, answer UNAVAILABLE as before.
/// </summary>
public sealed class ReadOnlyOutageTests(OwnPostgresHubFixture hub, ITestOutputHelper output) : IClassFixture<OwnPostgresHubFixture>
{
    /// <summary>Beyond ApiKeyAuthenticator.KnownKeyLifetime (10 s), within its OutageTrust (60 s).</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(15);

    [DatabaseFact]
    public async Task PostgreSqlStopped_AKnownPlatformReadsFromMemory_ButCannotWrite_AndAnUncheckedKeyIsUnavailable()
    {
        var id = (await hub.Filing.SubmitApplicationAsync(Requests.JudicialConfirmation("read-only-1"), hub.AsPlatformA)).ApplicationId;
        await hub.Filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = id }, hub.AsPlatformA);

        await hub.StopPostgresAsync();
        var reads = new List<StatusCode>();
        StatusCode write, unchecked_;
        try
        {
            // Reads for the whole outage: the key's cache entry expires 10 s in, the grain keeps the application.
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < Outage)
            {
                reads.Add(await CodeAsync(() => hub.Filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = id }, HubFixture.As(hub.PlatformAKey, TimeSpan.FromSeconds(5))).ResponseAsync));
                await Task.Delay(500);
            }

            write = await CodeAsync(() => hub.Filing.SubmitApplicationAsync(Requests.JudicialConfirmation("read-only-2"), HubFixture.As(hub.PlatformAKey, TimeSpan.FromSeconds(5))).ResponseAsync);
            // Platform B's key was never checked by this gateway.
            unchecked_ = await CodeAsync(() => hub.Filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = id }, HubFixture.As(hub.PlatformBKey, TimeSpan.FromSeconds(5))).ResponseAsync);
        }
        finally
        {
            await hub.StartPostgresAsync();
        }

        output.WriteLine($"reads: {string.Join(", ", reads.GroupBy(r => r).Select(g => $"{g.Key} {g.Count()}"))}; write: {write}; unchecked key: {unchecked_}");
        Assert.All(reads, r => Assert.Equal(StatusCode.OK, r));
        Assert.True(reads.Count >= 10);
        Assert.Equal(StatusCode.Unavailable, write);
        Assert.Equal(StatusCode.Unavailable, unchecked_);
    }

    private static async Task<StatusCode> CodeAsync(Func<Task> call)
    {
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }
}
