using Exchange.IntegrationTests.Admin;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.Storage.Officers;
using Exchange.V1;
using Grpc.Core;

namespace Exchange.IntegrationTests.Officers;

/// <summary>
/// AdminService's officer accounts (AddOfficer, ListOfficers, DisableOfficer, ResetOfficerPassword)
/// through a real gateway: each success, each documented error (and that it changes nothing), and
/// the sign-in the console makes with them (OfficerStore against the hub's database), lock-out included.
/// </summary>
[Collection(CourtCollection.Name)]
public sealed class OfficerServiceTests(CourtHubFixture hub)
{
    private const string Password = "correct horse 12";

    private AdminService.AdminServiceClient Admin => hub.Admin;

    private OfficerStore Store => new(hub.Database.DataSource);

    private static string NewName(string prefix = "法官") => prefix + Guid.NewGuid().ToString("N")[..6];

    private Task<Officer> AddAsync(string name, OfficerRole role = OfficerRole.Judge, string? requestId = null, string court = HubFixture.Court) =>
        Admin.AddOfficerAsync(new AddOfficerRequest { CourtCode = court, Name = name, Role = role, Password = Password, RequestId = requestId ?? "" }, hub.AsAdmin)
            .ResponseAsync;

    private Task<long> RowsAsync() => hub.Database.ScalarAsync("SELECT count(*) FROM exchange_officers");

    /// <summary>Every officer row and admin event, as text: "changes nothing" compares these.</summary>
    private async Task<string> SnapshotAsync()
    {
        var officers = await Store.ListAsync(null, includeDisabled: true, CancellationToken.None);
        var events = await hub.Database.ScalarAsync("SELECT count(*) FROM exchange_admin_events");
        return string.Join("\n", officers.Select(o => o.ToString())) + "\nevents " + events;
    }

    [DatabaseFact]
    public async Task AddOfficer_Judge_IsListedSignsInAndIsAudited_WithoutThePasswordStored()
    {
        var name = NewName();
        var added = await AddAsync(name);

        Assert.Equal((HubFixture.Court, name, OfficerRole.Judge), (added.CourtCode, added.Name, added.Role));
        Assert.Null(added.DisableTime);
        var listed = (await Admin.ListOfficersAsync(new ListOfficersRequest { CourtCode = HubFixture.Court }, hub.AsAdmin)).Officers;
        Assert.Contains(listed, o => o.Name == name && o.Role == OfficerRole.Judge);
        var signIn = await Store.SignInAsync(HubFixture.Court, name, Password, CancellationToken.None);
        Assert.Equal(SignInVerdict.SignedIn, signIn.Verdict);
        Assert.Equal(Exchange.Domain.OfficerRole.Judge, signIn.Officer!.Role);
        Assert.Equal(1, await hub.Database.ScalarAsync(
            "SELECT count(*) FROM exchange_officers WHERE name = $1 AND password_hash NOT LIKE '%' || $2 || '%' AND length(password_hash) > 60", name, Password));
        Assert.Equal(1, await hub.Database.ScalarAsync(
            "SELECT count(*) FROM exchange_admin_events WHERE action = 'officer.added' AND subject_id = $1 AND details::text NOT LIKE '%' || $2 || '%'",
            HubFixture.Court + "/" + name, Password));
    }

    [DatabaseFact]
    public async Task AddOfficer_WrongPassword_IsRefusedAtSignIn()
    {
        var name = NewName("书记员");
        await AddAsync(name, OfficerRole.Clerk);
        Assert.Equal(SignInVerdict.Refused, (await Store.SignInAsync(HubFixture.Court, name, Password + "x", CancellationToken.None)).Verdict);
        Assert.Equal(SignInVerdict.Refused, (await Store.SignInAsync(CourtHubFixture.SecondCourt, name, Password, CancellationToken.None)).Verdict);
    }

    [DatabaseFact]
    public async Task AddOfficer_NameTheCourtHasAlready_IsAlreadyExistsOfficerAlreadyExists_AndChangesNothing()
    {
        var name = NewName();
        await AddAsync(name);
        var before = await SnapshotAsync();
        var status = await RpcAssert.FailsWith(StatusCode.AlreadyExists, () => AddAsync(name, OfficerRole.Clerk));
        Assert.Equal("OFFICER_ALREADY_EXISTS", status.Info().Reason);
        Assert.Equal(before, await SnapshotAsync());
        // Another court may have an officer of the same name.
        await AddAsync(name, court: CourtHubFixture.SecondCourt);
    }

    [DatabaseFact]
    public async Task AddOfficer_UnknownCourt_IsInvalidArgumentUnknownCourt_AndChangesNothing()
    {
        var before = await SnapshotAsync();
        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => AddAsync(NewName(), court: "新9999"));
        Assert.Equal("UNKNOWN_COURT", status.Info().Reason);
        Assert.Equal(new[] { "court_code" }, status.ViolatedFields());
        Assert.Equal(before, await SnapshotAsync());
    }

    [DatabaseFact]
    public async Task AddOfficer_BadNameRoleAndPassword_IsInvalidArgumentNamingEach_AndChangesNothing()
    {
        var before = await SnapshotAsync();
        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => Admin.AddOfficerAsync(
            new AddOfficerRequest { CourtCode = HubFixture.Court, Name = " 王法官", Password = "short", RequestId = "not-a-uuid" }, hub.AsAdmin).ResponseAsync);
        Assert.Equal("INVALID_ARGUMENT", status.Info().Reason);
        Assert.Equal(new[] { "name", "password", "request_id", "role" }, status.ViolatedFields().Order(StringComparer.Ordinal));
        Assert.Equal(before, await SnapshotAsync());
    }

    [DatabaseFact]
    public async Task AddOfficer_RepeatedWithItsRequestId_AnswersAgainAndAddsOnce_AnotherRequestUnderItIsRequestIdReused()
    {
        var requestId = Guid.NewGuid().ToString();
        var name = NewName();
        var first = await AddAsync(name, requestId: requestId);
        var rows = await RowsAsync();

        Assert.Equal(first, await AddAsync(name, requestId: requestId));
        Assert.Equal(rows, await RowsAsync());
        var status = await RpcAssert.FailsWith(StatusCode.AlreadyExists, () => AddAsync(NewName(), requestId: requestId));
        Assert.Equal("REQUEST_ID_REUSED", status.Info().Reason);
        Assert.Equal(rows, await RowsAsync());
    }

    [DatabaseFact]
    public async Task ListOfficers_UnknownCourt_IsInvalidArgumentUnknownCourt_AndDisabledOnlyWhenAsked()
    {
        var status = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => Admin.ListOfficersAsync(new ListOfficersRequest { CourtCode = "新9999" }, hub.AsAdmin).ResponseAsync);
        Assert.Equal("UNKNOWN_COURT", status.Info().Reason);

        var name = NewName();
        await AddAsync(name);
        await Admin.DisableOfficerAsync(new DisableOfficerRequest { CourtCode = HubFixture.Court, Name = name }, hub.AsAdmin);
        Assert.DoesNotContain((await Admin.ListOfficersAsync(new ListOfficersRequest(), hub.AsAdmin)).Officers, o => o.Name == name);
        Assert.Contains((await Admin.ListOfficersAsync(new ListOfficersRequest { IncludeDisabled = true }, hub.AsAdmin)).Officers,
            o => o.Name == name && o.DisableTime is not null);
    }

    [DatabaseFact]
    public async Task DisableOfficer_StopsSignIn_AndAgainReturnsItUnchanged()
    {
        var name = NewName();
        var added = await AddAsync(name);
        var disabled = await Admin.DisableOfficerAsync(new DisableOfficerRequest { CourtCode = HubFixture.Court, Name = name }, hub.AsAdmin);
        Assert.NotNull(disabled.DisableTime);
        Assert.Equal(SignInVerdict.Disabled, (await Store.SignInAsync(HubFixture.Court, name, Password, CancellationToken.None)).Verdict);

        var before = await SnapshotAsync();
        Assert.Equal(disabled, await Admin.DisableOfficerAsync(new DisableOfficerRequest { CourtCode = HubFixture.Court, Name = name }, hub.AsAdmin));
        Assert.Equal(before, await SnapshotAsync());
        Assert.NotEqual(added.DisableTime, disabled.DisableTime);
    }

    [DatabaseFact]
    public async Task DisableOfficer_UnknownOrMissing_IsNotFoundOrInvalidArgument_AndChangesNothing()
    {
        var before = await SnapshotAsync();
        var status = await RpcAssert.FailsWith(StatusCode.NotFound,
            () => Admin.DisableOfficerAsync(new DisableOfficerRequest { CourtCode = HubFixture.Court, Name = NewName() }, hub.AsAdmin).ResponseAsync);
        Assert.Equal("OFFICER_NOT_FOUND", status.Info().Reason);
        status = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => Admin.DisableOfficerAsync(new DisableOfficerRequest(), hub.AsAdmin).ResponseAsync);
        Assert.Equal(new[] { "court_code", "name" }, status.ViolatedFields().Order(StringComparer.Ordinal));
        Assert.Equal(before, await SnapshotAsync());
    }

    [DatabaseFact]
    public async Task SignIn_FifthWrongPasswordLocksOut_EvenTheRightOne_UntilResetOfficerPassword()
    {
        var name = NewName();
        await AddAsync(name);
        for (var i = 1; i < OfficerStore.MaxFailedSignIns; i++)
        {
            Assert.Equal(SignInVerdict.Refused, (await Store.SignInAsync(HubFixture.Court, name, "wrong password", CancellationToken.None)).Verdict);
        }

        var locked = await Store.SignInAsync(HubFixture.Court, name, "wrong password", CancellationToken.None);
        Assert.Equal(SignInVerdict.LockedOut, locked.Verdict);
        Assert.Equal(SignInVerdict.LockedOut, (await Store.SignInAsync(HubFixture.Court, name, Password, CancellationToken.None)).Verdict);
        Assert.Contains((await Admin.ListOfficersAsync(new ListOfficersRequest { CourtCode = HubFixture.Court }, hub.AsAdmin)).Officers,
            o => o.Name == name && o.LockEndTime is not null);

        const string newPassword = "a new password 34";
        var reset = await Admin.ResetOfficerPasswordAsync(
            new ResetOfficerPasswordRequest { CourtCode = HubFixture.Court, Name = name, Password = newPassword }, hub.AsAdmin);
        Assert.Null(reset.LockEndTime);
        Assert.Equal(SignInVerdict.Refused, (await Store.SignInAsync(HubFixture.Court, name, Password, CancellationToken.None)).Verdict);
        Assert.Equal(SignInVerdict.SignedIn, (await Store.SignInAsync(HubFixture.Court, name, newPassword, CancellationToken.None)).Verdict);
    }

    [DatabaseFact]
    public async Task ResetOfficerPassword_UnknownOfficerOrShortPassword_IsNotFoundOrInvalidArgument_AndChangesNothing()
    {
        var name = NewName();
        await AddAsync(name);
        var before = await SnapshotAsync();
        var status = await RpcAssert.FailsWith(StatusCode.NotFound, () => Admin.ResetOfficerPasswordAsync(
            new ResetOfficerPasswordRequest { CourtCode = HubFixture.Court, Name = NewName(), Password = "long enough 123" }, hub.AsAdmin).ResponseAsync);
        Assert.Equal("OFFICER_NOT_FOUND", status.Info().Reason);
        status = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => Admin.ResetOfficerPasswordAsync(
            new ResetOfficerPasswordRequest { CourtCode = HubFixture.Court, Name = name, Password = "short" }, hub.AsAdmin).ResponseAsync);
        Assert.Equal(new[] { "password" }, status.ViolatedFields());
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(SignInVerdict.SignedIn, (await Store.SignInAsync(HubFixture.Court, name, Password, CancellationToken.None)).Verdict);
    }

    [DatabaseFact]
    public async Task OfficerMethods_WithACourtsKey_ArePermissionDenied()
    {
        var before = await SnapshotAsync();
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => Admin.AddOfficerAsync(
            new AddOfficerRequest { CourtCode = HubFixture.Court, Name = NewName(), Role = OfficerRole.Judge, Password = Password }, hub.AsCourt).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => Admin.ListOfficersAsync(new ListOfficersRequest(), hub.AsCourt).ResponseAsync);
        Assert.Equal(before, await SnapshotAsync());
    }

    private Task<CliRun> CliAsync(params string[] args) => CliRun.RunAsync(
        new() { ["EXCHANGE_ENDPOINT"] = $"http://127.0.0.1:{hub.GatewayPort}", ["EXCHANGE_ADMIN_KEY"] = hub.AdminKey }, args);

    [DatabaseFact]
    public async Task CliOfficerAdd_WithoutPasswordFile_PrintsADrawnPasswordOnce_ThatSignsIn()
    {
        var name = NewName("书记员");
        var run = await CliAsync("admin", "officer", "add", "--court", HubFixture.Court, "--name", name, "--role", "clerk");

        Assert.True(run.Exit == 0, run.ToString());
        var password = Assert.Single(run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(16, password.Length);
        Assert.Contains("shown only once", run.Error);
        var signIn = await Store.SignInAsync(HubFixture.Court, name, password, CancellationToken.None);
        Assert.Equal(SignInVerdict.SignedIn, signIn.Verdict);
        Assert.Equal(Exchange.Domain.OfficerRole.Clerk, signIn.Officer!.Role);
    }

    [DatabaseFact]
    public async Task CliOfficerAdd_WithPasswordFile_UsesItAndPrintsNoPassword_AnUnknownRoleIsAUsageError()
    {
        var name = NewName();
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, Password + "\n");
        try
        {
            var run = await CliAsync("admin", "officer", "add", "--court", HubFixture.Court, "--name", name, "--role", "judge", "--password-file", file);
            Assert.True(run.Exit == 0, run.ToString());
            Assert.DoesNotContain(Password, run.Out + run.Error);
            Assert.Equal(SignInVerdict.SignedIn, (await Store.SignInAsync(HubFixture.Court, name, Password, CancellationToken.None)).Verdict);
        }
        finally
        {
            File.Delete(file);
        }

        var rows = await RowsAsync();
        var refused = await CliAsync("admin", "officer", "add", "--court", HubFixture.Court, "--name", NewName(), "--role", "bailiff");
        Assert.Equal(2, refused.Exit);
        Assert.Contains("--role 'bailiff'", refused.Error);
        Assert.Equal(rows, await RowsAsync());
    }
}
