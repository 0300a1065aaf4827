using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Grpc.Core;
using Xunit;

namespace Exchange.IntegrationTests;

/// <summary>A platform sees only its own applications; every call is authenticated.</summary>
[Collection(HubCollection.Name)]
public sealed class TenancyTests(HubFixture hub)
{
    private async Task<Receipt> FileAsPlatformA() =>
        await hub.Filing.SubmitApplicationAsync(Requests.JudicialConfirmation("tenancy-" + Guid.NewGuid().ToString("N")[..10]), hub.AsPlatformA);

    [Fact]
    public async Task PlatformB_GettingPlatformAsApplication_IsNotFoundNotPermissionDenied()
    {
        var receipt = await FileAsPlatformA();

        await RpcAssert.FailsWith(StatusCode.NotFound,
            () => hub.Filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = receipt.ApplicationId }, hub.AsPlatformB).ResponseAsync);
    }

    [Fact]
    public async Task PlatformB_ListingNeverShowsPlatformAsApplications()
    {
        var receipt = await FileAsPlatformA();

        var listed = await hub.Filing.ListApplicationsAsync(new ListApplicationsRequest { PageSize = 500 }, hub.AsPlatformB);

        Assert.DoesNotContain(listed.Applications, a => a.ApplicationId == receipt.ApplicationId);
    }

    [Fact]
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

    [Fact]
    public async Task PlatformB_ReusingPlatformAsCaseId_FilesItsOwnApplication()
    {
        var request = Requests.MediationDocument("shared-" + Guid.NewGuid().ToString("N")[..10]);
        var a = await hub.Filing.SubmitApplicationAsync(request, hub.AsPlatformA);

        var b = await hub.Filing.SubmitApplicationAsync(request, hub.AsPlatformB);

        Assert.NotEqual(a.ApplicationId, b.ApplicationId);
    }

    public static TheoryData<string> Methods => ["submit", "get", "list", "withdraw"];

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task EveryMethod_WithoutCredential_IsUnauthenticated(string method)
    {
        var status = await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => Call(method, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30))));

        Assert.Equal("UNAUTHENTICATED", status.Info().Reason);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task EveryMethod_WithAnUnknownKey_IsUnauthenticated(string method)
    {
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => Call(method, HubFixture.As("exk_no_such_key")));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task EveryMethod_WithACourtsKey_IsPermissionDenied(string method)
    {
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => Call(method, HubFixture.As(hub.CourtKey)));
    }

    [Fact]
    public async Task RevokedKey_IsRefusedOnceTheCacheExpires()
    {
        var key = await hub.RegisterAsync("platform", "platform-revoked-" + Guid.NewGuid().ToString("N")[..6], "Revoked");
        await hub.Database.ScalarAsync("UPDATE exchange_credentials SET revoked_at = now() WHERE key_prefix = $1 RETURNING 1", key[..12]);

        // Never used before revocation, so nothing is cached: refused at once.
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => Call("list", HubFixture.As(key)));
    }

    private Task Call(string method, CallOptions options) => method switch
    {
        "submit" => hub.Filing.SubmitApplicationAsync(Requests.MediationDocument("auth-" + Guid.NewGuid().ToString("N")[..8]), options).ResponseAsync,
        "get" => hub.Filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = Guid.NewGuid().ToString() }, options).ResponseAsync,
        "list" => hub.Filing.ListApplicationsAsync(new ListApplicationsRequest(), options).ResponseAsync,
        _ => hub.Filing.WithdrawApplicationAsync(new WithdrawApplicationRequest { ApplicationId = Guid.NewGuid().ToString() }, options).ResponseAsync,
    };
}
