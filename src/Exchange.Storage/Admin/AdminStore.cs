using System.Security.Cryptography;
using Npgsql;

namespace Exchange.Storage.Admin;

/// <summary>
/// The admin service's storage: changes in one transaction each, with their audit events and
/// their AIP-155 request record; and the listings of platforms and keys.
/// </summary>
public sealed class AdminStore(NpgsqlDataSource dataSource)
{
    internal const string CredentialColumns = "key_prefix, principal_kind, principal_id, display_name, created_at, revoked_at";

    /// <summary>
    /// Runs <paramref name="change"/> in one transaction and commits it with its answer (the bytes
    /// the caller returns). With a request id: when that id already answered, returns the stored
    /// answer and runs nothing; a concurrent call with the same id waits for the first to commit
    /// (its claim on the id is a row insert) and then gets that answer. A refused change stores
    /// nothing, so a retry is judged anew.
    /// </summary>
    /// <param name="fingerprint">Identifies the request without its id (e.g. a hash of it), so that a reused id is told apart from a retry.</param>
    /// <exception cref="AdminStoreException">RequestIdReused, or what the change refused.</exception>
    public async Task<byte[]> ChangeAsync(
        AdminActor actor, string? requestId, string method, byte[] fingerprint, Func<AdminChange, CancellationToken, Task<byte[]>> change,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var requestHash = requestId is null ? null : AdminRequests.Hash(requestId);
        if (requestHash is not null)
        {
            await using var claim = new NpgsqlCommand(
                "INSERT INTO exchange_admin_requests (request_hash, method, fingerprint, answer) VALUES ($1, $2, $3, '') ON CONFLICT (request_hash) DO NOTHING",
                connection, transaction);
            claim.Parameters.Add(new NpgsqlParameter { Value = requestHash });
            claim.Parameters.Add(new NpgsqlParameter { Value = method });
            claim.Parameters.Add(new NpgsqlParameter { Value = fingerprint });
            if (await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return await ReplayAsync(connection, transaction, requestId!, requestHash, method, fingerprint, cancellationToken).ConfigureAwait(false);
            }
        }

        var answer = await change(new AdminChange(connection, transaction, actor), cancellationToken).ConfigureAwait(false);
        if (requestHash is not null)
        {
            await using var record = new NpgsqlCommand("UPDATE exchange_admin_requests SET answer = $2 WHERE request_hash = $1", connection, transaction);
            record.Parameters.Add(new NpgsqlParameter { Value = requestHash });
            record.Parameters.Add(new NpgsqlParameter { Value = AdminRequests.Seal(requestId!, answer) });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return answer;
    }

    /// <summary>Platforms by id after <paramref name="afterId"/> (exclusive), at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<PlatformInfo>> ListPlatformsAsync(string? afterId, bool includeRevoked, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT platform_id, display_name, created_at, revoked_at FROM exchange_platforms
            WHERE ($1::text IS NULL OR platform_id COLLATE "C" > $1) AND ($2 OR revoked_at IS NULL)
            ORDER BY platform_id COLLATE "C" LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = includeRevoked });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var platforms = new List<PlatformInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            platforms.Add(new PlatformInfo(reader.GetString(0), reader.GetString(1), AdminChange.ToOffset(reader.GetDateTime(2)),
                reader.IsDBNull(3) ? null : AdminChange.ToOffset(reader.GetDateTime(3))));
        }

        return platforms;
    }

    /// <summary>
    /// Keys newest first (created, then prefix), strictly after the position
    /// <paramref name="after"/>, at most <paramref name="limit"/>.
    /// </summary>
    public async Task<IReadOnlyList<CredentialInfo>> ListKeysAsync(
        CredentialKind? kind, string? principalId, bool includeRevoked, (DateTimeOffset CreatedAt, string KeyPrefix)? after, int limit,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT {CredentialColumns} FROM exchange_credentials
            WHERE ($1::text IS NULL OR principal_kind = $1) AND ($2::text IS NULL OR principal_id = $2) AND ($3 OR revoked_at IS NULL)
              AND ($4::timestamptz IS NULL OR (created_at, key_prefix COLLATE "C") < ($4, $5::text COLLATE "C"))
            ORDER BY created_at DESC, key_prefix COLLATE "C" DESC LIMIT $6
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = kind is { } k ? CredentialKinds.ToColumn(k) : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)principalId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = includeRevoked });
        command.Parameters.Add(new NpgsqlParameter { Value = after is { } a ? a.CreatedAt.UtcDateTime : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after?.KeyPrefix ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var keys = new List<CredentialInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(ReadCredential(reader));
        }

        return keys;
    }

    internal static CredentialInfo ReadCredential(NpgsqlDataReader reader) => new(
        reader.GetString(0), CredentialKinds.FromColumn(reader.GetString(1)), reader.GetString(2), reader.GetString(3),
        AdminChange.ToOffset(reader.GetDateTime(4)), reader.IsDBNull(5) ? null : AdminChange.ToOffset(reader.GetDateTime(5)));

    private static async Task<byte[]> ReplayAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string requestId, byte[] requestHash, string method, byte[] fingerprint,
        CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand("SELECT method, fingerprint, answer FROM exchange_admin_requests WHERE request_hash = $1", connection, transaction);
        select.Parameters.Add(new NpgsqlParameter { Value = requestHash });
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (reader.GetString(0) != method || !CryptographicOperations.FixedTimeEquals(reader.GetFieldValue<byte[]>(1), fingerprint))
        {
            throw new AdminStoreException(AdminRefusal.RequestIdReused, $"request_id {requestId} was used for another request ({reader.GetString(0)})");
        }

        return AdminRequests.Open(requestId, reader.GetFieldValue<byte[]>(2));
    }
}
