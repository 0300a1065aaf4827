using System.Security.Cryptography;
using Npgsql;

namespace Exchange.Storage.Callbacks;

public enum CallbackState : short
{
    Active = 1,
    Paused = 2,
}

/// <summary>A platform's callback endpoint and where its deliveries stand (exchange_callback_endpoints).</summary>
/// <param name="DeliveredPosition">The feed position of the last update delivered.</param>
/// <param name="Attempts">Failed attempts of the update after <paramref name="DeliveredPosition"/>.</param>
public sealed record CallbackEndpointRow(
    string PlatformId,
    string Url,
    string Secret,
    DateTimeOffset SecretCreatedAt,
    string? PreviousSecret,
    DateTimeOffset? PreviousSecretValidUntil,
    long DeliveredPosition,
    CallbackState State,
    DateTimeOffset? FailingSince,
    DateTimeOffset NextAttemptAt,
    int Attempts,
    string? LastError)
{
    /// <summary>The secrets that sign a request sent at <paramref name="now"/>: the current one, and the previous one during its grace period.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTimeOffset now) =>
        PreviousSecret is { } previous && PreviousSecretValidUntil > now ? [Secret, previous] : [Secret];
}

/// <summary>What SetCallbackEndpoint did: the endpoint, and whether it was created (its secret is then shown).</summary>
public sealed record CallbackEndpointSet(CallbackEndpointRow Endpoint, bool Created);

/// <summary>One delivery attempt (exchange_callback_deliveries).</summary>
public sealed record CallbackDelivery(
    long DeliveryId,
    string PlatformId,
    string EventId,
    Guid? ApplicationId,
    int Attempt,
    DateTimeOffset AttemptedAt,
    bool Delivered,
    int HttpStatus,
    string? Error,
    int DurationMs,
    string Url);

/// <summary>
/// The callback endpoints and the delivery log: the only code that reads or writes their tables.
/// The secrets are stored as given (an HMAC key must be read back to sign); never log them.
/// </summary>
public sealed class CallbackStore(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "platform_id, url, secret, secret_created_at, previous_secret, previous_secret_valid_until, delivered_position, " +
        "state, failing_since, next_attempt_at, attempts, last_error";

    /// <summary>A new signing secret: 32 random bytes, base64url (the key is its text, see updates.proto).</summary>
    public static string NewSecret() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public async Task<CallbackEndpointRow?> GetAsync(string platformId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM exchange_callback_endpoints WHERE platform_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = platformId });
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The platforms whose endpoint is active (the deliverer's work list).</summary>
    public async Task<IReadOnlyList<string>> ActivePlatformsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT platform_id FROM exchange_callback_endpoints WHERE state = 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var platforms = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            platforms.Add(reader.GetString(0));
        }

        return platforms;
    }

    /// <summary>
    /// Creates the endpoint (with <paramref name="newSecret"/>, delivering after
    /// <paramref name="startAfter"/>) or changes its URL and resumes it (keeping its secret and
    /// position: the next attempt is due at once). One statement, so two first calls at once
    /// make one endpoint with one secret.
    /// </summary>
    public async Task<CallbackEndpointSet> SetAsync(string platformId, string url, string newSecret, long startAfter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO exchange_callback_endpoints AS c (platform_id, url, secret, secret_created_at, delivered_position, next_attempt_at, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $4, $4, $4)
            ON CONFLICT (platform_id) DO UPDATE
               SET url = EXCLUDED.url, state = 1, failing_since = NULL, attempts = 0, last_error = NULL,
                   next_attempt_at = EXCLUDED.next_attempt_at, updated_at = EXCLUDED.updated_at
            RETURNING {Columns}, (xmax = 0) AS created
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = platformId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = url });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = newSecret });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = startAfter });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new CallbackEndpointSet(Read(reader), reader.GetBoolean(12));
    }

    /// <summary>
    /// Replaces the secret; the one it replaces signs too until <paramref name="previousValidUntil"/>
    /// (a secret older than that is dropped). Null when the platform has no endpoint.
    /// </summary>
    public async Task<CallbackEndpointRow?> RotateSecretAsync(string platformId, string newSecret, DateTimeOffset now, DateTimeOffset previousValidUntil, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE exchange_callback_endpoints
               SET previous_secret = secret, previous_secret_valid_until = $4, secret = $2, secret_created_at = $3, updated_at = $3
             WHERE platform_id = $1
            RETURNING {Columns}
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = platformId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = newSecret });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = previousValidUntil });
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets the endpoint (its secret and position; the delivery log stays). Null when there was none.</summary>
    public async Task<CallbackEndpointRow?> DeleteAsync(string platformId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"DELETE FROM exchange_callback_endpoints WHERE platform_id = $1 RETURNING {Columns}");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = platformId });
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records a delivered update: the cursor moves to <paramref name="position"/> — only if it
    /// was still at <paramref name="expectedPosition"/> (a deliverer that lost its lock, or an
    /// endpoint deleted meanwhile, moves nothing). Returns whether it moved.
    /// </summary>
    public async Task<bool> MarkDeliveredAsync(string platformId, long expectedPosition, long position, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE exchange_callback_endpoints
               SET delivered_position = $3, attempts = 0, failing_since = NULL, last_error = NULL, next_attempt_at = $4, updated_at = $4
             WHERE platform_id = $1 AND delivered_position = $2
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = platformId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expectedPosition });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Records a failed attempt of the update after <paramref name="expectedPosition"/> and when
    /// the next is due. Returns since when the endpoint has been failing (null: the cursor moved
    /// meanwhile, nothing recorded).
    /// </summary>
    public async Task<DateTimeOffset?> MarkFailedAsync(string platformId, long expectedPosition, int attempts, string error, DateTimeOffset now, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE exchange_callback_endpoints
               SET attempts = $3, last_error = $4, failing_since = COALESCE(failing_since, $5), next_attempt_at = $6, updated_at = $5
             WHERE platform_id = $1 AND delivered_position = $2 AND state = 1
            RETURNING failing_since
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = platformId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expectedPosition });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = attempts });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = error });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = nextAttemptAt });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetFieldValue<DateTimeOffset>(0) : null;
    }

    /// <summary>Pauses an endpoint still stuck at <paramref name="expectedPosition"/>; returns whether this call paused it.</summary>
    public async Task<bool> PauseAsync(string platformId, long expectedPosition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE exchange_callback_endpoints SET state = 2, updated_at = $3
             WHERE platform_id = $1 AND delivered_position = $2 AND state = 1
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = platformId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expectedPosition });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task RecordAsync(CallbackDelivery delivery, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO exchange_callback_deliveries
                (platform_id, event_id, application_id, attempt, attempted_at, delivered, http_status, error, duration_ms, url)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = delivery.PlatformId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = delivery.EventId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)delivery.ApplicationId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = delivery.Attempt });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = delivery.AttemptedAt });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = delivery.Delivered });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = delivery.HttpStatus });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)delivery.Error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = delivery.DurationMs });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = delivery.Url });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A platform's delivery log, newest first: at most <paramref name="limit"/> attempts with an id below <paramref name="before"/>.</summary>
    public async Task<IReadOnlyList<CallbackDelivery>> ListDeliveriesAsync(string platformId, long? before, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT delivery_id, platform_id, event_id, application_id, attempt, attempted_at, delivered, http_status, error, duration_ms, url
              FROM exchange_callback_deliveries
             WHERE platform_id = $1 AND delivery_id < $2
             ORDER BY delivery_id DESC LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = platformId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = before ?? long.MaxValue });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var deliveries = new List<CallbackDelivery>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            deliveries.Add(new CallbackDelivery(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetGuid(3),
                reader.GetInt32(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetBoolean(6), reader.GetInt32(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetInt32(9), reader.GetString(10)));
        }

        return deliveries;
    }

    /// <summary>Deletes attempts made before <paramref name="cutoff"/> (at most <paramref name="limit"/>); returns how many.</summary>
    public async Task<int> PruneAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH doomed AS (SELECT platform_id, delivery_id FROM exchange_callback_deliveries WHERE attempted_at < $1 ORDER BY attempted_at LIMIT $2)
            DELETE FROM exchange_callback_deliveries d USING doomed
             WHERE d.platform_id = doomed.platform_id AND d.delivery_id = doomed.delivery_id
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = cutoff });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<CallbackEndpointRow?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private static CallbackEndpointRow Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetFieldValue<DateTimeOffset>(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
        reader.GetInt64(6),
        (CallbackState)reader.GetInt16(7),
        reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
        reader.GetFieldValue<DateTimeOffset>(9),
        reader.GetInt32(10),
        reader.IsDBNull(11) ? null : reader.GetString(11));
}
