using System.Diagnostics;
using System.Text.RegularExpressions;
using Exchange.Cli;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.V1;

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
    private async Task<string> CredentialsAsync()
    {
        var parts = new List<string>();
        foreach (var table in new[] { "exchange_platforms", "exchange_credentials", "exchange_admin_events", "exchange_admin_bootstrap" })
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
