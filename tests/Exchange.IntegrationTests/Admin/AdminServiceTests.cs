using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Google.Protobuf;
using Grpc.Core;
using Xunit.Abstractions;

namespace Exchange.IntegrationTests.Admin;

/// <summary>AdminService through a real gateway: each method's answer, each documented error, and what each leaves in the database.</summary>
public sealed class AdminServiceTests(AdminHubFixture hub, ITestOutputHelper output) : IClassFixture<AdminHubFixture>
{
    public static TheoryData<string> Methods => ["RegisterPlatform", "ListPlatforms", "RevokePlatform", "RegisterCourt", "IssueKey", "ListKeys", "RevokeKey"];

    private AdminService.AdminServiceClient Admin => hub.Admin;

    [DatabaseFact]
    public async Task Bootstrap_EightAtOnceOnAHubWithoutAdminKey_IssuesExactlyOneKey()
    {
        Assert.Single(hub.BootstrapOutcomes, o => o.Key is not null);
        foreach (var (_, error) in hub.BootstrapOutcomes.Where(o => o.Key is null))
        {
            Assert.Equal(StatusCode.FailedPrecondition, error!.StatusCode);
            Assert.Equal("ALREADY_BOOTSTRAPPED", error.GetRpcStatus()!.Info().Reason);
        }

        Assert.Equal(1, await hub.Database.ScalarAsync("SELECT count(*) FROM exchange_credentials WHERE principal_id = 'bootstrap'"));
        Assert.Equal(1, await hub.Database.ScalarAsync(
            "SELECT count(*) FROM exchange_admin_events WHERE action = 'admin.bootstrapped' AND details->>'key_prefix' = $1", hub.AdminKey[..12]));
    }

    [DatabaseFact]
    public async Task Bootstrap_WhenTheHubHasAnAdminKey_IsFailedPreconditionAndChangesNothing()
    {
        var before = await SnapshotAsync();
        var status = await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => Admin.BootstrapAsync(new BootstrapRequest(), deadline: Deadline()).ResponseAsync);
        Assert.Equal("ALREADY_BOOTSTRAPPED", status.Info().Reason);
        Assert.Equal(before, await SnapshotAsync());
    }

    [DatabaseTheory]
    [MemberData(nameof(Methods))]
    public async Task EveryMethod_WithoutKey_IsUnauthenticated(string method)
    {
        var before = await SnapshotAsync();
        await RpcAssert.FailsWith(StatusCode.Unauthenticated, () => Call(method, new CallOptions(deadline: Deadline())));
        Assert.Equal(before, await SnapshotAsync());
    }

    [DatabaseTheory]
    [MemberData(nameof(Methods))]
    public async Task EveryMethod_WithAPlatformsOrACourtsKey_IsPermissionDenied(string method)
    {
        var before = await SnapshotAsync();
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => Call(method, hub.AsPlatformA));
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => Call(method, HubFixture.As(hub.CourtKey)));
        Assert.Equal(before, await SnapshotAsync());
    }

    [DatabaseFact]
    public async Task RegisterPlatform_IssuesAWorkingKeyStoredAsItsHashWithAuditEvents()
    {
        var id = NewId("reg");
        var answer = await Admin.RegisterPlatformAsync(new RegisterPlatformRequest { PlatformId = id, DisplayName = "天山调解平台" }, hub.AsAdmin);

        Assert.Equal(id, answer.Platform.PlatformId);
        Assert.Equal("天山调解平台", answer.Platform.DisplayName);
        Assert.Null(answer.Platform.RevokeTime);
        Assert.Matches("^exk_[A-Za-z0-9_-]{43}$", answer.IssuedKey.ApiKey);
        Assert.Equal(answer.IssuedKey.ApiKey[..12], answer.IssuedKey.Key.KeyPrefix);
        Assert.Equal(PrincipalKind.Platform, answer.IssuedKey.Key.PrincipalKind);
        await hub.Filing.ListApplicationsAsync(new ListApplicationsRequest(), HubFixture.As(answer.IssuedKey.ApiKey));

        // Only the key's SHA-256 is stored.
        Assert.Equal(1, await hub.Database.ScalarAsync(
            "SELECT count(*) FROM exchange_credentials WHERE principal_id = $1 AND key_hash = sha256(convert_to($2, 'UTF8'))", id, answer.IssuedKey.ApiKey));
        Assert.Equal(0, await hub.Database.ScalarAsync(
            "SELECT count(*) FROM exchange_credentials c WHERE position(convert_to($1, 'UTF8') IN convert_to(c::text, 'UTF8')) > 0", answer.IssuedKey.ApiKey));

        Assert.Equal(
            [$"bootstrap {hub.AdminKey[..12]} platform.registered platform {id}", $"bootstrap {hub.AdminKey[..12]} key.issued platform {id} {answer.IssuedKey.Key.KeyPrefix}"],
            await AuditOfAsync(id));
    }

    [DatabaseFact]
    public async Task RegisterPlatform_Twice_IsAlreadyExistsAndChangesNothing()
    {
        var id = NewId("dup");
        await Admin.RegisterPlatformAsync(new RegisterPlatformRequest { PlatformId = id, DisplayName = "First" }, hub.AsAdmin);
        var before = await SnapshotAsync();

        var status = await RpcAssert.FailsWith(StatusCode.AlreadyExists,
            () => Admin.RegisterPlatformAsync(new RegisterPlatformRequest { PlatformId = id, DisplayName = "Second" }, hub.AsAdmin).ResponseAsync);

        Assert.Equal("PLATFORM_ALREADY_EXISTS", status.Info().Reason);
        Assert.Equal(before, await SnapshotAsync());
    }

    [DatabaseFact]
    public async Task RegisterPlatform_BadFields_IsInvalidArgumentListingEachAndChangesNothing()
    {
        var before = await SnapshotAsync();
        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => Admin.RegisterPlatformAsync(
            new RegisterPlatformRequest { RequestId = "not-a-uuid", PlatformId = "-bad id", DisplayName = " " }, hub.AsAdmin).ResponseAsync);

        Assert.Equal(["request_id", "platform_id", "display_name"], status.ViolatedFields());
        Assert.Equal(before, await SnapshotAsync());
    }

    [DatabaseFact]
    public async Task RegisterPlatform_RepeatedRequestId_ReturnsTheFirstAnswerAndChangesNothing()
    {
        var id = NewId("idem");
        var request = new RegisterPlatformRequest { RequestId = Guid.NewGuid().ToString(), PlatformId = id, DisplayName = "Retry" };
        var first = await Admin.RegisterPlatformAsync(request, hub.AsAdmin);
        var before = await SnapshotAsync();

        var again = await Admin.RegisterPlatformAsync(request, hub.AsAdmin);

        Assert.Equal(first, again);
        Assert.Equal(before, await SnapshotAsync());

        // The stored answer holds the issued key, but not readably.
        Assert.Equal(0, await hub.Database.ScalarAsync(
            "SELECT count(*) FROM exchange_admin_requests WHERE position(convert_to($1, 'UTF8') IN answer) > 0", first.IssuedKey.ApiKey));

        var reused = await RpcAssert.FailsWith(StatusCode.AlreadyExists, () => Admin.RegisterPlatformAsync(
            new RegisterPlatformRequest { RequestId = request.RequestId, PlatformId = NewId("other"), DisplayName = "Retry" }, hub.AsAdmin).ResponseAsync);
        Assert.Equal("REQUEST_ID_REUSED", reused.Info().Reason);
        Assert.Equal(before, await SnapshotAsync());
    }

    [DatabaseFact]
    public async Task RevokeKey_RepeatedRequestId_ReturnsTheFirstAnswer()
    {
        var key = await hub.RegisterAsync("platform", NewId("revidem"), "Revoke retry");
        var request = new RevokeKeyRequest { RequestId = Guid.NewGuid().ToString(), KeyPrefix = key[..12] };
        var first = await Admin.RevokeKeyAsync(request, hub.AsAdmin);
        var before = await SnapshotAsync();

        Assert.Equal(first, await Admin.RevokeKeyAsync(request, hub.AsAdmin));
        Assert.Equal(before, await SnapshotAsync());
    }

    [DatabaseFact]
    public async Task ListPlatforms_PagesByIdAndHidesRevokedUnlessAsked()
    {
        var prefix = NewId("list");
        foreach (var n in new[] { "1", "2", "3" })
        {
            await Admin.RegisterPlatformAsync(new RegisterPlatformRequest { PlatformId = prefix + n, DisplayName = "List " + n }, hub.AsAdmin);
        }

        await Admin.RevokePlatformAsync(new RevokePlatformRequest { PlatformId = prefix + "2" }, hub.AsAdmin);

        var live = await AllPlatformsAsync(includeRevoked: false);
        Assert.Equal([prefix + "1", prefix + "3"], live.Where(p => p.PlatformId.StartsWith(prefix, StringComparison.Ordinal)).Select(p => p.PlatformId));
        var all = await AllPlatformsAsync(includeRevoked: true);
        Assert.Equal([prefix + "1", prefix + "2", prefix + "3"], all.Where(p => p.PlatformId.StartsWith(prefix, StringComparison.Ordinal)).Select(p => p.PlatformId));
        Assert.NotNull(all.Single(p => p.PlatformId == prefix + "2").RevokeTime);

        var page = await Admin.ListPlatformsAsync(new ListPlatformsRequest { PageSize = 1 }, hub.AsAdmin);
        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => Admin.ListPlatformsAsync(
            new ListPlatformsRequest { PageSize = 1, PageToken = page.NextPageToken, IncludeRevoked = true }, hub.AsAdmin).ResponseAsync);
        Assert.Equal(["page_token"], status.ViolatedFields());
    }

    [DatabaseFact]
    public async Task RevokePlatform_RevokesItsKeysAndRefusesNewOnes()
    {
        var id = NewId("revplat");
        var first = await hub.RegisterAsync("platform", id, "Revoked platform");
        var second = await hub.RegisterAsync("platform", id, "Revoked platform");

        var answer = await Admin.RevokePlatformAsync(new RevokePlatformRequest { PlatformId = id }, hub.AsAdmin);

        Assert.Equal(2, answer.RevokedKeys);
        Assert.NotNull(answer.Platform.RevokeTime);
        foreach (var key in new[] { first, second })
        {
            await RpcAssert.FailsWith(StatusCode.Unauthenticated,
                () => hub.Filing.ListApplicationsAsync(new ListApplicationsRequest(), HubFixture.As(key)).ResponseAsync);
        }

        var again = await Admin.RevokePlatformAsync(new RevokePlatformRequest { PlatformId = id }, hub.AsAdmin);
        Assert.Equal(0, again.RevokedKeys);
        Assert.Equal(answer.Platform, again.Platform);

        var before = await SnapshotAsync();
        var refused = await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => Admin.IssueKeyAsync(
            new IssueKeyRequest { PrincipalKind = PrincipalKind.Platform, PrincipalId = id }, hub.AsAdmin).ResponseAsync);
        Assert.Equal("PLATFORM_REVOKED", refused.Info().Reason);
        var reused = await RpcAssert.FailsWith(StatusCode.AlreadyExists, () => Admin.RegisterPlatformAsync(
            new RegisterPlatformRequest { PlatformId = id, DisplayName = "Again" }, hub.AsAdmin).ResponseAsync);
        Assert.Equal("PLATFORM_ALREADY_EXISTS", reused.Info().Reason);
        Assert.Equal(before, await SnapshotAsync());
    }

    [DatabaseFact]
    public async Task RevokePlatform_Unknown_IsNotFound()
    {
        var status = await RpcAssert.FailsWith(StatusCode.NotFound,
            () => Admin.RevokePlatformAsync(new RevokePlatformRequest { PlatformId = NewId("nobody") }, hub.AsAdmin).ResponseAsync);
        Assert.Equal("PLATFORM_NOT_FOUND", status.Info().Reason);
    }

    [DatabaseFact]
    public async Task RegisterCourt_OfTheRegistry_IssuesAKeyTheCourtServiceTakes()
    {
        var issued = await Admin.RegisterCourtAsync(new RegisterCourtRequest { CourtCode = "新0103" }, hub.AsAdmin);

        Assert.Equal(PrincipalKind.Court, issued.Key.PrincipalKind);
        Assert.Equal("新0103", issued.Key.PrincipalId);
        Assert.Equal("新0103 clerk office", issued.Key.DisplayName);
        await new CourtService.CourtServiceClient(hub.Channel).ListDocketAsync(new ListDocketRequest(), HubFixture.As(issued.ApiKey));
        Assert.Equal([$"bootstrap {hub.AdminKey[..12]} key.issued court 新0103 {issued.Key.KeyPrefix}"], (await AuditOfAsync("新0103")).TakeLast(1));
    }

    [DatabaseFact]
    public async Task RegisterCourt_UnknownToTheRegistry_IsInvalidArgumentAndChangesNothing()
    {
        var before = await SnapshotAsync();
        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => Admin.RegisterCourtAsync(new RegisterCourtRequest { CourtCode = "新9999" }, hub.AsAdmin).ResponseAsync);

        Assert.Equal("UNKNOWN_COURT", status.Info().Reason);
        Assert.Equal(["court_code"], status.ViolatedFields());
        Assert.Equal(before, await SnapshotAsync());
    }

    [DatabaseFact]
    public async Task IssueKey_ToAnOperator_GivesAWorkingAdminKey_AndToAnUnknownPlatform_IsNotFound()
    {
        var issued = await Admin.IssueKeyAsync(
            new IssueKeyRequest { PrincipalKind = PrincipalKind.Admin, PrincipalId = "ops-wang", DisplayName = "王 (operations)" }, hub.AsAdmin);
        var mine = await Admin.ListKeysAsync(new ListKeysRequest { PrincipalId = "ops-wang" }, HubFixture.As(issued.ApiKey));
        Assert.Contains(mine.Keys, k => k.KeyPrefix == issued.Key.KeyPrefix && k.PrincipalKind == PrincipalKind.Admin);

        var before = await SnapshotAsync();
        var status = await RpcAssert.FailsWith(StatusCode.NotFound, () => Admin.IssueKeyAsync(
            new IssueKeyRequest { PrincipalKind = PrincipalKind.Platform, PrincipalId = NewId("ghost") }, hub.AsAdmin).ResponseAsync);
        Assert.Equal("PLATFORM_NOT_FOUND", status.Info().Reason);
        var unspecified = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => Admin.IssueKeyAsync(new IssueKeyRequest { PrincipalId = "x" }, hub.AsAdmin).ResponseAsync);
        Assert.Equal(["principal_kind"], unspecified.ViolatedFields());
        Assert.Equal(before, await SnapshotAsync());
    }

    [DatabaseFact]
    public async Task ListKeys_FiltersAndPagesNewestFirst_AndNeverShowsAKey()
    {
        var id = NewId("keys");
        var keys = new List<string>();
        for (var n = 0; n < 3; n++)
        {
            keys.Add(await hub.RegisterAsync("platform", id, "Keys " + n));
        }

        await Admin.RevokeKeyAsync(new RevokeKeyRequest { KeyPrefix = keys[0][..12] }, hub.AsAdmin);

        var listed = new List<ApiKey>();
        var token = "";
        do
        {
            var page = await Admin.ListKeysAsync(
                new ListKeysRequest { PrincipalKind = PrincipalKind.Platform, PrincipalId = id, IncludeRevoked = true, PageSize = 2, PageToken = token }, hub.AsAdmin);
            Assert.DoesNotContain(keys, k => page.ToByteString().ToStringUtf8().Contains(k, StringComparison.Ordinal));
            listed.AddRange(page.Keys);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(keys.Select(k => k[..12]).Reverse(), listed.Select(k => k.KeyPrefix));
        Assert.NotNull(listed[^1].RevokeTime);
        Assert.All(listed, k => Assert.Equal(id, k.PrincipalId));

        var live = await Admin.ListKeysAsync(new ListKeysRequest { PrincipalId = id }, hub.AsAdmin);
        Assert.Equal(keys.Skip(1).Select(k => k[..12]).Reverse(), live.Keys.Select(k => k.KeyPrefix));
    }

    [DatabaseFact]
    public async Task RevokeKey_UnknownOrMalformedPrefix_IsNotFoundOrInvalidArgument()
    {
        var before = await SnapshotAsync();
        var unknown = await RpcAssert.FailsWith(StatusCode.NotFound,
            () => Admin.RevokeKeyAsync(new RevokeKeyRequest { KeyPrefix = "exk_zzzzzzzz" }, hub.AsAdmin).ResponseAsync);
        Assert.Equal("KEY_NOT_FOUND", unknown.Info().Reason);
        var malformed = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => Admin.RevokeKeyAsync(new RevokeKeyRequest { KeyPrefix = "exk_" }, hub.AsAdmin).ResponseAsync);
        Assert.Equal(["key_prefix"], malformed.ViolatedFields());
        Assert.Equal(before, await SnapshotAsync());
    }

    [DatabaseFact]
    public async Task RevokeKey_TheLastLiveAdminKey_IsRefused()
    {
        // Leave the fixture's key as the only live admin key, then try to revoke it with itself.
        var extra = await Admin.IssueKeyAsync(new IssueKeyRequest { PrincipalKind = PrincipalKind.Admin, PrincipalId = "ops-last" }, hub.AsAdmin);
        var admins = await Admin.ListKeysAsync(new ListKeysRequest { PrincipalKind = PrincipalKind.Admin, PageSize = 1000 }, hub.AsAdmin);
        foreach (var key in admins.Keys.Where(k => k.KeyPrefix != hub.AdminKey[..12]))
        {
            await Admin.RevokeKeyAsync(new RevokeKeyRequest { KeyPrefix = key.KeyPrefix }, hub.AsAdmin);
        }

        var before = await SnapshotAsync();
        var status = await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => Admin.RevokeKeyAsync(new RevokeKeyRequest { KeyPrefix = hub.AdminKey[..12] }, hub.AsAdmin).ResponseAsync);
        Assert.Equal("LAST_ADMIN_KEY", status.Info().Reason);
        Assert.Equal(before, await SnapshotAsync());
        await RpcAssert.FailsWith(StatusCode.Unauthenticated,
            () => Admin.ListKeysAsync(new ListKeysRequest(), HubFixture.As(extra.ApiKey)).ResponseAsync);
    }

    /// <summary>
    /// A platform's key, used (so cached) on the first gateway, is revoked through the second; the
    /// first must refuse it within 2 s — it cached known keys for 30 s before revocations were
    /// notified, and the cache's own lifetime is still 10 s. (TenancyTests covers the gateway
    /// that served the revocation.)
    /// </summary>
    [DatabaseFact]
    public async Task RevokeKey_ThroughAnotherGateway_ReachesAGatewayThatCachedTheKeyWithinTwoSeconds()
    {
        var key = await hub.RegisterAsync("platform", NewId("cached"), "Cached key");
        await Revocation.CacheAsync(hub.Filing, key);

        await hub.SecondAdmin.RevokeKeyAsync(new RevokeKeyRequest { KeyPrefix = key[..12] }, hub.AsAdmin);
        var took = await Revocation.UntilRefusedAsync(hub.Filing, key);

        output.WriteLine($"revocation reached the other gateway after {took.TotalMilliseconds:F0} ms");
        Assert.True(took < Revocation.Bound, $"the revoked key worked for {took.TotalMilliseconds:F0} ms");
    }

    private Task Call(string method, CallOptions options) => method switch
    {
        "RegisterPlatform" => Admin.RegisterPlatformAsync(new RegisterPlatformRequest { PlatformId = NewId("auth"), DisplayName = "Auth" }, options).ResponseAsync,
        "ListPlatforms" => Admin.ListPlatformsAsync(new ListPlatformsRequest(), options).ResponseAsync,
        "RevokePlatform" => Admin.RevokePlatformAsync(new RevokePlatformRequest { PlatformId = HubFixture.PlatformA }, options).ResponseAsync,
        "RegisterCourt" => Admin.RegisterCourtAsync(new RegisterCourtRequest { CourtCode = HubFixture.Court }, options).ResponseAsync,
        "IssueKey" => Admin.IssueKeyAsync(new IssueKeyRequest { PrincipalKind = PrincipalKind.Platform, PrincipalId = HubFixture.PlatformA }, options).ResponseAsync,
        "ListKeys" => Admin.ListKeysAsync(new ListKeysRequest(), options).ResponseAsync,
        _ => Admin.RevokeKeyAsync(new RevokeKeyRequest { KeyPrefix = hub.PlatformAKey[..12] }, options).ResponseAsync,
    };

    private async Task<List<Platform>> AllPlatformsAsync(bool includeRevoked)
    {
        var platforms = new List<Platform>();
        var token = "";
        do
        {
            var page = await Admin.ListPlatformsAsync(new ListPlatformsRequest { PageSize = 2, PageToken = token, IncludeRevoked = includeRevoked }, hub.AsAdmin);
            platforms.AddRange(page.Platforms);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        return platforms;
    }

    /// <summary>Every row of the credential tables, as text: "changes nothing" compares contents.</summary>
    private async Task<string> SnapshotAsync()
    {
        var parts = new List<string>();
        foreach (var table in new[] { "exchange_platforms", "exchange_credentials", "exchange_admin_events", "exchange_admin_requests", "exchange_admin_bootstrap" })
        {
            await using var command = hub.Database.DataSource.CreateCommand($"SELECT coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '') FROM {table} t");
            parts.Add(table + ":\n" + (string)(await command.ExecuteScalarAsync())!);
        }

        return string.Join("\n", parts);
    }

    private async Task<List<string>> AuditOfAsync(string subjectId)
    {
        await using var command = hub.Database.DataSource.CreateCommand(
            """
            SELECT concat_ws(' ', actor_id, actor_key_prefix, action, subject_kind, subject_id, details->>'key_prefix')
            FROM exchange_admin_events WHERE subject_id = $1 ORDER BY event_id
            """);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = subjectId });
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(30);
}
