using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Exchange.Storage;

/// <summary>One schema migration: an embedded <c>Migrations/NNNN-name.sql</c>.</summary>
/// <param name="Version">NNNN: migrations run in this order, each once.</param>
/// <param name="Name">The file name without its extension, e.g. <c>0002-drop-feed-position</c>.</param>
/// <param name="Sql">The script, run as one command in a transaction of its own.</param>
public sealed record Migration(int Version, string Name, string Sql)
{
    /// <summary>The script's SHA-256 (hex), recorded when it runs: an edited migration is logged at start.</summary>
    public string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));
}

/// <summary>What a start of the migrator did.</summary>
/// <param name="Applied">The migrations run by this start, in order (empty when none was pending).</param>
/// <param name="QueriesWritten">The provider queries whose stored text differed and was replaced.</param>
public sealed record MigrationReport(IReadOnlyList<Migration> Applied, IReadOnlyList<string> QueriesWritten);

/// <summary>
/// Brings the hub's database to the schema this build expects, at silo start: runs every pending
/// migration (embedded <c>Migrations/NNNN-name.sql</c>, in the order of NNNN, each once, each in a
/// transaction of its own with its row in <c>exchange_schema_versions</c>), then writes the Orleans
/// provider queries (<c>OrleansQueries/&lt;QueryKey&gt;.sql</c>) whose stored text differs.
/// </summary>
/// <remarks>
/// Silos starting together are serialised by a session-level PostgreSQL advisory lock: the second
/// waits, then finds nothing pending. A start with nothing pending reads the version table and
/// <c>OrleansQuery</c> and writes nothing, so it takes no lock on a table that serves applications
/// (the schema script it replaces re-ran <c>ALTER TABLE … ADD COLUMN IF NOT EXISTS</c>, which takes
/// <c>ACCESS EXCLUSIVE</c> on <c>exchange_applications</c>, at every start). Why our own runner and
/// not a migration library: docs/ARCHITECTURE.md, "Schema".
/// </remarks>
public static partial class SchemaMigrator
{
    // An arbitrary constant shared by every Exchange silo: the advisory lock's key ("Exchange").
    private const long AdvisoryLockKey = 0x45786368616E6765;

    private const string MigrationsFolder = ".Migrations.";
    private const string QueriesFolder = ".OrleansQueries.";

    /// <summary>Every embedded migration, in the order they run.</summary>
    public static IReadOnlyList<Migration> Migrations { get; } = LoadMigrations();

    /// <summary>Every Orleans provider query, by its key, compacted as stored (<see cref="SqlText.Compact"/>).</summary>
    public static IReadOnlyDictionary<string, string> OrleansQueries { get; } = LoadQueries();

    public static async Task<MigrationReport> MigrateAsync(NpgsqlDataSource dataSource, ILogger logger, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken).ConfigureAwait(false);
        try
        {
            var applied = await ApplyPendingAsync(connection, logger, cancellationToken).ConfigureAwait(false);
            var written = await WriteChangedQueriesAsync(connection, cancellationToken).ConfigureAwait(false);
            // Under the lock, so before any silo of the cluster serves: a database restored into
            // another cluster gets its feed cursor restarted before new events are written.
            if (await Feed.FeedRelay.ResetIfRestoredAsync(connection, cancellationToken).ConfigureAwait(false))
            {
                LogRestored(logger);
            }

            LogReady(logger, Migrations[^1].Version, applied.Count, written.Count);
            return new MigrationReport(applied, written);
        }
        finally
        {
            // Also released when the connection closes; unlocked here so that a pooled connection
            // does not carry it on.
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task<List<Migration>> ApplyPendingAsync(NpgsqlConnection connection, ILogger logger, CancellationToken cancellationToken)
    {
        // A table no request touches: creating it locks nothing the hub serves from. Looked up
        // first, so that a start with nothing pending runs no DDL at all.
        bool versionTableExists;
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('exchange_schema_versions') IS NOT NULL", connection))
        {
            versionTableExists = (bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        if (!versionTableExists)
        {
            await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS exchange_schema_versions (
                version    int         PRIMARY KEY,
                name       text        NOT NULL,
                sha256     text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, cancellationToken).ConfigureAwait(false);
        }

        var recorded = new Dictionary<int, (string Name, string Sha256)>();
        await using (var read = new NpgsqlCommand("SELECT version, name, sha256 FROM exchange_schema_versions", connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                recorded[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
            }
        }

        foreach (var (version, (name, sha256)) in recorded)
        {
            var known = Migrations.FirstOrDefault(m => m.Version == version);
            if (known is null)
            {
                // A newer build migrated this database (a rolling upgrade in progress): its
                // migrations only add, so this build goes on with the schema it knows.
                LogUnknownVersion(logger, version, name);
            }
            else if (known.Sha256 != sha256)
            {
                LogEditedMigration(logger, known.Name);
            }
        }

        var applied = new List<Migration>();
        foreach (var migration in Migrations.Where(m => !recorded.ContainsKey(m.Version)))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var run = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                await run.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var record = new NpgsqlCommand(
                "INSERT INTO exchange_schema_versions (version, name, sha256) VALUES ($1, $2, $3)", connection, transaction))
            {
                record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
                record.Parameters.Add(new NpgsqlParameter { Value = migration.Name });
                record.Parameters.Add(new NpgsqlParameter { Value = migration.Sha256 });
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            LogApplied(logger, migration.Name);
            applied.Add(migration);
        }

        return applied;
    }

    private static async Task<List<string>> WriteChangedQueriesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var read = new NpgsqlCommand("SELECT QueryKey, QueryText FROM OrleansQuery", connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                stored[reader.GetString(0)] = reader.GetString(1);
            }
        }

        var changed = OrleansQueries.Where(q => !stored.TryGetValue(q.Key, out var text) || text != q.Value).ToList();
        if (changed.Count == 0)
        {
            return [];
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (key, text) in changed)
        {
            await using var write = new NpgsqlCommand(
                "INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ($1, $2) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText",
                connection, transaction);
            write.Parameters.Add(new NpgsqlParameter { Value = key });
            write.Parameters.Add(new NpgsqlParameter { Value = text });
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return [.. changed.Select(c => c.Key)];
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static List<Migration> LoadMigrations()
    {
        var migrations = new List<Migration>();
        foreach (var resource in Resources(MigrationsFolder))
        {
            // "<namespace>.Migrations.0002-drop-feed-position.sql" → "0002-drop-feed-position".
            var name = resource[(resource.IndexOf(MigrationsFolder, StringComparison.Ordinal) + MigrationsFolder.Length)..^".sql".Length];
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash != 4 || !int.TryParse(name.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"migration {name}: the name must be NNNN-name.sql");
            }

            migrations.Add(new Migration(version, name, Read(resource)));
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"two migrations number {duplicate.Key:D4}: {string.Join(", ", duplicate.Select(m => m.Name))}");
        }

        return [.. migrations.OrderBy(m => m.Version)];
    }

    private static Dictionary<string, string> LoadQueries() =>
        Resources(QueriesFolder).ToDictionary(
            // Resource names end in ".<QueryKey>.sql".
            resource => resource.Split('.')[^2],
            resource => SqlText.Compact(Read(resource)),
            StringComparer.Ordinal);

    private static IEnumerable<string> Resources(string folder) =>
        typeof(SchemaMigrator).Assembly.GetManifestResourceNames().Where(n => n.Contains(folder, StringComparison.Ordinal));

    private static string Read(string resource)
    {
        using var stream = typeof(SchemaMigrator).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"missing embedded resource {resource}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema at version {Version}: {Applied} migration(s) applied now, {Queries} provider queries rewritten")]
    private static partial void LogReady(ILogger logger, int version, int applied, int queries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database was written in another PostgreSQL cluster (restored from a dump?): the change feed's cursor was moved past the events relayed there, and resume tokens handed out before are expired")]
    private static partial void LogRestored(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Migration {Name} applied")]
    private static partial void LogApplied(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database has migration {Version} ({Name}), which this build does not know (a newer build migrated it)")]
    private static partial void LogUnknownVersion(ILogger logger, int version, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Migration {Name} differs from the text that was applied: a migration is never edited once it has run; write a new one")]
    private static partial void LogEditedMigration(ILogger logger, string name);
}
