using Npgsql;
using NpgsqlTypes;

namespace Exchange.Peer;

/// <summary>An application as the peer stores it: the listing columns and the request as received.</summary>
public sealed record StoredApplication(
    Guid ApplicationId, string PlatformId, string PlatformCaseId, short Type, string CourtCode, short Status, long Version,
    DateTime ReceivedTime, DateTime UpdateTime, byte[] PayloadSha256, byte[] Request);

/// <summary>
/// The peer's PostgreSQL side: its own schema "peer" (never the hub's tables), created at start.
/// One row per application (listing columns, the request's bytes, the idempotency key as a unique
/// constraint) and one event row per change, as a team without a state store would lay it out.
/// Every statement is prepared on its connection (<see cref="NpgsqlBatch.PrepareAsync"/> is a
/// lookup once the connection has it) and takes typed positional parameters.
/// </summary>
public sealed class PeerStore(NpgsqlDataSource dataSource)
{
    private const string Schema = """
        CREATE SCHEMA IF NOT EXISTS peer;
        CREATE TABLE IF NOT EXISTS peer.api_keys (
          key_sha256 bytea PRIMARY KEY,
          platform_id text NOT NULL);
        CREATE TABLE IF NOT EXISTS peer.applications (
          application_id uuid PRIMARY KEY,
          platform_id text NOT NULL,
          platform_case_id text NOT NULL,
          type smallint NOT NULL,
          court_code text NOT NULL,
          status smallint NOT NULL,
          version bigint NOT NULL,
          received_time timestamptz NOT NULL,
          update_time timestamptz NOT NULL,
          payload_sha256 bytea NOT NULL,
          request bytea NOT NULL,
          UNIQUE (platform_id, platform_case_id, type));
        -- A platform lists its own applications newest first.
        CREATE INDEX IF NOT EXISTS applications_listing ON peer.applications (platform_id, received_time DESC, application_id DESC);
        CREATE TABLE IF NOT EXISTS peer.events (
          application_id uuid NOT NULL,
          sequence bigint NOT NULL,
          status smallint NOT NULL,
          occurred_time timestamptz NOT NULL,
          PRIMARY KEY (application_id, sequence));
        """;

    // ON CONFLICT on the idempotency key inserts nothing (RecordsAffected 0); the event is then
    // not written either, since no row has the fresh id. Both in one batch: one round trip, one
    // implicit transaction, one commit.
    private const string InsertApplication = """
        INSERT INTO peer.applications (application_id, platform_id, platform_case_id, type, court_code, status, version,
                                       received_time, update_time, payload_sha256, request)
        VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7, $8, $9)
        ON CONFLICT (platform_id, platform_case_id, type) DO NOTHING
        """;

    private const string InsertFirstEvent = """
        INSERT INTO peer.events (application_id, sequence, status, occurred_time)
        SELECT application_id, 1, status, received_time FROM peer.applications WHERE application_id = $1
        """;

    private const string Columns =
        "application_id, platform_id, platform_case_id, type, court_code, status, version, received_time, update_time, payload_sha256, request";

    private const string SelectById = $"SELECT {Columns} FROM peer.applications WHERE application_id = $1";

    private const string SelectByKey = $"SELECT {Columns} FROM peer.applications WHERE platform_id = $1 AND platform_case_id = $2 AND type = $3";

    private const string SelectKey = "SELECT platform_id FROM peer.api_keys WHERE key_sha256 = $1";

    /// <summary>Creates the schema when it is missing.</summary>
    public async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Schema);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Registers platforms' keys by their SHA-256 (the key itself is not stored).</summary>
    public async Task RegisterKeysAsync(IEnumerable<(string PlatformId, byte[] KeySha256)> keys, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var (platformId, hash) in keys)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "INSERT INTO peer.api_keys (key_sha256, platform_id) VALUES ($1, $2) ON CONFLICT (key_sha256) DO UPDATE SET platform_id = EXCLUDED.platform_id")
            {
                Parameters = { new NpgsqlParameter<byte[]> { TypedValue = hash }, new NpgsqlParameter<string> { TypedValue = platformId } },
            });
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The platform a key's hash belongs to, or null.</summary>
    public async Task<string?> FindPlatformAsync(byte[] keySha256, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(SelectKey, connection)
        {
            Parameters = { new NpgsqlParameter<byte[]> { NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = keySha256 } },
        };
        await command.PrepareAsync(cancellationToken);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>
    /// Stores a new application and its first event, or, when the platform already used the
    /// idempotency key, stores nothing and returns the existing application.
    /// </summary>
    /// <returns>Whether it was inserted, and the stored application (the new one or the existing one).</returns>
    public async Task<(bool Created, StoredApplication Stored)> InsertAsync(StoredApplication application, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(InsertApplication)
                {
                    Parameters =
                    {
                        new NpgsqlParameter<Guid> { NpgsqlDbType = NpgsqlDbType.Uuid, TypedValue = application.ApplicationId },
                        new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = application.PlatformId },
                        new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = application.PlatformCaseId },
                        new NpgsqlParameter<short> { NpgsqlDbType = NpgsqlDbType.Smallint, TypedValue = application.Type },
                        new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = application.CourtCode },
                        new NpgsqlParameter<short> { NpgsqlDbType = NpgsqlDbType.Smallint, TypedValue = application.Status },
                        new NpgsqlParameter<DateTime> { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = application.ReceivedTime },
                        new NpgsqlParameter<byte[]> { NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = application.PayloadSha256 },
                        new NpgsqlParameter<byte[]> { NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = application.Request },
                    },
                },
                new NpgsqlBatchCommand(InsertFirstEvent)
                {
                    Parameters = { new NpgsqlParameter<Guid> { NpgsqlDbType = NpgsqlDbType.Uuid, TypedValue = application.ApplicationId } },
                },
            },
        };
        await batch.PrepareAsync(cancellationToken);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        if (batch.BatchCommands[0].RecordsAffected == 1)
        {
            return (true, application);
        }

        // Taken: ON CONFLICT waited for the holder of the key to commit, so a new statement sees it.
        await using var select = new NpgsqlCommand(SelectByKey, connection)
        {
            Parameters =
            {
                new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = application.PlatformId },
                new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = application.PlatformCaseId },
                new NpgsqlParameter<short> { NpgsqlDbType = NpgsqlDbType.Smallint, TypedValue = application.Type },
            },
        };
        await select.PrepareAsync(cancellationToken);
        return (false, await ReadOneAsync(select, cancellationToken)
            ?? throw new InvalidOperationException("The idempotency key was taken but its application cannot be read."));
    }

    /// <summary>The application with this id, or null.</summary>
    public async Task<StoredApplication?> FindAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(SelectById, connection)
        {
            Parameters = { new NpgsqlParameter<Guid> { NpgsqlDbType = NpgsqlDbType.Uuid, TypedValue = applicationId } },
        };
        await command.PrepareAsync(cancellationToken);
        return await ReadOneAsync(command, cancellationToken);
    }

    private static async Task<StoredApplication?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SingleRow, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredApplication(
            reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt16(3), reader.GetString(4), reader.GetInt16(5),
            reader.GetInt64(6), reader.GetFieldValue<DateTime>(7), reader.GetFieldValue<DateTime>(8),
            reader.GetFieldValue<byte[]>(9), reader.GetFieldValue<byte[]>(10));
    }
}
