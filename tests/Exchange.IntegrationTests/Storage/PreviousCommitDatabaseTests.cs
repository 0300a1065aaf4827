using System.Globalization;
using System.Security.Cryptography;
using Exchange.IntegrationTests.Infrastructure;
using Exchange.Storage;
using Exchange.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace Exchange.IntegrationTests.Storage;

/// <summary>
/// This build's silo started on databases that hubs of earlier commits created and wrote, dumped
/// by Fixtures/make-previous-commit-db.sh from a real hub of that commit driven through its own
/// ./exchange tool — no row inserted by hand:
/// <list type="bullet">
/// <item>Fixtures/previous-commit-db.sql, of commit ff8d44f (the last commit on main before the
/// migration runner: its silo ran the whole schema script at every start and the admin migration
/// through an interim loop);</item>
/// <item>Fixtures/commit-3193d9c-db.sql, of commit 3193d9c (the last commit before the application
/// store: application grains' states in Orleans' orleans_storage, beside the read model), with an
/// application in every status that version reached, issued documents, and case numbers given by
/// the hub and by a court that numbers its own cases.</item>
/// </list>
/// </summary>
public sealed class PreviousCommitDatabaseTests
{
    [Fact]
    public async Task SiloStart_OnThePreviousCommitsDatabase_MigratesIt_WithEveryApplicationEventAndKeyIntact()
    {
        await using var db = await TestDatabase.CreateAsync();
        var fixture = await PreviousCommitDatabase.RestoreAsync(db, PreviousCommitDatabase.Ff8d44f);
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM pg_tables WHERE tablename = 'exchange_schema_versions'"));
        var before = await fixture.DigestsAsync(db, StateHome.OrleansStorage);
        // Not a vacuous comparison: the fixture has applications of several statuses, their events and keys.
        Assert.True(await db.ScalarAsync("SELECT count(DISTINCT status) FROM exchange_applications") >= 5);
        Assert.True(await db.ScalarAsync("SELECT count(*) FROM exchange_events") > await db.ScalarAsync("SELECT count(*) FROM exchange_applications"));
        Assert.True(await db.ScalarAsync("SELECT count(*) FROM exchange_credentials WHERE revoked_at IS NOT NULL") >= 1);

        await using var hub = await PreviousCommitHub.StartAsync(db);
        await PreviousCommitHub.AssertSchemaIsANewDatabasesAsync(db);
        Assert.Equal(12, await hub.AssertEveryApplicationServedAsync(db, fixture));

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
        // hashes, left out of both sides; a state compared as JSON without the heads 0095 adds),
        // the states now in the application store and none left in orleans_storage.
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM orleans_storage WHERE grain_type = 'application'"));
        Assert.Equal(before, await fixture.DigestsAsync(db, StateHome.ApplicationStore));
    }

    [Fact]
    public async Task SiloStart_OnCommit3193d9csDatabase_MovesEveryApplicationIntoTheApplicationStore_ByteForByte_AndTheyCanStillBeActedOn()
    {
        await using var db = await TestDatabase.CreateAsync();
        var fixture = await PreviousCommitDatabase.RestoreAsync(db, PreviousCommitDatabase.Commit3193d9c);
        var before = await fixture.DigestsAsync(db, StateHome.OrleansStorage);
        // Not a vacuous comparison: every status that version reached, both types from both
        // platforms, the documents its acts issued, case numbers of the hub and of a court.
        Assert.Equal(16, await db.ScalarAsync("SELECT count(DISTINCT status) FROM exchange_applications"));
        Assert.Equal(4, await db.ScalarAsync("SELECT count(DISTINCT (platform_id, application_type)) FROM exchange_applications"));
        var applications = await db.ScalarAsync("SELECT count(*) FROM exchange_applications");
        Assert.Equal(applications, await db.ScalarAsync("SELECT count(*) FROM orleans_storage WHERE grain_type = 'application'"));
        Assert.True(await db.ScalarAsync("SELECT count(*) FROM exchange_documents") >= 8);
        Assert.True(await db.ScalarAsync("SELECT count(*) FROM exchange_applications a JOIN exchange_courts c USING (court_code) WHERE c.case_numbering = 'COURT' AND a.case_sequence IS NOT NULL") >= 3);
        Assert.True(await db.ScalarAsync("SELECT count(*) FROM exchange_applications a JOIN exchange_courts c USING (court_code) WHERE c.case_numbering = 'HUB' AND a.case_sequence IS NOT NULL") >= 8);
        Assert.True(await db.ScalarAsync("SELECT count(*) FROM exchange_credentials WHERE revoked_at IS NOT NULL") >= 1);

        await using var hub = await PreviousCommitHub.StartAsync(db);
        await PreviousCommitHub.AssertSchemaIsANewDatabasesAsync(db);

        // Every state moved: none left in orleans_storage, each beside its listing, byte for byte
        // the payload it was, and no other byte of any application, event, document, key or case
        // sequence changed.
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM orleans_storage WHERE grain_type = 'application'"));
        Assert.Equal(before, await fixture.DigestsAsync(db, StateHome.ApplicationStore));
        Assert.Equal(applications, await hub.AssertEveryApplicationServedAsync(db, fixture));

        // A moved application is acted on: the court accepts a received one, and its number is the
        // next of the court's sequence (no gap, no repeat), written to the application store.
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{hub.GatewayPort}");
        var court = new CourtService.CourtServiceClient(channel);
        var received = (await MigrationTests.RowsAsync(db, """
            SELECT application_id || ' ' || version FROM exchange_applications
            WHERE court_code = '新0102' AND application_type = 'JudicialConfirmation' AND status = 'Received' AND withdrawal_requested_at IS NULL
            ORDER BY received_at, application_id LIMIT 1
            """))[0].Split(' ');
        var (id, version) = (received[0], long.Parse(received[1], CultureInfo.InvariantCulture));
        var year = hub.Now.ToOffset(TimeSpan.FromHours(8)).Year;
        var numbered = await db.ScalarAsync($"SELECT count(*) FROM exchange_applications WHERE court_code = '新0102' AND case_type_code = '民特' AND case_year = {year}");
        Assert.True(numbered >= 1);
        var accepted = await court.AcceptApplicationAsync(CourtFlow.Act(id, CourtFlow.NewRequestId()), HubFixture.As(fixture.CourtKeys["新0102"]));
        Assert.Equal(ApplicationStatus.Accepted, accepted.Status);
        Assert.Equal(version + 1, accepted.Version);
        Assert.Equal($"（{year}）新0102民特{numbered + 1}号", accepted.CaseNumber);
        Assert.Equal(
            Enumerable.Range(1, (int)numbered + 1).Select(n => n.ToString(CultureInfo.InvariantCulture)),
            await MigrationTests.RowsAsync(db, $"SELECT case_sequence::text FROM exchange_applications WHERE court_code = '新0102' AND case_type_code = '民特' AND case_year = {year} ORDER BY case_sequence"));
        Assert.Equal(
            [$"Accepted {version + 1} Accepted"],
            await MigrationTests.RowsAsync(db, $"SELECT status || ' ' || version || ' ' || (convert_from(state, 'UTF8')::jsonb ->> 'status') FROM exchange_applications WHERE application_id = '{id}'"));
        var history = await court.GetHistoryAsync(new GetHistoryRequest { ApplicationId = id }, HubFixture.As(fixture.CourtKeys["新0102"]));
        var chain = Exchange.Client.HistoryChain.Verify(id, history.Events, (accepted.Version, accepted.ChainHeadSha256), (1, accepted.Receipt.ChainHeadSha256));
        Assert.True(chain.Intact, $"{id}: {chain.FirstBreak}");
        Assert.Equal(version + 1, chain.Events);

        // The court that numbers its own cases accepts its received one with the number its system issued.
        var own = (await MigrationTests.RowsAsync(db, """
            SELECT application_id::text FROM exchange_applications
            WHERE court_code = '新0103' AND application_type = 'JudicialConfirmation' AND status = 'Received'
            """)).Single();
        var given = CourtFlow.Act(own, CourtFlow.NewRequestId());
        given.CaseNumber = $"（{year}）新0103民特90号";
        var ownAccepted = await court.AcceptApplicationAsync(given, HubFixture.As(fixture.CourtKeys["新0103"]));
        Assert.Equal((ApplicationStatus.Accepted, 2L, given.CaseNumber), (ownAccepted.Status, ownAccepted.Version, ownAccepted.CaseNumber));
        Assert.Equal(
            ["Accepted 2 Accepted 90"],
            await MigrationTests.RowsAsync(db, $"SELECT status || ' ' || version || ' ' || (convert_from(state, 'UTF8')::jsonb ->> 'status') || ' ' || case_sequence FROM exchange_applications WHERE application_id = '{own}'"));

        // And a platform files a new application: it lands in the application store, not in orleans_storage.
        var filing = new FilingService.FilingServiceClient(channel);
        var platformKey = fixture.PlatformKeys["tianshan-mediation"];
        var receipt = await filing.SubmitApplicationAsync(
            PreviousCommitHub.Dated(Requests.JudicialConfirmation(CourtFlow.NewCaseId("after-move"), "新0102"), hub.Now), HubFixture.As(platformKey));
        var filed = await filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = receipt.ApplicationId }, HubFixture.As(platformKey));
        Assert.Equal((ApplicationStatus.Received, 1L), (filed.Status, filed.Version));
        Assert.Equal(
            ["Received 1 Received"],
            await MigrationTests.RowsAsync(db, $"SELECT status || ' ' || version || ' ' || (convert_from(state, 'UTF8')::jsonb ->> 'status') FROM exchange_applications WHERE application_id = '{receipt.ApplicationId}'"));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM orleans_storage WHERE grain_type = 'application'"));

        // The states this build wrote are inline and not compressed.
        Assert.Equal(
            ["3 0 0"],
            await StatesStoredAsync(db, $"WHERE application_id IN ('{id}', '{own}', '{receipt.ApplicationId}')"));
    }

    [Fact]
    public async Task Migration_MovesEveryState_InlineAndUncompressed_ByteForByte()
    {
        await using var db = await TestDatabase.CreateAsync();
        var fixture = await PreviousCommitDatabase.RestoreAsync(db, PreviousCommitDatabase.Commit3193d9c);
        var before = await fixture.DigestsAsync(db, StateHome.OrleansStorage);
        // Orleans' storage kept them pglz-compressed (issue 12): a copied datum stays as it was stored.
        Assert.Equal(28, await db.ScalarAsync("SELECT count(*) FROM orleans_storage WHERE grain_type = 'application' AND pg_column_compression(payload) IS NOT NULL"));

        await SchemaMigrator.MigrateAsync(db.DataSource, NullLogger.Instance);

        Assert.Equal(before, await fixture.DigestsAsync(db, StateHome.ApplicationStore));
        // Inline (a 4-byte header and the bytes: not a TOAST pointer) and not compressed, as the
        // application store writes its states (toast_tuple_target), so that reading one costs no pglz.
        Assert.Equal(
            ["28 0 0"],
            await StatesStoredAsync(db, ""));
    }

    /// <summary>
    /// How the states of the applications <paramref name="where"/> selects are stored: "rows,
    /// compressed, not inline" (inline: a 4-byte header and the bytes, not a TOAST pointer).
    /// </summary>
    private static Task<List<string>> StatesStoredAsync(TestDatabase db, string where) => MigrationTests.RowsAsync(db, $"""
        SELECT count(*) || ' ' || count(*) FILTER (WHERE pg_column_compression(state) IS NOT NULL)
            || ' ' || count(*) FILTER (WHERE pg_column_size(state) <> octet_length(state) + 4)
        FROM exchange_applications {where}
        """);

    [Theory]
    [InlineData("UPDATE orleans_storage SET version = version + 1 WHERE grain_id_ext = (SELECT min(grain_id_ext) FROM orleans_storage WHERE grain_type = 'application')", "0 applications without a stored state, 1 whose state and listing versions differ")]
    [InlineData("DELETE FROM orleans_storage WHERE grain_id_ext = (SELECT min(grain_id_ext) FROM orleans_storage WHERE grain_type = 'application')", "1 applications without a stored state, 0 whose state and listing versions differ")]
    [InlineData("UPDATE orleans_storage SET payload = NULL WHERE grain_id_ext = (SELECT min(grain_id_ext) FROM orleans_storage WHERE grain_type = 'application')", "1 applications without a stored state, 0 whose state and listing versions differ")]
    [InlineData("DELETE FROM exchange_applications WHERE application_id = (SELECT application_id FROM exchange_applications ORDER BY application_id LIMIT 1)", "0 applications without a stored state, 0 whose state and listing versions differ, 1 states without a listing row")]
    public async Task Migration_OfAStateThatDisagreesWithItsListing_Stops_AndChangesNothing(string disagreement, string reported)
    {
        await using var db = await TestDatabase.CreateAsync();
        var fixture = await PreviousCommitDatabase.RestoreAsync(db, PreviousCommitDatabase.Commit3193d9c);
        Assert.Equal(1, await db.ScalarAsync($"WITH done AS ({disagreement} RETURNING 1) SELECT count(*) FROM done"));
        var before = await fixture.DigestsAsync(db, StateHome.OrleansStorage);
        var versions = await MigrationTests.RowsAsync(db, "SELECT version::text FROM exchange_schema_versions ORDER BY version");

        // The silo's start runs the migrator: it stops there, rather than guess which one is the record.
        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => SchemaMigrator.MigrateAsync(db.DataSource, NullLogger.Instance));
        Assert.Contains(reported, refused.MessageText, StringComparison.Ordinal);

        // Its transaction rolled back: no state column, every state still where it was, not recorded as run.
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM information_schema.columns WHERE table_name = 'exchange_applications' AND column_name = 'state'"));
        Assert.Equal(before, await fixture.DigestsAsync(db, StateHome.OrleansStorage));
        Assert.Equal(versions, await MigrationTests.RowsAsync(db, "SELECT version::text FROM exchange_schema_versions ORDER BY version"));
    }
}

/// <summary>Where the application grains' states are read from.</summary>
internal enum StateHome
{
    /// <summary>Orleans' ADO.NET grain storage, as every commit before the application store kept them.</summary>
    OrleansStorage,

    /// <summary>exchange_applications.state, beside the listing columns.</summary>
    ApplicationStore,
}

/// <summary>A Fixtures/*.sql dump restored into a database, with the keys its header names.</summary>
/// <param name="Tables">Every table whose rows are applications, events, keys or what they stand on: its key, and the row as compared.</param>
/// <param name="State">An application's state (bytea <c>state</c>) as compared before and after.</param>
internal sealed record PreviousCommitDatabase(
    string FileName,
    (string Table, string Key, string Row)[] Tables,
    string State,
    IReadOnlyDictionary<string, string> PlatformKeys,
    IReadOnlyDictionary<string, string> CourtKeys)
{
    private const string Whole = "to_jsonb(t)";

    // The listing columns; its state column (the application store's) is compared as a state.
    private const string Listing = "to_jsonb(t) - 'state'";

    /// <summary>
    /// Commit ff8d44f's: feed_position (dropped by migration 0002), xid (added by 0030: the
    /// migration's own transaction id for every event already stored, so that the relay moves
    /// them) and the chain's hashes (added by 0095) left out of the events, and a state compared as
    /// JSON without the two heads 0095 adds to it.
    /// </summary>
    public static readonly PreviousCommitDatabase Ff8d44f = new(
        "previous-commit-db.sql",
        TablesWith("to_jsonb(t) - 'feed_position' - 'xid' - 'previous_sha256' - 'event_sha256'"),
        "(convert_from(state, 'UTF8')::jsonb - 'chainHeadSha256' - 'firstEventSha256')::text",
        new Dictionary<string, string>(),
        new Dictionary<string, string>());

    /// <summary>
    /// Commit 3193d9c's: every column of every row, the states byte for byte (they are copied
    /// verbatim) — but the events' xid, which the silo's first start on a database restored into
    /// another PostgreSQL cluster rewrites to 0 or 1 (relayed or not: FeedRelay.ResetIfRestoredAsync).
    /// </summary>
    public static readonly PreviousCommitDatabase Commit3193d9c = new(
        "commit-3193d9c-db.sql",
        TablesWith("to_jsonb(t) - 'xid'", ("exchange_documents", "sha256", Whole), ("exchange_courts", "court_code", Whole)),
        "encode(state, 'hex')",
        new Dictionary<string, string>(),
        new Dictionary<string, string>());

    /// <summary>The tables every fixture has, its events compared as <paramref name="eventRow"/>, and <paramref name="more"/>.</summary>
    private static (string Table, string Key, string Row)[] TablesWith(string eventRow, params (string Table, string Key, string Row)[] more) =>
    [
        ("orleans_storage", "service_id, grain_type, grain_id_ext, grain_id_n0, grain_id_n1", Whole),
        ("exchange_applications", "application_id", Listing),
        ("exchange_events", "application_id, seq", eventRow),
        ("exchange_credentials", "key_hash", Whole),
        ("exchange_platforms", "platform_id", Whole),
        ("exchange_case_sequences", "court_code, case_type_code, case_year", Whole),
        ("exchange_attachment_contents", "sha256", Whole),
        ("exchange_admin_events", "event_id", Whole),
        ("exchange_admin_bootstrap", "singleton", Whole),
        .. more,
    ];

    /// <summary>Restores <paramref name="fixture"/>'s dump into <paramref name="db"/>; the keys of its header in the answer.</summary>
    public static async Task<PreviousCommitDatabase> RestoreAsync(TestDatabase db, PreviousCommitDatabase fixture)
    {
        var lines = await File.ReadAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture.FileName));
        Dictionary<string, string> KeysOf(string kind) => lines.Where(l => l.StartsWith($"-- key {kind} ", StringComparison.Ordinal))
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
        return fixture with { PlatformKeys = KeysOf("platform"), CourtKeys = KeysOf("court") };
    }

    /// <summary>
    /// One digest per table (every column of every row as <see cref="Tables"/> compares it, in key
    /// order; orleans_storage without its application rows) and one of the application states, by
    /// application id, read from <paramref name="home"/>.
    /// </summary>
    public async Task<List<string>> DigestsAsync(TestDatabase db, StateHome home)
    {
        var digests = new List<string>();
        foreach (var (table, key, row) in Tables)
        {
            var from = table == "orleans_storage" ? "(SELECT * FROM orleans_storage WHERE grain_type <> 'application')" : table;
            // Table, key and row are constants above, never input.
            digests.AddRange(await MigrationTests.RowsAsync(db,
                $"SELECT '{table} ' || count(*) || ' ' || coalesce(md5(string_agg(({row})::text, E'\\n' ORDER BY {key})), '') FROM {from} t"));
        }

        var states = home == StateHome.OrleansStorage
            ? "SELECT grain_id_ext AS id, payload AS state FROM orleans_storage WHERE grain_type = 'application'"
            : "SELECT application_id::text AS id, state FROM exchange_applications";
        digests.AddRange(await MigrationTests.RowsAsync(db,
            $"SELECT 'states ' || count(*) || ' ' || coalesce(md5(string_agg(id || ' ' || {State}, E'\\n' ORDER BY id)), '') FROM ({states}) t"));
        return digests;
    }
}

/// <summary>This build's silo and gateway started on a restored database, with the hub's clock set to when it was written.</summary>
internal sealed class PreviousCommitHub : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly string clockFile;
    private readonly List<HubProcess> processes = [];

    private PreviousCommitHub(string clockFile, DateTimeOffset now)
    {
        this.clockFile = clockFile;
        Now = now;
    }

    public int GatewayPort { get; private set; }

    /// <summary>The hub's clock at its start: a minute after the last event the database holds.</summary>
    public DateTimeOffset Now { get; }

    public static async Task<PreviousCommitHub> StartAsync(TestDatabase db)
    {
        // The hub's clock at the time the fixture was written, so that no deadline has passed since
        // (the deadline watcher would rightly add OVERDUE events).
        var clockFile = Path.Combine(Path.GetTempPath(), "exchange-clock-" + Guid.NewGuid().ToString("N"));
        var written = DateTimeOffset.Parse((await MigrationTests.RowsAsync(db,
            "SELECT to_char(max(occurred_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM exchange_events"))[0], CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(clockFile, (written.AddMinutes(1) - DateTimeOffset.UtcNow).TotalSeconds.ToString("R", CultureInfo.InvariantCulture));
        var hub = new PreviousCommitHub(clockFile, written.AddMinutes(1));
        try
        {
            var clusterId = "prev-" + Guid.NewGuid().ToString("N")[..8];
            hub.GatewayPort = HubProcess.FreePort();
            hub.processes.Add(await HubProcess.StartAsync("Exchange.Silo", new Dictionary<string, string>
            {
                ["ConnectionStrings__Exchange"] = db.ConnectionString,
                ["Exchange__ClusterId"] = clusterId,
                ["Exchange__SiloPort"] = HubProcess.FreePort().ToString(CultureInfo.InvariantCulture),
                ["Exchange__GatewayPort"] = HubProcess.FreePort().ToString(CultureInfo.InvariantCulture),
                ["Exchange__ClockFile"] = clockFile,
            }, "Exchange silo ready", StartTimeout));
            hub.processes.Add(await HubProcess.StartAsync("Exchange.Gateway", new Dictionary<string, string>
            {
                ["ConnectionStrings__Exchange"] = db.ConnectionString,
                ["Exchange__ClusterId"] = clusterId,
                ["Exchange__Port"] = hub.GatewayPort.ToString(CultureInfo.InvariantCulture),
                ["Exchange__ListenAddress"] = "127.0.0.1",
                ["Exchange__ClockFile"] = clockFile,
            }, "Exchange gateway ready", StartTimeout));
            return hub;
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every migration ran once, and the schema is the one a new database gets.</summary>
    public static async Task AssertSchemaIsANewDatabasesAsync(TestDatabase db)
    {
        Assert.Equal(
            SchemaMigrator.Migrations.Select(m => $"{m.Version} {m.Sha256}"),
            await MigrationTests.RowsAsync(db, "SELECT version || ' ' || sha256 FROM exchange_schema_versions ORDER BY version"));
        await using var fresh = await TestDatabase.CreateAsync();
        await SchemaMigrator.MigrateAsync(fresh.DataSource, NullLogger.Instance);
        Assert.Equal(await SchemaShape.OfAsync(fresh), await SchemaShape.OfAsync(db));
    }

    /// <summary>
    /// The hub serves every application of the database, as its platform: its status, version, case
    /// number and documents as stored (each document's bytes hashing to its SHA-256), and its whole
    /// history, the stored events, whose hash chain holds. Answers how many applications there are.
    /// </summary>
    public async Task<int> AssertEveryApplicationServedAsync(TestDatabase db, PreviousCommitDatabase fixture)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{GatewayPort}");
        var filing = new FilingService.FilingServiceClient(channel);
        var applications = await MigrationTests.RowsAsync(db, """
            SELECT concat_ws(' ', application_id, platform_id, status, version,
                coalesce('（' || case_year || '）' || court_code || case_type_code || case_sequence || '号', '-'))
            FROM exchange_applications ORDER BY application_id
            """);
        foreach (var row in applications)
        {
            var fields = row.Split(' ');
            var (id, platform, status, version, caseNumber) = (fields[0], fields[1], fields[2], long.Parse(fields[3], CultureInfo.InvariantCulture), fields[4]);
            var key = fixture.PlatformKeys[platform];
            var served = await Probe.UntilAsync(
                () => filing.GetApplicationAsync(new GetApplicationRequest { ApplicationId = id }, HubFixture.As(key, TimeSpan.FromSeconds(10))).ResponseAsync,
                _ => true, TimeSpan.FromSeconds(90));
            Assert.Equal(id, served.Receipt.ApplicationId);
            Assert.Equal(Names.Of(status), Names.Of(served.Status.ToString()));
            Assert.Equal(version, served.Version);
            Assert.Equal(caseNumber == "-" ? "" : caseNumber, served.CaseNumber);
            Assert.Equal(
                await MigrationTests.RowsAsync(db, $"SELECT encode(sha256, 'hex') || ' ' || size_bytes FROM exchange_documents WHERE application_id = '{id}' ORDER BY sha256"),
                served.Documents.Select(d => $"{d.Sha256} {d.SizeBytes}").Order(StringComparer.Ordinal));
            foreach (var document in served.Documents)
            {
                Assert.Equal(document.Sha256, Convert.ToHexStringLower(SHA256.HashData(await DownloadAsync(filing, key, id, document.Sha256))));
            }

            var history = await filing.GetHistoryAsync(new GetHistoryRequest { ApplicationId = id }, HubFixture.As(key));
            Assert.Equal(
                (await MigrationTests.RowsAsync(db, $"SELECT seq || ' ' || kind || ' ' || status_after FROM exchange_events WHERE application_id = '{id}' ORDER BY seq")).Select(Names.Of),
                history.Events.Select(e => Names.Of($"{e.Sequence} {e.Kind} {e.StatusAfter}")));
            var chain = Exchange.Client.HistoryChain.Verify(id, history.Events, (served.Version, served.ChainHeadSha256), (1, served.Receipt.ChainHeadSha256));
            Assert.True(chain.Intact, $"{id}: {chain.FirstBreak}");
            Assert.Equal((int)version, chain.Events);
        }

        return applications.Count;
    }

    /// <summary><paramref name="request"/> dated as a platform filing it at <paramref name="now"/> would date it.</summary>
    public static SubmitApplicationRequest Dated(SubmitApplicationRequest request, DateTimeOffset now)
    {
        var cst = now.ToOffset(TimeSpan.FromHours(8));
        var today = new Google.Type.Date { Year = cst.Year, Month = cst.Month, Day = cst.Day };
        var jc = request.JudicialConfirmation;
        jc.Mediation.StartDate = jc.Mediation.EndDate = jc.Agreement.SignedDate = today;
        jc.Agreement.EffectiveTime = Timestamp.FromDateTimeOffset(now.AddMinutes(-30));
        request.Consent.ConsentTime = Timestamp.FromDateTimeOffset(now.AddHours(-1));
        return request;
    }

    public async ValueTask DisposeAsync()
    {
        // The gateway first, then the silo.
        for (var i = processes.Count - 1; i >= 0; i--)
        {
            await processes[i].DisposeAsync();
        }

        File.Delete(clockFile);
    }

    private static async Task<byte[]> DownloadAsync(FilingService.FilingServiceClient filing, string key, string id, string sha256)
    {
        using var call = filing.GetDocument(new GetDocumentRequest { ApplicationId = id, Sha256 = sha256 }, HubFixture.As(key));
        using var bytes = new MemoryStream();
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            chunk.Data.WriteTo(bytes);
        }

        return bytes.ToArray();
    }

    private static class Names
    {
        // "UNDER_REVIEW", "UnderReview" (the stored JSON's and C#'s enum names) compare equal.
        public static string Of(string name) => name.Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();
    }
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
