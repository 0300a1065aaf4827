using System.Diagnostics;
using System.Text.RegularExpressions;
using Exchange.Cli;
using Exchange.Client;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;
using Grpc.Core;

namespace Exchange.IntegrationTests.Admin;

/// <summary>
/// A hub whose first admin key comes from `exchange admin bootstrap`, run like the README's
/// walk-through: the CLI's own code, in this process, over a real gRPC channel to a real gateway.
/// </summary>
public sealed class CliBootstrappedHubFixture : HubFixture
{
    public CliRun Bootstrap { get; private set; } = null!;

    public string Endpoint => $"http://127.0.0.1:{GatewayPort}";

    protected override async Task<string> BootstrapAsync()
    {
        Bootstrap = await CliRun.RunAsync(new() { ["EXCHANGE_ENDPOINT"] = Endpoint }, "admin", "bootstrap", "--name", "值班运维");
        return Bootstrap.Exit == 0
            ? Bootstrap.Out.Trim()
            : throw new InvalidOperationException($"exchange admin bootstrap failed ({Bootstrap.Exit}): {Bootstrap.Error}");
    }

    /// <summary>Runs `exchange ARGS` against this hub with the bootstrapped admin key in EXCHANGE_ADMIN_KEY.</summary>
    public Task<CliRun> Exchange(params string[] args) =>
        CliRun.RunAsync(new() { ["EXCHANGE_ENDPOINT"] = Endpoint, ["EXCHANGE_ADMIN_KEY"] = AdminKey }, args);
}

/// <summary>What one `exchange` command printed and returned.</summary>
public sealed record CliRun(int Exit, string Out, string Error)
{
    public static async Task<CliRun> RunAsync(Dictionary<string, string> environment, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var context = CliContext.FromProcess() with
        {
            Out = stdout,
            Error = stderr,
            GetEnvironmentVariable = name => environment.GetValueOrDefault(name),
            OutIsTerminal = false,
            In = null,
        };
        var exit = await ExchangeCli.RunAsync(args, context);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    public override string ToString() => $"exit {Exit}\nstdout:\n{Out}\nstderr:\n{Error}";
}

/// <summary>`exchange admin …` against a real hub: every command through AdminService, and the hub's refusals as the CLI prints them.</summary>
public sealed partial class AdminCliTests(CliBootstrappedHubFixture hub) : IClassFixture<CliBootstrappedHubFixture>
{
    [Fact]
    public async Task Bootstrap_OnAHubWithoutAdminKey_PrintsOnlyTheKeyOnStdout_AndItIsAWorkingAdminKey()
    {
        Assert.Equal(0, hub.Bootstrap.Exit);
        Assert.Matches(KeyLine(), hub.Bootstrap.Out);
        Assert.Contains("shown only once", hub.Bootstrap.Error, StringComparison.Ordinal);

        var keys = await hub.Exchange("admin", "list-keys", "--kind", "admin");
        Assert.True(keys.Exit == 0, keys.ToString());
        Assert.Contains(hub.AdminKey[..12], keys.Out, StringComparison.Ordinal);
        Assert.Contains("值班运维", keys.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(hub.AdminKey, keys.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bootstrap_WhenTheHubHasAnAdminKey_Exits1_NamingAlreadyBootstrappedAndWhatToDo()
    {
        var before = await CredentialsAsync();

        var run = await hub.Exchange("admin", "bootstrap");

        Assert.Equal(1, run.Exit);
        Assert.Equal("", run.Out);
        Assert.Contains("FAILED_PRECONDITION (ALREADY_BOOTSTRAPPED)", run.Error, StringComparison.Ordinal);
        Assert.Contains("exchange admin issue-key --kind admin", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await CredentialsAsync());
    }

    [Fact]
    public async Task RegisterPlatform_PrintsAKeyThePlatformFilesWith_AndListPlatformsShowsIt()
    {
        var id = NewId("cli-reg");

        var run = await hub.Exchange("admin", "register-platform", "--id", id, "--name", "天山调解平台");

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Matches(KeyLine(), run.Out);
        var key = run.Out.Trim();
        Assert.Contains($"Registered platform {id} (天山调解平台)", run.Error, StringComparison.Ordinal);
        var list = await hub.Exchange("list", "--key", key);
        Assert.True(list.Exit == 0, list.ToString());
        Assert.Contains("No applications.", list.Out, StringComparison.Ordinal);

        var platforms = await hub.Exchange("admin", "list-platforms", "--all");
        Assert.True(platforms.Exit == 0, platforms.ToString());
        Assert.Contains(id, platforms.Out, StringComparison.Ordinal);
        Assert.Contains("天山调解平台", platforms.Out, StringComparison.Ordinal);

        var json = await hub.Exchange("admin", "list-platforms", "--all", "--page-size", "1", "--json");
        var listed = ProtoJson.Parse<ListPlatformsResponse>(json.Out);
        Assert.Contains(listed.Platforms, p => p.PlatformId == id && p.DisplayName == "天山调解平台" && p.RevokeTime is null);
        Assert.Contains(listed.Platforms, p => p.PlatformId == HubFixture.PlatformA);
        Assert.Equal("", listed.NextPageToken);
    }

    [Fact]
    public async Task IssueKey_ListKeys_RevokeKey_TheRevokedKeyIsRefusedEvenAfterItWasCached()
    {
        var id = NewId("cli-keys");
        var first = (await hub.Exchange("admin", "register-platform", "--id", id, "--name", "Rotation")).Out.Trim();

        var issue = await hub.Exchange("admin", "issue-key", "--kind", "platform", "--principal", id, "--name", "rotated");
        Assert.True(issue.Exit == 0, issue.ToString());
        var second = issue.Out.Trim();
        Assert.Matches(KeyLine(), issue.Out);
        Assert.NotEqual(first, second);

        var keys = await hub.Exchange("admin", "list-keys", "--principal", id);
        Assert.True(keys.Exit == 0, keys.ToString());
        Assert.Contains(first[..12], keys.Out, StringComparison.Ordinal);
        Assert.Contains(second[..12], keys.Out, StringComparison.Ordinal);
        Assert.Contains("2 key(s).", keys.Out, StringComparison.Ordinal);

        // Used once, so the gateway has it cached when it is revoked.
        Assert.Equal(0, (await hub.Exchange("list", "--key", second)).Exit);
        var revoke = await hub.Exchange("admin", "revoke-key", "--prefix", second[..12]);
        Assert.True(revoke.Exit == 0, revoke.ToString());
        Assert.Contains($"Key {second[..12]}… of platform {id} (rotated) is revoked since", revoke.Out, StringComparison.Ordinal);

        var refused = await UntilRefusedAsync("list", "--key", second);
        Assert.Contains("UNAUTHENTICATED", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await hub.Exchange("list", "--key", first)).Exit);

        var listed = ProtoJson.Parse<ListKeysResponse>((await hub.Exchange("admin", "list-keys", "--principal", id, "--include-revoked", "--json")).Out);
        Assert.Equal([(second[..12], true), (first[..12], false)], listed.Keys.Select(k => (k.KeyPrefix, k.RevokeTime is not null)));
        var live = ProtoJson.Parse<ListKeysResponse>((await hub.Exchange("admin", "list-keys", "--principal", id, "--json")).Out);
        Assert.Equal([first[..12]], live.Keys.Select(k => k.KeyPrefix));
    }

    [Fact]
    public async Task ARevokedAdminKey_IsRefusedWithUnauthenticated()
    {
        var issue = await hub.Exchange("admin", "issue-key", "--kind", "admin", "--principal", NewId("ops"));
        Assert.True(issue.Exit == 0, issue.ToString());
        var operatorKey = issue.Out.Trim();
        Assert.Equal(0, (await hub.Exchange("admin", "list-platforms", "--admin-key", operatorKey)).Exit);

        Assert.Equal(0, (await hub.Exchange("admin", "revoke-key", "--prefix", operatorKey[..12])).Exit);

        var refused = await UntilRefusedAsync("admin", "list-platforms", "--admin-key", operatorKey);
        Assert.Equal("", refused.Out);
        Assert.StartsWith("error: UNAUTHENTICATED", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownAdminKey_IsUnauthenticated_AndAPlatformsKey_IsPermissionDenied_ChangingNothing()
    {
        var before = await CredentialsAsync();

        var unknown = await hub.Exchange("admin", "register-platform", "--id", NewId("x"), "--name", "x", "--admin-key", "exk_" + new string('A', 43));
        var platform = await hub.Exchange("admin", "register-platform", "--id", NewId("x"), "--name", "x", "--admin-key", hub.PlatformAKey);

        Assert.Equal((1, ""), (unknown.Exit, unknown.Out));
        Assert.StartsWith("error: UNAUTHENTICATED", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("hint: check the admin key (--admin-key or EXCHANGE_ADMIN_KEY)", unknown.Error, StringComparison.Ordinal);
        Assert.Equal((1, ""), (platform.Exit, platform.Out));
        Assert.StartsWith("error: PERMISSION_DENIED", platform.Error, StringComparison.Ordinal);
        Assert.Equal(before, await CredentialsAsync());
    }

    [Fact]
    public async Task Refusals_PrintStatusReasonAndEveryFieldViolation_AndExit1()
    {
        var before = await CredentialsAsync();

        var invalid = await hub.Exchange("admin", "register-platform", "--id", "-not an id", "--name", " ");
        var court = await hub.Exchange("admin", "register-court", "--court", "新9999");
        var prefix = await hub.Exchange("admin", "revoke-key", "--prefix", "exk_00000000");
        var platform = await hub.Exchange("admin", "revoke-platform", "--id", NewId("absent"));

        Assert.Equal(1, invalid.Exit);
        Assert.StartsWith("error: INVALID_ARGUMENT", invalid.Error, StringComparison.Ordinal);
        Assert.Contains("  platform_id: ", invalid.Error, StringComparison.Ordinal);
        Assert.Contains("  display_name: ", invalid.Error, StringComparison.Ordinal);
        Assert.Equal(1, court.Exit);
        Assert.Contains("INVALID_ARGUMENT (UNKNOWN_COURT)", court.Error, StringComparison.Ordinal);
        Assert.Equal(1, prefix.Exit);
        Assert.Contains("NOT_FOUND (KEY_NOT_FOUND)", prefix.Error, StringComparison.Ordinal);
        Assert.Equal(1, platform.Exit);
        Assert.Contains("NOT_FOUND (PLATFORM_NOT_FOUND)", platform.Error, StringComparison.Ordinal);
        Assert.All([invalid, court, prefix, platform], run => Assert.Equal("", run.Out));
        Assert.Equal(before, await CredentialsAsync());
    }

    [Fact]
    public async Task RegisterCourt_AndRevokePlatform_DoWhatTheySay()
    {
        var court = await hub.Exchange("admin", "register-court", "--court", HubFixture.Court, "--json");
        Assert.True(court.Exit == 0, court.ToString());
        var issued = ProtoJson.Parse<IssuedKey>(court.Out);
        Assert.Equal((PrincipalKind.Court, HubFixture.Court, $"{HubFixture.Court} clerk office"), (issued.Key.PrincipalKind, issued.Key.PrincipalId, issued.Key.DisplayName));
        Assert.Equal(0, (await hub.Exchange("docket", "--key", issued.ApiKey)).Exit);

        var id = NewId("cli-gone");
        var key = (await hub.Exchange("admin", "register-platform", "--id", id, "--name", "Gone")).Out.Trim();
        var revoke = await hub.Exchange("admin", "revoke-platform", "--id", id);
        Assert.True(revoke.Exit == 0, revoke.ToString());
        Assert.Contains($"Platform {id} (Gone) revoked at", revoke.Out, StringComparison.Ordinal);
        Assert.Contains("1 live key(s) revoked by this call", revoke.Out, StringComparison.Ordinal);
        Assert.Equal(1, (await UntilRefusedAsync("list", "--key", key)).Exit);

        var again = await hub.Exchange("admin", "issue-key", "--kind", "platform", "--principal", id);
        Assert.Equal(1, again.Exit);
        Assert.Contains("FAILED_PRECONDITION (PLATFORM_REVOKED)", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARepeatedRequestId_ReturnsTheSameKey_WithoutIssuingAnother()
    {
        var id = NewId("cli-idem");
        var requestId = Guid.NewGuid().ToString();

        var first = await hub.Exchange("admin", "register-platform", "--id", id, "--name", "Idem", "--request-id", requestId);
        var second = await hub.Exchange("admin", "register-platform", "--id", id, "--name", "Idem", "--request-id", requestId);

        Assert.True(first.Exit == 0 && second.Exit == 0, first + "\n" + second);
        Assert.Equal(first.Out, second.Out);
        Assert.Equal(1, await hub.Database.ScalarAsync("SELECT count(*) FROM exchange_credentials WHERE principal_id = $1", id));
    }

    [Fact]
    public async Task PutCourt_RegistersACourt_ThatTakesFilingsOfTheTypesItAccepts_AndCourtsListsIt()
    {
        const string code = "新0108";

        var put = await hub.Exchange("admin", "put-court", "--court", code, "--name", "测试区人民法院", "--level", "basic", "--division", "650108", "--accepts", "jc");

        Assert.True(put.Exit == 0, put.ToString());
        Assert.Contains($"Court {code} (测试区人民法院), BASIC, division 650108, accepts JC, attachments up to 104857600 bytes: version 1.", put.Out, StringComparison.Ordinal);
        await UntilFiledAsync(Requests.JudicialConfirmation("cli-court-jc", code));
        var md = await Assert.ThrowsAsync<RpcException>(() => hub.Filing.SubmitApplicationAsync(Requests.MediationDocument("cli-court-md", code), hub.AsPlatformA).ResponseAsync);
        Assert.Equal((StatusCode.FailedPrecondition, "COURT_DOES_NOT_ACCEPT_TYPE"), (md.StatusCode, ExchangeError.FromException(md).Reason));

        var courts = await hub.Exchange("admin", "courts");
        Assert.True(courts.Exit == 0, courts.ToString());
        Assert.Matches(@$"\| {code} +\| 测试区人民法院 +\| BASIC +\| 650108 +\| JC +\| 1 +\|", courts.Out);
        Assert.Matches(@"\| 新0102 +\| 天山区人民法院 +\| BASIC +\| 650102 +\| JC, MD +\| 1 +\|", courts.Out);

        // A change made from a stale read is refused; made from the version read, it goes through.
        var changed = await hub.Exchange("admin", "put-court", "--court", code, "--name", "测试区人民法院", "--level", "BASIC", "--division", "650108",
            "--accepts", "jc,md", "--expected-version", "1", "--json");
        Assert.True(changed.Exit == 0, changed.ToString());
        var court = ProtoJson.Parse<Court>(changed.Out);
        Assert.Equal(2, court.Version);
        Assert.Equal([ApplicationType.JudicialConfirmation, ApplicationType.MediationDocument], court.AcceptedTypes);
        var stale = await hub.Exchange("admin", "put-court", "--court", code, "--name", "别名", "--level", "basic", "--accepts", "none", "--expected-version", "1");
        Assert.Equal((1, ""), (stale.Exit, stale.Out));
        Assert.Contains("ABORTED (VERSION_MISMATCH)", stale.Error, StringComparison.Ordinal);
        var listed = ProtoJson.Parse<ListCourtsResponse>((await hub.Exchange("admin", "courts", "--json")).Out);
        Assert.Equal(court, listed.Courts.Single(c => c.Code == code));
    }

    [Fact]
    public async Task PutCourt_WithBadFields_Exits1_NamingEachField_AndChangesNothing()
    {
        var before = await CourtsAndCalendarAsync();

        var run = await hub.Exchange("admin", "put-court", "--court", "新0110", "--name", "某法院", "--level", "intermediate", "--division", "65x", "--accepts", "md");
        var usage = await hub.Exchange("admin", "put-court", "--court", "新0110", "--name", "某法院", "--level", "basic", "--accepts", "jc,xx");

        Assert.Equal((1, ""), (run.Exit, run.Out));
        Assert.StartsWith("error: INVALID_ARGUMENT", run.Error, StringComparison.Ordinal);
        Assert.Contains("  court.level: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("  court.division_code: ", run.Error, StringComparison.Ordinal);
        Assert.Equal((2, ""), (usage.Exit, usage.Out));
        Assert.Contains("--accepts 'xx' is not a type; one of: jc, md, ", usage.Error, StringComparison.Ordinal);
        Assert.Equal(before, await CourtsAndCalendarAsync());
    }

    [Fact]
    public async Task HolidayYears_ListsTheSeeded2026Schedule()
    {
        var run = await hub.Exchange("admin", "holiday-years");
        var json = await hub.Exchange("admin", "holiday-years", "--json");

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Matches(@"\| 2026 +\| New Year, Spring Festival, Qingming, Labour Day, Dragon Boat, Mid-Autumn, National Day +\| 33 +\| 6 +\| 1 +\|", run.Out);
        var year = ProtoJson.Parse<ListHolidayYearsResponse>(json.Out).HolidayYears.Single(y => y.Year == 2026);
        Assert.Equal((7, 6), (year.Holidays.Count, year.MakeUpWorkingDays.Count));
    }

    [Fact]
    public async Task PutHolidayYear_FromAFile_PutsTheYear_AndABadFileIsRefusedNamingTheField()
    {
        var file = Path.Combine(Path.GetTempPath(), $"exchange-{Guid.NewGuid():N}.json");
        try
        {
            // The format of src/Exchange.Domain/Calendar/2026.json; 2040 lies beyond every deadline the other tests compute.
            await File.WriteAllTextAsync(file, """
                {
                  "year": 2040,
                  "source": "test schedule",
                  "holidays": [
                    { "name": "New Year", "first": "2040-01-01", "last": "2040-01-01" },
                    { "name": "Spring Festival", "first": "2040-02-11", "last": "2040-02-17" }
                  ],
                  "make_up_working_days": [ "2040-01-07" ]
                }
                """);
            var put = await hub.Exchange("admin", "put-holiday-year", "--file", file);

            Assert.True(put.Exit == 0, put.ToString());
            Assert.Contains("Holiday year 2040: 2 holiday(s), 8 rest day(s), 1 make-up working day(s): version 1.", put.Out, StringComparison.Ordinal);
            var year = ProtoJson.Parse<ListHolidayYearsResponse>((await hub.Exchange("admin", "holiday-years", "--json")).Out).HolidayYears.Single(y => y.Year == 2040);
            Assert.Equal(("test schedule", "Spring Festival", 2040, 2, 17), (year.Source, year.Holidays[1].Name, year.Holidays[1].Last.Year, year.Holidays[1].Last.Month, year.Holidays[1].Last.Day));
            Assert.Equal([(2040, 1, 7)], year.MakeUpWorkingDays.Select(d => (d.Year, d.Month, d.Day)));

            var before = await CourtsAndCalendarAsync();
            await File.WriteAllTextAsync(file, """{ "year": 2040, "holidays": [], "make_up_working_days": [ "2040-01-04" ] }""");
            var weekday = await hub.Exchange("admin", "put-holiday-year", "--file", file, "--expected-version", "1");
            await File.WriteAllTextAsync(file, """{ "year": 2040, "holidays": [], "make_up_workdays": [ "2040-01-07" ] }""");
            var misspelt = await hub.Exchange("admin", "put-holiday-year", "--file", file);

            Assert.Equal((1, ""), (weekday.Exit, weekday.Out));
            Assert.Contains("  holiday_year.make_up_working_days[0]: 2040-01-04 is a Wednesday", weekday.Error, StringComparison.Ordinal);
            Assert.Equal((2, ""), (misspelt.Exit, misspelt.Out));
            Assert.Contains("make_up_workdays", misspelt.Error, StringComparison.Ordinal);
            Assert.Equal(before, await CourtsAndCalendarAsync());
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Submits until the hub takes it: a court put reaches the silo through a database notification, moments after the answer.</summary>
    private async Task<Receipt> UntilFiledAsync(SubmitApplicationRequest request)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await hub.Filing.SubmitApplicationAsync(request, hub.AsPlatformA);
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.InvalidArgument or StatusCode.FailedPrecondition && clock.Elapsed < TimeSpan.FromSeconds(10))
            {
            }
        }
    }

    /// <summary>The courts, the holiday years and the admin events and requests, as text.</summary>
    private async Task<string> CourtsAndCalendarAsync() =>
        await TablesAsync("exchange_courts", "exchange_holiday_years", "exchange_admin_events", "exchange_admin_requests");

    /// <summary>
    /// Runs the command until it fails: a revocation reaches a gateway's key cache through a
    /// database notification, within moments but not within the revoking call.
    /// </summary>
    private async Task<CliRun> UntilRefusedAsync(params string[] args)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var run = await hub.Exchange(args);
            if (run.Exit != 0 || clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                Assert.True(run.Exit == 1, $"still accepted after {clock.Elapsed.TotalSeconds:F1} s: {run}");
                return run;
            }
        }
    }

    /// <summary>Every credential, platform and admin event row, as text: "changes nothing" compares contents.</summary>
    private Task<string> CredentialsAsync() =>
        TablesAsync("exchange_platforms", "exchange_credentials", "exchange_admin_events", "exchange_admin_bootstrap");

    private async Task<string> TablesAsync(params string[] tables)
    {
        var parts = new List<string>();
        foreach (var table in tables)
        {
            await using var command = hub.Database.DataSource.CreateCommand($"SELECT coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '') FROM {table} t");
            parts.Add(table + ":\n" + (string)(await command.ExecuteScalarAsync())!);
        }

        return string.Join("\n", parts);
    }

    private static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [GeneratedRegex(@"^exk_[A-Za-z0-9_-]{43}\r?\n$")]
    private static partial Regex KeyLine();
}
