using System.Diagnostics;
using Exchange.V1;
using Grpc.Core;

namespace Exchange.IntegrationTests.Infrastructure;

/// <summary>Measures how long a revoked key keeps working on a gateway that had it cached.</summary>
public static class Revocation
{
    /// <summary>How long a revocation may take to reach a gateway: its notification, not the cache's 10 s lifetime.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Calls <paramref name="filing"/> with <paramref name="key"/> until it answers UNAUTHENTICATED
    /// (at most 40 s) and returns the time from the call to this method until then.
    /// </summary>
    public static async Task<TimeSpan> UntilRefusedAsync(FilingService.FilingServiceClient filing, string key)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(40))
        {
            try
            {
                await filing.ListApplicationsAsync(new ListApplicationsRequest(), HubFixture.As(key));
                await Task.Delay(TimeSpan.FromMilliseconds(10)); // the measurement's resolution, not a barrier
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unauthenticated)
            {
                return clock.Elapsed;
            }
        }

        throw new Xunit.Sdk.XunitException("the revoked key still worked after 40 s");
    }

    /// <summary>Two calls with <paramref name="key"/>: the gateway has looked it up and holds it in its cache.</summary>
    public static async Task CacheAsync(FilingService.FilingServiceClient filing, string key)
    {
        await filing.ListApplicationsAsync(new ListApplicationsRequest(), HubFixture.As(key));
        await filing.ListApplicationsAsync(new ListApplicationsRequest(), HubFixture.As(key));
    }
}
