using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Grpc.Core;
using Xunit;
using Xunit.Abstractions;

namespace Exchange.IntegrationTests;

/// <summary>A platform sees only its own applications; every call is authenticated.</summary>
[Collection(HubCollection.Name)]
public sealed class TenancyTests(HubFixture hub, ITestOutputHelper output)
{
    private async Task<Receipt> FileAsPlatformA() =>
        await hub.Filing.SubmitApplicationAsync(Requests.JudicialConfirmation("tenancy-" + Guid.NewGuid().ToString("N")[..10]), hub.AsPlatformA);

    [DatabaseFact]
    public async Task PlatformB_GettingPlatformAsApplication_IsNotFoundNotPermissionDenied()
    {
        var receipt = await FileAsPlatformA();

        await RpcAssert.FailsWith(StatusCode.NotFound,
            () => hub.Filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = receipt.ApplicationId }, hub.AsPlatformB).ResponseAsync);
    }

    [DatabaseFact]
    public async Task PlatformB_ListingNeverShowsPlatformAsApplications()
    {
        var receipt = await FileAsPlatformA();

        var listed = await hub.Filing.ListApplicationsAsync(new ListApplicationsRequest { PageSize = 500 }, hub.AsPlatformB);

        Assert.DoesNotContain(listed.Applications, a => a.ApplicationId == receipt.ApplicationId);
    }

    [DatabaseFact]
    public async Task PlatformB_WithdrawingPlatformAsApplication_IsNotFoundAndChangesNothing()
    {
        var receipt = await FileAsPlatformA();
        var snapshot = await StoreSnapshot.TakeAsync(hub.Database);

        await RpcAssert.FailsWith(StatusCode.NotFound,
            () => hub.Filing.WithdrawApplicationAsync(new WithdrawApplicationRequest { ApplicationId = receipt.ApplicationId }, hub.AsPlatformB).ResponseAsync);

        Assert.Equal(snapshot, await StoreSnapshot.TakeAsync(hub.Database));
        var application = await hub.Filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = receipt.ApplicationId }, hub.AsPlatformA);
        Assert.Null(application.WithdrawalRequestedTime);
    }

    [DatabaseFact]
    public async Task PlatformB_ReusingPlatformAsCaseId_FilesItsOwnApplication()
    {
        var request = Requests.MediationDocument("shared-" + Guid.NewGuid().ToString("N")[..10]);
        var a = await hub.Filing.SubmitApplicationAsync(request, hub.AsPlatformA);

        var b = await hub.Filing.SubmitApplicationAsync(request, hub.AsPlatformB);

        Assert.NotEqual(a.ApplicationId, b.ApplicationId);
    }

    public static TheoryData<string> Methods => ["submit", "get", "list", "withdraw"];

    [DatabaseTheory]
    [MemberData(nameof(Methods))]
    public async Task EveryMethod_WithoutCredential_IsUnauthenticated(string method)
    {
        var status = await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => Call(method, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30))));

        Assert.Equal("UNAUTHENTICATED", status.Info().Reason);
    }

    [DatabaseTheory]
    [MemberData(nameof(Methods))]
    public async Task EveryMethod_WithAnUnknownKey_IsUnauthenticated(string method)
    {
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => Call(method, HubFixture.As("exk_no_such_key")));
    }

    [DatabaseTheory]
    [MemberData(nameof(Methods))]
    public async Task EveryMethod_WithACourtsKey_IsPermissionDenied(string method)
    {
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => Call(method, HubFixture.As(hub.CourtKey)));
    }

    /// <summary>
    /// A key the gateway has cached, revoked through the AdminService of that same gateway: refused
    /// within 2 s, not after the cache's 10 s lifetime. The gateway evicts on the database's
    /// notification, as every gateway does (AdminServiceTests covers one that did not serve the revocation).
    /// </summary>
    [DatabaseFact]
    public async Task RevokedKey_CachedByTheGateway_IsRefusedWithinTwoSeconds()
    {
        var key = await hub.RegisterAsync("platform", "platform-revoked-" + Guid.NewGuid().ToString("N")[..6], "Revoked");
        await Revocation.CacheAsync(hub.Filing, key);

        await hub.Admin.RevokeKeyAsync(new RevokeKeyRequest { KeyPrefix = key[..12] }, hub.AsAdmin);
        var took = await Revocation.UntilRefusedAsync(hub.Filing, key);

        output.WriteLine($"refused {took.TotalMilliseconds:F0} ms after the revocation");
        Assert.True(took < Revocation.Bound, $"the revoked key worked for {took.TotalMilliseconds:F0} ms");
    }

    private Task Call(string method, CallOptions options) => method switch
    {
        "submit" => hub.Filing.SubmitApplicationAsync(Requests.MediationDocument("auth-" + Guid.NewGuid().ToString("N")[..8]), options).ResponseAsync,
        "get" => hub.Filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = Guid.NewGuid().ToString() }, options).ResponseAsync,
        "list" => hub.Filing.ListApplicationsAsync(new ListApplicationsRequest(), options).ResponseAsync,
        _ => hub.Filing.WithdrawApplicationAsync(new WithdrawApplicationRequest { ApplicationId = Guid.NewGuid().ToString() }, options).ResponseAsync,
    };
}
