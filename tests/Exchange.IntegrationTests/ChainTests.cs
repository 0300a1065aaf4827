using Exchange.Client;
using Exchange.IntegrationTests.Admin;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.LoadTesting;
using Exchange.LoadTests.Hub;
using Exchange.LoadTests.Scenarios;
using Exchange.V1;
using Npgsql;
using Xunit;

namespace Exchange.IntegrationTests;

/// <summary>
/// The hash chain over each application's history (docs/ARCHITECTURE.md, "The hash chain"), checked
/// from outside the hub: a real silo and gateway, PostgreSQL, and `exchange verify` or the client
/// library's <see cref="HistoryChain"/> recomputing every hash from GetHistory alone.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class ChainTests(HubFixture hub)
{
    private string Endpoint => $"http://127.0.0.1:{hub.GatewayPort}";

    [DatabaseFact]
    public async Task Verify_AfterTheCourtDayScenario_HoldsOnEveryApplication_AgainstItsHeadAndReceipt()
    {
        var provisioned = await Provisioner.ProvisionAsync(Endpoint, hub.AdminKey, platforms: 1, CancellationToken.None);
        var keys = new LoadKeys(
            [new PlatformKey(HubFixture.PlatformA, hub.PlatformAKey), new PlatformKey(HubFixture.PlatformB, hub.PlatformBKey)],
            provisioned.Courts);
        using (var connection = new HubConnection(new Uri(Endpoint), keys, channelCount: 2))
        {
            var settings = new ScenarioSettings
            {
                Concurrency = 4,
                WarmUp = TimeSpan.FromSeconds(1),
                Duration = TimeSpan.FromSeconds(3),
                SnapshotInterval = TimeSpan.FromSeconds(1),
                CourtDayBatchSize = 6,
            };
            var context = new LoadContext(settings, connection, EchoEndpoint: null, hub.Database.ConnectionString, new StringWriter());
            var reports = Directory.CreateTempSubdirectory("exchange-chain-reports-");
            try
            {
                var summary = await ScenarioRunner.RunAsync(["court-day"], context, new ReportOptions(Folder: reports.FullName, Progress: false), CancellationToken.None);
                Assert.All(summary.Scenarios, s => Assert.True(s.Ok > 0, $"{s.Name} executed no successful call"));
            }
            finally
            {
                reports.Delete(recursive: true);
            }
        }

        // Every application the two platforms filed — the court day's and any other test's — by its platform.
        var platformKeys = keys.Platforms.Concat(provisioned.Platforms).ToDictionary(p => p.Id, p => p.Key);
        var applications = await RowsAsync(
            "SELECT application_id::text, platform_id FROM exchange_applications WHERE platform_id = ANY($1) ORDER BY application_id",
            (object)platformKeys.Keys.ToArray());
        var events = 0;
        var acted = 0;
        foreach (var (id, platform) in applications)
        {
            using var client = ExchangeClient.Create(new Uri(Endpoint), platformKeys[platform], new ExchangeClientOptions());
            var application = await client.Filing.GetAsync(id);
            var history = await client.Filing.GetHistoryAsync(id);
            var result = HistoryChain.Verify(id, history.Events, (application.Version, application.ChainHeadSha256), (1, application.Receipt.ChainHeadSha256));
            Assert.True(result.Intact, $"{id}: {result.FirstBreak}");
            Assert.Equal(64, application.ChainHeadSha256.Length);
            events += result.Events;
            acted += history.Events.Count(e => e.Kind is "ACCEPTED" or "CONFIRMED" or "REJECTED");
        }

        // Not a vacuous pass: the court day accepted (the store numbers and hashes that event) and ruled many.
        Assert.True(applications.Count >= 50, $"{applications.Count} applications");
        Assert.True(acted >= 10, $"{acted} acceptances and rulings");
        Assert.True(events > applications.Count, $"{events} events");

        // The stored hashes are the ones GetHistory showed: recomputed by the store's own function too.
        Assert.Equal(0, await hub.Database.ScalarAsync("""
            SELECT count(*) FROM exchange_events e
             WHERE e.event_sha256 <> exchange_event_sha256(e.previous_sha256, e.application_id, e.seq, e.occurred_at, e.kind,
                       e.actor_kind, e.actor_id, e.actor_name, e.reason, e.status_after, e.details)
                OR e.previous_sha256 <> COALESCE((SELECT p.event_sha256 FROM exchange_events p WHERE p.application_id = e.application_id AND p.seq = e.seq - 1),
                                                 '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea)
            """));

        // And the CLI agrees, on a few of them.
        foreach (var (id, platform) in applications.Take(3))
        {
            var run = await CliRun.RunAsync(new() { ["EXCHANGE_ENDPOINT"] = Endpoint, ["EXCHANGE_API_KEY"] = platformKeys[platform] }, "verify", id);
            Assert.True(run.Exit == 0, run.ToString());
            Assert.Contains("chain intact", run.Out, StringComparison.Ordinal);
        }
    }

    [DatabaseFact]
    public async Task Verify_AfterOneByteOfAStoredEventChanged_NamesThatEvent()
    {
        var flow = new CourtFlow(hub.Channel, hub.PlatformAKey, hub.CourtKey, HubFixture.Court);
        var receipt = await flow.SubmitAsync(ApplicationType.JudicialConfirmation);
        var id = receipt.ApplicationId;
        await flow.AcceptAsync(id);
        await flow.StartReviewAsync(id);
        var confirmed = await flow.ConfirmAsync(id);
        Assert.Equal(4, confirmed.Version);

        var environment = new Dictionary<string, string> { ["EXCHANGE_ENDPOINT"] = Endpoint, ["EXCHANGE_API_KEY"] = hub.CourtKey };
        var before = await CliRun.RunAsync(environment, "verify", id);
        Assert.True(before.Exit == 0, before.ToString());
        Assert.Contains($"head {confirmed.ChainHeadSha256}", before.Out, StringComparison.Ordinal);

        // The platform kept its receipt's head and, from the feed, a later one: both check out too.
        var history = await new FilingService.FilingServiceClient(hub.Channel).GetHistoryAsync(new GetHistoryRequest { ApplicationId = id }, HubFixture.As(hub.PlatformAKey));
        Assert.Equal(receipt.ChainHeadSha256, history.Events[0].EventSha256);
        Assert.Equal(confirmed.ChainHeadSha256, history.Events[3].EventSha256);
        var kept = await CliRun.RunAsync(environment, "verify", id, "--head", $"1:{receipt.ChainHeadSha256}", "--head", $"2:{history.Events[1].EventSha256}");
        Assert.True(kept.Exit == 0, kept.ToString());

        // One byte of the acceptance (event 2): the court code its actor carries, 新0102 → 新0103.
        await ExecuteAsync("UPDATE exchange_events SET actor_id = '新0103' WHERE application_id = $1::uuid AND seq = 2 AND actor_id = '新0102'", id);

        var after = await CliRun.RunAsync(environment, "verify", id);
        Assert.True(after.Exit == 3, after.ToString());
        Assert.Contains("chain broken at event 2: event_sha256 expected ", after.Error, StringComparison.Ordinal);
        Assert.Contains($"found {history.Events[1].EventSha256}", after.Error, StringComparison.Ordinal);

        // Rewriting that event's hash as well moves the break to the next event, whose predecessor it names.
        await ExecuteAsync("""
            UPDATE exchange_events SET event_sha256 = exchange_event_sha256(previous_sha256, application_id, seq, occurred_at, kind,
                   actor_kind, actor_id, actor_name, reason, status_after, details)
             WHERE application_id = $1::uuid AND seq = 2
            """, id);
        var rehashed = await CliRun.RunAsync(environment, "verify", id);
        Assert.True(rehashed.Exit == 3, rehashed.ToString());
        Assert.Contains("chain broken at event 3: previous_sha256 expected ", rehashed.Error, StringComparison.Ordinal);

        // And rewriting the whole chain from there on is caught only by a head kept before: the one the platform held.
        await ExecuteAsync("""
            DO $$
            DECLARE r record; previous bytea;
            BEGIN
                FOR r IN SELECT * FROM exchange_events WHERE application_id = '{0}'::uuid ORDER BY seq LOOP
                    previous := COALESCE(previous, r.previous_sha256);
                    UPDATE exchange_events SET previous_sha256 = previous,
                           event_sha256 = exchange_event_sha256(previous, application_id, seq, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after, details)
                     WHERE application_id = r.application_id AND seq = r.seq RETURNING event_sha256 INTO previous;
                END LOOP;
            END $$
            """.Replace("{0}", Guid.Parse(id).ToString(), StringComparison.Ordinal));
        var forgedHistory = await CliRun.RunAsync(environment, "verify", id, "--head", $"4:{confirmed.ChainHeadSha256}");
        Assert.True(forgedHistory.Exit == 3, forgedHistory.ToString());
        Assert.Contains($"chain broken at event 4: chain_head_sha256 expected {confirmed.ChainHeadSha256}", forgedHistory.Error, StringComparison.Ordinal);
    }

    private async Task<List<(string, string)>> RowsAsync(string sql, params object[] parameters)
    {
        await using var command = hub.Database.DataSource.CreateCommand(sql);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        var rows = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    private async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = hub.Database.DataSource.CreateCommand(sql);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        Assert.True(await command.ExecuteNonQueryAsync() != 0, sql);
    }
}
