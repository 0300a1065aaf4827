using System.Globalization;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.Storage;
using Exchange.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace Exchange.IntegrationTests.Storage;

/// <summary>
/// This build's silo started on a database that a hub of the previous commit created and wrote:
/// Fixtures/previous-commit-db.sql, dumped from a real hub of commit ff8d44f (the last commit on
/// main before the migration runner: its silo ran the whole schema script at every start and the
/// admin migration through an interim loop), filled through that version's own ./exchange tool
/// (Fixtures/make-previous-commit-db.sh) — no row inserted by hand.
/// </summary>
public sealed class PreviousCommitDatabaseTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task SiloStart_OnThePreviousCommitsDatabase_MigratesIt_WithEveryApplicationEventAndKeyIntact()
    {
        await using var db = await TestDatabase.CreateAsync();
        var fixture = await PreviousCommitDatabase.RestoreAsync(db);
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM pg_tables WHERE tablename = 'exchange_schema_versions'"));
        var before = await PreviousCommitDatabase.DigestsAsync(db);
        // Not a vacuous comparison: the fixture has applications of several statuses, their events and keys.
        Assert.True(await db.ScalarAsync("SELECT count(DISTINCT status) FROM exchange_applications") >= 5);
        Assert.True(await db.ScalarAsync("SELECT count(*) FROM exchange_events") > await db.ScalarAsync("SELECT count(*) FROM exchange_applications"));
        Assert.True(await db.ScalarAsync("SELECT count(*) FROM exchange_credentials WHERE revoked_at IS NOT NULL") >= 1);

        // The hub's clock at the time the fixture was written, so that no deadline has passed since
        // (the deadline watcher would rightly add OVERDUE events).
        var clockFile = Path.Combine(Path.GetTempPath(), "exchange-clock-" + Guid.NewGuid().ToString("N"));
        var written = DateTimeOffset.Parse((await MigrationTests.RowsAsync(db,
            "SELECT to_char(max(occurred_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM exchange_events"))[0], CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(clockFile, (written.AddMinutes(1) - DateTimeOffset.UtcNow).TotalSeconds.ToString("R", CultureInfo.InvariantCulture));
        try
        {
            var clusterId = "prev-" + Guid.NewGuid().ToString("N")[..8];
            var gatewayPort = HubProcess.FreePort();
            await using var silo = await HubProcess.StartAsync("Exchange.Silo", new Dictionary<string, string>
            {
                ["ConnectionStrings__Exchange"] = db.ConnectionString,
                ["Exchange__ClusterId"] = clusterId,
                ["Exchange__SiloPort"] = HubProcess.FreePort().ToString(CultureInfo.InvariantCulture),
                ["Exchange__GatewayPort"] = HubProcess.FreePort().ToString(CultureInfo.InvariantCulture),
                ["Exchange__ClockFile"] = clockFile,
            }, "Exchange silo ready", StartTimeout);
            await using var gateway = await HubProcess.StartAsync("Exchange.Gateway", new Dictionary<string, string>
            {
                ["ConnectionStrings__Exchange"] = db.ConnectionString,
                ["Exchange__ClusterId"] = clusterId,
                ["Exchange__Port"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
                ["Exchange__ListenAddress"] = "127.0.0.1",
                ["Exchange__ClockFile"] = clockFile,
            }, "Exchange gateway ready", StartTimeout);

            // Every migration ran once, and the schema is the one a new database gets.
            Assert.Equal(
                SchemaMigrator.Migrations.Select(m => $"{m.Version} {m.Sha256}"),
                await MigrationTests.RowsAsync(db, "SELECT version || ' ' || sha256 FROM exchange_schema_versions ORDER BY version"));
            await using (var fresh = await TestDatabase.CreateAsync())
            {
                await SchemaMigrator.MigrateAsync(fresh.DataSource, NullLogger.Instance);
                Assert.Equal(await SchemaShape.OfAsync(fresh), await SchemaShape.OfAsync(db));
            }

            // The hub serves every application of the fixture, as its platform, with its whole history.
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{gatewayPort}");
            var filing = new FilingService.FilingServiceClient(channel);
            var applications = await MigrationTests.RowsAsync(db,
                "SELECT application_id || ' ' || platform_id || ' ' || status || ' ' || version FROM exchange_applications ORDER BY application_id");
            Assert.Equal(12, applications.Count);
            foreach (var row in applications)
            {
                var (id, platform, status, version) = (row.Split(' ')[0], row.Split(' ')[1], row.Split(' ')[2], long.Parse(row.Split(' ')[3], CultureInfo.InvariantCulture));
                var key = fixture.PlatformKeys[platform];
                var served = await Probe.UntilAsync(
                    () => filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = id }, HubFixture.As(key, TimeSpan.FromSeconds(10))).ResponseAsync,
                    _ => true, TimeSpan.FromSeconds(90));
                Assert.Equal(id, served.Receipt.ApplicationId);
                Assert.Equal(Names.Of(status), Names.Of(served.Status.ToString()));
                Assert.Equal(version, served.Version);

                var history = await filing.GetHistoryAsync(new GetHistoryRequest { ApplicationId = id }, HubFixture.As(key));
                Assert.Equal(
                    (await MigrationTests.RowsAsync(db, $"SELECT seq || ' ' || kind || ' ' || status_after FROM exchange_events WHERE application_id = '{id}' ORDER BY seq")).Select(Names.Of),
                    history.Events.Select(e => Names.Of($"{e.Sequence} {e.Kind} {e.StatusAfter}")));

                // Migration 0095 chained the history the previous commit wrote, and gave the state its heads.
                var chain = Exchange.Client.HistoryChain.Verify(id, history.Events, (served.Version, served.ChainHeadSha256), (1, served.Receipt.ChainHeadSha256));
                Assert.True(chain.Intact, $"{id}: {chain.FirstBreak}");
                Assert.Equal((int)version, chain.Events);
            }

            // Every event stored before the feed existed reaches its platform's and its court's feed.
            var events = await db.ScalarAsync("SELECT count(*) FROM exchange_events");
            var relayedBy = DateTime.UtcNow.AddSeconds(30);
            while (await db.ScalarAsync("SELECT COALESCE(sum(cardinality(application_ids)), 0) FROM exchange_feed_pages") < 2 * events && DateTime.UtcNow < relayedBy)
            {
                await Task.Delay(200);
            }

            Assert.Equal(2 * events, await db.ScalarAsync("SELECT COALESCE(sum(cardinality(application_ids)), 0) FROM exchange_feed_pages"));

            // And not a byte of any application, event or key changed (the column migration 0002
            // drops and the ones 0030 and 0095 add, exchange_events.feed_position, xid and the chain's
            // hashes, left out of both sides; a state compared as JSON without the heads 0095 adds).
            Assert.Equal(before, await PreviousCommitDatabase.DigestsAsync(db));
        }
        finally
        {
            File.Delete(clockFile);
        }
    }

    private static class Names
    {
        // "UNDER_REVIEW", "UnderReview" (the stored JSON's and C#'s enum names) compare equal.
        public static string Of(string name) => name.Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();
    }
}

/// <summary>Fixtures/previous-commit-db.sql: restored into a database, with the keys its header names.</summary>
internal sealed record PreviousCommitDatabase(IReadOnlyDictionary<string, string> PlatformKeys)
{
    /// <summary>Every table whose rows are applications, events, keys or what they stand on, with its key.</summary>
    private static readonly (string Table, string Key)[] Tables =
    [
        ("orleans_storage", "service_id, grain_type, grain_id_ext, grain_id_n0, grain_id_n1"),
        ("exchange_applications", "application_id"),
        ("exchange_events", "application_id, seq"),
        ("exchange_credentials", "key_hash"),
        ("exchange_platforms", "platform_id"),
        ("exchange_case_sequences", "court_code, case_type_code, case_year"),
        ("exchange_attachment_contents", "sha256"),
        ("exchange_admin_events", "event_id"),
        ("exchange_admin_bootstrap", "singleton"),
    ];

    public static async Task<PreviousCommitDatabase> RestoreAsync(TestDatabase db)
    {
        var lines = await File.ReadAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "previous-commit-db.sql"));
        var keys = lines.Where(l => l.StartsWith("-- key platform ", StringComparison.Ordinal))
            .Select(l => l.Split(' '))
            .ToDictionary(p => p[3], p => p[4]);
        // pg_dump's psql meta-commands (\restrict) are for psql; the rest is plain SQL.
        var script = string.Join('\n', lines.Where(l => !l.StartsWith('\\')));
        await using (var connection = await db.DataSource.OpenConnectionAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = script;
            await command.ExecuteNonQueryAsync();
        }

        // The dump empties search_path for its session: no pooled connection keeps that.
        Npgsql.NpgsqlConnection.ClearAllPools();
        return new PreviousCommitDatabase(keys);
    }

    /// <summary>
    /// One digest per table: every column of every row, in key order — but feed_position (dropped
    /// by migration 0002), xid (added by 0030: the migration's own transaction id for every event
    /// already stored, so that the relay moves them) and the chain's hashes (added by 0095), and an
    /// application's state compared as JSON without the two heads 0095 adds to it.
    /// </summary>
    public static async Task<List<string>> DigestsAsync(TestDatabase db)
    {
        var digests = new List<string>();
        foreach (var (table, key) in Tables)
        {
            // Table and key are constants above, never input.
            digests.AddRange(await MigrationTests.RowsAsync(db,
                $"SELECT '{table} ' || count(*) || ' ' || coalesce(md5(string_agg(({Row(table)})::text, E'\\n' ORDER BY {key})), '') FROM {table} t"));
        }

        return digests;
    }

    private static string Row(string table) => table switch
    {
        "exchange_events" => "to_jsonb(t) - 'feed_position' - 'xid' - 'previous_sha256' - 'event_sha256'",
        "orleans_storage" => "CASE WHEN t.grain_type = 'application' THEN to_jsonb(t) - 'payload' || jsonb_build_object('payload', "
            + "convert_from(t.payload, 'UTF8')::jsonb - 'chainHeadSha256' - 'firstEventSha256') ELSE to_jsonb(t) END",
        _ => "to_jsonb(t)",
    };
}

/// <summary>What a schema is made of: columns, constraints, indexes, functions and triggers, as text.</summary>
internal static class SchemaShape
{
    public static Task<List<string>> OfAsync(TestDatabase db) => MigrationTests.RowsAsync(db, """
        SELECT x FROM (
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') || ' ' || is_identity AS x
            FROM information_schema.columns WHERE table_schema = 'public'
            UNION ALL
            SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace
            UNION ALL
            SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
            UNION ALL
            SELECT 'function ' || proname || ' ' || md5(prosrc) FROM pg_proc WHERE pronamespace = 'public'::regnamespace
            UNION ALL
            SELECT 'trigger ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal
        ) s ORDER BY x COLLATE "C"
        """);
}
