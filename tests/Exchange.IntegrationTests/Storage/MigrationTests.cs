using Exchange.IntegrationTests.Infrastructure;
using Exchange.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Exchange.IntegrationTests.Storage;

/// <summary>The schema migrator against real databases: fresh, already migrated, racing, and the previous commit's.</summary>
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
        // migrator's own two): a start that touched any of them would wait for it.
        var tables = await RowsAsync(db,
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('exchange_schema_versions', 'orleansquery')");
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
    public async Task Migrate_DatabaseOfThePreviousCommit_IsAdoptedWithItsRows()
    {
        await using var db = await TestDatabase.CreateAsync();
        await PreviousSchema.CreateAsync(db);
        await using (var insert = db.DataSource.CreateCommand("""
            INSERT INTO exchange_events (application_id, seq, occurred_at, kind, actor_kind, actor_id, status_after)
            VALUES ('0193b0a4-0000-7000-8000-000000000001', 1, '2026-12-01T08:00:00Z', 'SUBMITTED', 'platform', 'p', 'RECEIVED')
            """))
        {
            await insert.ExecuteNonQueryAsync();
        }

        var report = await SchemaMigrator.MigrateAsync(db.DataSource, NullLogger.Instance);

        Assert.Equal(SchemaMigrator.Migrations.Select(m => m.Name), report.Applied.Select(m => m.Name));
        Assert.Equal(
            ["0193b0a4-0000-7000-8000-000000000001 1 2026-12-01 08:00:00+00 SUBMITTED platform p RECEIVED"],
            await RowsAsync(db, """
                SELECT application_id || ' ' || seq || ' ' || (occurred_at AT TIME ZONE 'UTC') || '+00 ' || kind || ' ' || actor_kind || ' ' || actor_id || ' ' || status_after
                FROM exchange_events
                """));
        Assert.Equal(0, await db.ScalarAsync(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'exchange_events' AND column_name = 'feed_position'"));
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

/// <summary>The schema as the last commit before versioned migrations created it (Fixtures/previous-schema.sql).</summary>
internal static class PreviousSchema
{
    public static async Task CreateAsync(TestDatabase db)
    {
        var script = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "previous-schema.sql"));
        await using var command = db.DataSource.CreateCommand(script);
        await command.ExecuteNonQueryAsync();
    }
}
