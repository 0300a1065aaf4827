using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Grpc.Core;
using Grpc.Health.V1;

namespace Exchange.IntegrationTests;

/// <summary>A hub whose silo and gateway run in one process (Exchange.Host).</summary>
public sealed class CoHostedHubFixture : HubFixture
{
    protected override bool CoHosted => true;
}

public sealed class CoHostedGatewayTests(CoHostedHubFixture hub) : IClassFixture<CoHostedHubFixture>
{
    [DatabaseFact]
    public async Task CoHostedGateway_FilesReadsListsAndWithdraws_AsTheSeparateOneDoes()
    {
        Assert.Null(hub.Gateway);
        var request = Requests.JudicialConfirmation("cohost-" + Guid.NewGuid().ToString("N")[..10]);

        var receipt = await hub.Filing.SubmitApplicationAsync(request, hub.AsPlatformA);
        var again = await hub.Filing.SubmitApplicationAsync(request, hub.AsPlatformA);
        var application = await hub.Filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = receipt.ApplicationId }, hub.AsPlatformA);
        var listed = await hub.Filing.ListApplicationsAsync(new ListApplicationsRequest(), hub.AsPlatformA);
        var withdrawn = await hub.Filing.WithdrawApplicationAsync(new WithdrawApplicationRequest { ApplicationId = receipt.ApplicationId }, hub.AsPlatformA);
        var afterWithdrawal = await hub.Filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = receipt.ApplicationId }, hub.AsPlatformA);

        Assert.Equal(receipt, again);
        Assert.Equal(receipt, application.Receipt);
        Assert.Contains(listed.Applications, a => a.ApplicationId == receipt.ApplicationId);
        Assert.Equal(withdrawn, afterWithdrawal);
        Assert.Equal(2, afterWithdrawal.Version);
        Assert.Equal(0, await StoreSnapshot.DisagreementsAsync(hub.Database));
        await RpcAssert.FailsWith(StatusCode.NotFound,
            () => hub.Filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = receipt.ApplicationId }, hub.AsPlatformB).ResponseAsync);
        var health = await Probe.UntilAsync(
            () => new Health.HealthClient(hub.Channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync,
            r => r.Status == HealthCheckResponse.Types.ServingStatus.Serving, TimeSpan.FromSeconds(30));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }
}
