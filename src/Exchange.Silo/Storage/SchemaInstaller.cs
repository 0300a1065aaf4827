using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Exchange.Silo.Storage;

/// <summary>
/// Creates the schema and (re)writes the Orleans provider queries at silo start. Idempotent, and
/// serialised by a PostgreSQL advisory lock so that silos starting together do not race.
/// </summary>
public static partial class SchemaInstaller
{
    // An arbitrary constant shared by every Exchange silo: the advisory lock's key.
    private const long AdvisoryLockKey = 0x45786368616E6765; // "Exchange"

    public static async Task InstallAsync(NpgsqlDataSource dataSource, ILogger logger, CancellationToken cancellationToken = default)
    {
        var assembly = typeof(SchemaInstaller).Assembly;
        var resources = assembly.GetManifestResourceNames();
        var tableScripts = resources.Where(n => n.Contains(".Schema.", StringComparison.Ordinal) && !n.Contains(".Queries.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        var queries = resources.Where(n => n.Contains(".Schema.Queries.", StringComparison.Ordinal)).ToList();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLockKey})", connection))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            foreach (var script in tableScripts)
            {
                await using var command = new NpgsqlCommand(Read(assembly, script), connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // Interim, until Exchange.Storage's migration runner: its migrations (idempotent) after the tables.
            var storage = typeof(Exchange.Storage.Admin.ApiKeys).Assembly;
            foreach (var migration in storage.GetManifestResourceNames().Where(n => n.Contains(".Migrations.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                await using var command = new NpgsqlCommand(Read(storage, migration), connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var query in queries)
            {
                // Resource names end in ".<QueryKey>.sql".
                var parts = query.Split('.');
                var key = parts[^2];
                await using var command = new NpgsqlCommand(
                    "INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ($1, $2) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText",
                    connection, transaction);
                command.Parameters.Add(new NpgsqlParameter { Value = key });
                command.Parameters.Add(new NpgsqlParameter { Value = SqlText.Compact(Read(assembly, query)) });
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            LogInstalled(logger, tableScripts.Count, queries.Count);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLockKey})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"missing embedded schema resource {resource}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema ready: {Scripts} table script(s), {Queries} provider queries")]
    private static partial void LogInstalled(ILogger logger, int scripts, int queries);
}
