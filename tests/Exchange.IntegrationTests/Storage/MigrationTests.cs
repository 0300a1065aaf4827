using Exchange.IntegrationTests.Infrastructure;
using Exchange.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Exchange.IntegrationTests.Storage;

/// <summary>The schema migrator against real databases: fresh, already migrated, racing (the previous commit's: PreviousCommitDatabaseTests).</summary>
public sealed class MigrationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Migrate_EmptyDatabase_RecordsEveryMigrationOnceInOrder()
    {
        await using var db = await TestDatabase.CreateAsync();

        var report = await SchemaMigrator.MigrateAsync(db.DataSource, NullLogger.Instance);

        Assert.Equal(SchemaMigrator.Migrations.Select(m => m.Name), report.Applied.Select(m => m.Name));
        Assert.Equal(
            SchemaMigrator.Migrations.Select(m => $"{m.Version} {m.Name} {m.Sha256}"),
            await RowsAsync(db, "SELECT version || ' ' || name || ' ' || sha256 FROM exchange_schema_versions ORDER BY applied_at, version"));
        Assert.Equal(
            SchemaMigrator.OrleansQueries.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => q.Key + " " + q.Value),
            await RowsAsync(db, "SELECT QueryKey || ' ' || QueryText FROM OrleansQuery ORDER BY QueryKey COLLATE \"C\""));
        // 0002: the dead feed position is gone.
        Assert.Equal(0, await db.ScalarAsync(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'exchange_events' AND column_name = 'feed_position'"));
    }

    [Fact]
    public async Task Migrate_NothingPending_TakesNoLockOnTheHubsTables()
    {
        await using var db = await TestDatabase.CreateAsync();
        await SchemaMigrator.MigrateAsync(db.DataSource, NullLogger.Instance);

        // Another session holds the strongest lock on every table the hub serves from (all but the
        // migrator's own three): a start that touched any of them would wait for it.
        var tables = await RowsAsync(db,
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('exchange_schema_versions', 'exchange_schema_cluster', 'orleansquery')");
        Assert.Contains("exchange_applications", tables);
        await using var holder = await db.DataSource.OpenConnectionAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var lockAll = new NpgsqlCommand($"LOCK TABLE {string.Join(", ", tables)} IN ACCESS EXCLUSIVE MODE", holder, transaction))
        {
            await lockAll.ExecuteNonQueryAsync();
        }

        using var patience = new CancellationTokenSource(Patience);
        var report = await SchemaMigrator.MigrateAsync(db.DataSource, NullLogger.Instance, patience.Token);

        Assert.Empty(report.Applied);
        Assert.Empty(report.QueriesWritten);
    }

    [Fact]
    public async Task Migrate_SilosStartingTogether_RunEachMigrationOnce()
    {
        await using var db = await TestDatabase.CreateAsync();

        var reports = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => SchemaMigrator.MigrateAsync(db.DataSource, NullLogger.Instance))));

        Assert.Equal(
            SchemaMigrator.Migrations.Select(m => m.Name),
            reports.SelectMany(r => r.Applied).Select(m => m.Name).Order(StringComparer.Ordinal));
        Assert.Equal(SchemaMigrator.Migrations.Count, await db.ScalarAsync("SELECT count(*) FROM exchange_schema_versions"));
    }

    [Fact]
    public async Task SecondSiloStart_NothingPending_RunsNoDdlAndWritesNothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Exchange"] = db.ConnectionString,
            ["Exchange__ClusterId"] = "mig-" + Guid.NewGuid().ToString("N")[..8],
            ["Exchange__SiloPort"] = HubProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Exchange__GatewayPort"] = HubProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Exchange.Schema"] = "Information",
        };
        await (await HubProcess.StartAsync("Exchange.Silo", environment, "Exchange silo ready", Patience * 4)).DisposeAsync();

        // Every DDL statement from here on, whoever runs it, is logged (an event trigger fires even
        // for a CREATE … IF NOT EXISTS that finds its object).
        await using (var watch = db.DataSource.CreateCommand("""
            CREATE TABLE ddl_seen (tag text NOT NULL);
            CREATE FUNCTION ddl_seen_log() RETURNS event_trigger LANGUAGE plpgsql AS
                'BEGIN INSERT INTO ddl_seen VALUES (tg_tag); END';
            CREATE EVENT TRIGGER ddl_seen_trigger ON ddl_command_start EXECUTE FUNCTION ddl_seen_log();
            """))
        {
            await watch.ExecuteNonQueryAsync();
        }

        var versions = await RowsAsync(db, "SELECT version || ' ' || sha256 || ' ' || applied_at FROM exchange_schema_versions ORDER BY version");
        var queries = await RowsAsync(db, "SELECT md5(string_agg(QueryKey || QueryText, '' ORDER BY QueryKey)) FROM OrleansQuery");
        Assert.Equal(SchemaMigrator.Migrations.Count, versions.Count);

        await using (var second = await HubProcess.StartAsync("Exchange.Silo", environment, "Exchange silo ready", Patience * 4))
        {
            Assert.Contains("0 migration(s) applied now, 0 provider queries rewritten", second.Output, StringComparison.Ordinal);
        }

        Assert.Empty(await RowsAsync(db, "SELECT tag FROM ddl_seen"));
        Assert.Equal(versions, await RowsAsync(db, "SELECT version || ' ' || sha256 || ' ' || applied_at FROM exchange_schema_versions ORDER BY version"));
        Assert.Equal(queries, await RowsAsync(db, "SELECT md5(string_agg(QueryKey || QueryText, '' ORDER BY QueryKey)) FROM OrleansQuery"));
    }

    internal static async Task<List<string>> RowsAsync(TestDatabase db, string sql)
    {
        var rows = new List<string>();
        await using var command = db.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
