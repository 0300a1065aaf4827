using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Exchange.Storage.Admin;

/// <summary>
/// The admin changes, each inside the caller's transaction and each with its audit event in that
/// same transaction (<see cref="AdminStore.ChangeAsync"/> opens and commits it).
/// </summary>
public sealed class AdminChange
{
    // Serialises key revocations, so that two operators revoking the last two admin keys at once
    // cannot both see the other's key as the one that stays. Revocations are rare.
    private const long RevocationLockKey = 0x4578636852766B; // "ExchRvk"

    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;
    private readonly AdminActor actor;

    internal AdminChange(NpgsqlConnection connection, NpgsqlTransaction transaction, AdminActor actor)
    {
        this.connection = connection;
        this.transaction = transaction;
        this.actor = actor;
    }

    /// <exception cref="AdminStoreException">PlatformAlreadyExists (also for a revoked platform: ids are never reused).</exception>
    public async Task<(PlatformInfo Platform, IssuedCredential Key)> RegisterPlatformAsync(string platformId, string displayName, CancellationToken cancellationToken)
    {
        await using var insert = Command(
            "INSERT INTO exchange_platforms (platform_id, display_name) VALUES ($1, $2) ON CONFLICT (platform_id) DO NOTHING RETURNING created_at",
            platformId, displayName);
        if (await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not DateTime createdAt)
        {
            throw new AdminStoreException(AdminRefusal.PlatformAlreadyExists, $"platform {platformId} is already registered (ids are never reused, even after revocation)");
        }

        await AuditAsync("platform.registered", "platform", platformId, new() { ["display_name"] = displayName }, cancellationToken).ConfigureAwait(false);
        var key = await IssueAsync(CredentialKind.Platform, platformId, displayName, cancellationToken).ConfigureAwait(false);
        return (new PlatformInfo(platformId, displayName, ToOffset(createdAt), null), key);
    }

    /// <summary>Revokes the platform and its live keys; a revoked platform is returned unchanged with 0.</summary>
    /// <exception cref="AdminStoreException">PlatformNotFound.</exception>
    public async Task<(PlatformInfo Platform, int RevokedKeys)> RevokePlatformAsync(string platformId, CancellationToken cancellationToken)
    {
        PlatformInfo platform;
        await using (var select = Command(
            "SELECT display_name, created_at, revoked_at FROM exchange_platforms WHERE platform_id = $1 FOR UPDATE", platformId))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw PlatformNotFound(platformId);
            }

            platform = new PlatformInfo(platformId, reader.GetString(0), ToOffset(reader.GetDateTime(1)),
                reader.IsDBNull(2) ? null : ToOffset(reader.GetDateTime(2)));
        }

        if (platform.RevokedAt is not null)
        {
            return (platform, 0);
        }

        DateTime revokedAt;
        await using (var revoke = Command("UPDATE exchange_platforms SET revoked_at = now() WHERE platform_id = $1 RETURNING revoked_at", platformId))
        {
            revokedAt = (DateTime)(await revoke.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        int keys;
        await using (var revokeKeys = Command(
            "UPDATE exchange_credentials SET revoked_at = now() WHERE principal_kind = 'platform' AND principal_id = $1 AND revoked_at IS NULL", platformId))
        {
            keys = await revokeKeys.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await AuditAsync("platform.revoked", "platform", platformId, new() { ["revoked_keys"] = keys }, cancellationToken).ConfigureAwait(false);
        return (platform with { RevokedAt = ToOffset(revokedAt) }, keys);
    }

    /// <summary>
    /// Issues a key. A platform must be registered and not revoked (its row is locked against a
    /// concurrent revocation); courts and operators are checked by the caller.
    /// </summary>
    /// <exception cref="AdminStoreException">PlatformNotFound, PlatformRevoked.</exception>
    public async Task<IssuedCredential> IssueAsync(CredentialKind kind, string principalId, string displayName, CancellationToken cancellationToken)
    {
        if (kind == CredentialKind.Platform)
        {
            await using var platform = Command("SELECT revoked_at IS NOT NULL FROM exchange_platforms WHERE platform_id = $1 FOR SHARE", principalId);
            switch (await platform.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))
            {
                case null:
                    throw PlatformNotFound(principalId);
                case true:
                    throw new AdminStoreException(AdminRefusal.PlatformRevoked, $"platform {principalId} is revoked: no key can be issued to it");
            }
        }

        var issued = await InsertCredentialAsync(ApiKeys.Generate(), kind, principalId, displayName, cancellationToken).ConfigureAwait(false);
        await AuditAsync("key.issued", CredentialKinds.ToColumn(kind), principalId,
            new() { ["key_prefix"] = issued.Info.KeyPrefix, ["display_name"] = displayName }, cancellationToken).ConfigureAwait(false);
        return issued;
    }

    /// <summary>Revokes one key by prefix; a revoked key is returned unchanged.</summary>
    /// <exception cref="AdminStoreException">KeyNotFound, AmbiguousKeyPrefix, LastAdminKey.</exception>
    public async Task<CredentialInfo> RevokeKeyAsync(string keyPrefix, CancellationToken cancellationToken)
    {
        await using (var serialise = Command($"SELECT pg_advisory_xact_lock({RevocationLockKey})"))
        {
            await serialise.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var matches = new List<CredentialInfo>();
        await using (var select = Command(
            $"SELECT {AdminStore.CredentialColumns} FROM exchange_credentials WHERE key_prefix = $1 ORDER BY created_at DESC FOR UPDATE", keyPrefix))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                matches.Add(AdminStore.ReadCredential(reader));
            }
        }

        var live = matches.Where(m => m.RevokedAt is null).ToList();
        if (matches.Count == 0)
        {
            throw new AdminStoreException(AdminRefusal.KeyNotFound, $"no key has the prefix {keyPrefix}");
        }

        if (live.Count > 1)
        {
            throw new AdminStoreException(AdminRefusal.AmbiguousKeyPrefix,
                $"{live.Count} live keys have the prefix {keyPrefix} ({string.Join(", ", live.Select(m => $"{CredentialKinds.ToColumn(m.Kind)} {m.PrincipalId}"))})");
        }

        if (live.Count == 0)
        {
            return matches[0];
        }

        var target = live[0];
        if (target.Kind == CredentialKind.Admin)
        {
            await using var others = Command(
                "SELECT count(*) FROM exchange_credentials WHERE principal_kind = 'admin' AND revoked_at IS NULL AND key_prefix <> $1", keyPrefix);
            if ((long)(await others.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 0)
            {
                throw new AdminStoreException(AdminRefusal.LastAdminKey, $"{keyPrefix} is the last live admin key: issue another admin key first");
            }
        }

        await using (var revoke = Command(
            "UPDATE exchange_credentials SET revoked_at = now() WHERE key_prefix = $1 AND revoked_at IS NULL RETURNING revoked_at", keyPrefix))
        {
            target = target with { RevokedAt = ToOffset((DateTime)(await revoke.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!) };
        }

        await AuditAsync("key.revoked", CredentialKinds.ToColumn(target.Kind), target.PrincipalId, new() { ["key_prefix"] = keyPrefix }, cancellationToken)
            .ConfigureAwait(false);
        return target;
    }

    internal async Task<IssuedCredential> InsertCredentialAsync(string key, CredentialKind kind, string principalId, string displayName, CancellationToken cancellationToken)
    {
        await using var insert = Command(
            """
            INSERT INTO exchange_credentials (key_hash, key_prefix, principal_kind, principal_id, display_name)
            VALUES ($1, $2, $3, $4, $5) RETURNING created_at
            """,
            ApiKeys.Hash(key), ApiKeys.PrefixOf(key), CredentialKinds.ToColumn(kind), principalId, displayName);
        var createdAt = (DateTime)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return new IssuedCredential(key, new CredentialInfo(ApiKeys.PrefixOf(key), kind, principalId, displayName, ToOffset(createdAt), null));
    }

    internal async Task AuditAsync(string action, string subjectKind, string subjectId, Dictionary<string, object> details, CancellationToken cancellationToken)
    {
        await using var insert = Command(
            "INSERT INTO exchange_admin_events (actor_id, actor_key_prefix, action, subject_kind, subject_id, details) VALUES ($1, $2, $3, $4, $5, $6)",
            actor.Id, actor.KeyPrefix, action, subjectKind, subjectId);
        insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(details), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private NpgsqlCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static AdminStoreException PlatformNotFound(string platformId) =>
        new(AdminRefusal.PlatformNotFound, $"platform {platformId} is not registered");

    internal static DateTimeOffset ToOffset(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
