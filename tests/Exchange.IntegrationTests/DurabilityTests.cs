using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Grpc.Core;
using Xunit;

namespace Exchange.IntegrationTests;

/// <summary>A hub of its own, because these tests kill its silo.</summary>
public sealed class DurabilityHubFixture : HubFixture;

/// <summary>An acknowledged submission is never lost: not even to a SIGKILL of the silo.</summary>
public sealed class DurabilityTests(DurabilityHubFixture hub) : IClassFixture<DurabilityHubFixture>
{
    [DatabaseFact]
    public async Task FiveHundredAcknowledgedSubmissions_SurviveASigkilledSilo_Unchanged()
    {
        var requests = Enumerable.Range(0, 500)
            .Select(i => i % 2 == 0 ? Requests.JudicialConfirmation($"durable-{i:D4}") : Requests.MediationDocument($"durable-{i:D4}"))
            .ToList();
        var receipts = new Receipt[requests.Count];
        var before = new Application[requests.Count];
        using (var gate = new SemaphoreSlim(16))
        {
            await Task.WhenAll(requests.Select(async (request, i) =>
            {
                await gate.WaitAsync();
                try
                {
                    receipts[i] = await hub.Filing.SubmitApplicationAsync(request, hub.AsPlatformA);
                    before[i] = await hub.Filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = receipts[i].ApplicationId }, hub.AsPlatformA);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        await hub.Silo.KillAsync();
        await hub.StartSiloAsync();

        // The gateway finds the new silo on its own; wait until it answers, then read everything back.
        await Probe.UntilAsync(
            () => hub.Filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = receipts[0].ApplicationId }, HubFixture.As(hub.PlatformAKey, TimeSpan.FromSeconds(5))).ResponseAsync,
            _ => true, TimeSpan.FromSeconds(90));
        for (var i = 0; i < requests.Count; i++)
        {
            var after = await hub.Filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = receipts[i].ApplicationId }, hub.AsPlatformA);
            Assert.Equal(before[i], after);

            var again = await hub.Filing.SubmitApplicationAsync(requests[i], hub.AsPlatformA);
            Assert.Equal(receipts[i], again);
        }

        Assert.Equal(500, await hub.Database.ScalarAsync("SELECT count(*) FROM exchange_applications"));
        Assert.Equal(500, await hub.Database.ScalarAsync("SELECT count(*) FROM exchange_events"));
        Assert.Equal(0, await StoreSnapshot.DisagreementsAsync(hub.Database));
    }
}
