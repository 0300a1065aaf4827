using Npgsql;

namespace Exchange.Storage.Admin;

/// <summary>
/// Credentials as the gateway needs them: who a key is, and the one-time bootstrap of the first
/// admin key.
/// </summary>
public sealed class CredentialStore(NpgsqlDataSource dataSource)
{
    /// <summary>The principal of a live key with this SHA-256, or null (unknown or revoked).</summary>
    public async Task<CredentialOwner?> FindAsync(byte[] keyHash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT principal_kind, principal_id, display_name, key_prefix FROM exchange_credentials WHERE key_hash = $1 AND revoked_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = keyHash });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new CredentialOwner(CredentialKinds.FromColumn(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3))
            : null;
    }

    /// <summary>
    /// The platform a client certificate (by the SHA-256 of its DER encoding) is bound to, while
    /// that platform is not revoked; null otherwise. Its expiry is the TLS handshake's business.
    /// </summary>
    public async Task<CredentialOwner?> FindByCertificateAsync(byte[] sha256, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT p.platform_id, p.display_name FROM exchange_client_certificates c
            JOIN exchange_platforms p ON p.platform_id = c.platform_id
            WHERE c.sha256 = $1 AND p.revoked_at IS NULL
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = sha256 });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new CredentialOwner(CredentialKind.Platform, reader.GetString(0), reader.GetString(1), ClientCertificates.PrefixOf(sha256))
            : null;
    }

    /// <summary>
    /// Issues the first admin key (principal "bootstrap"), once in the database's life: the
    /// singleton row of exchange_admin_bootstrap settles concurrent calls — a second insert waits
    /// for the first's commit and then conflicts — and none succeeds once any admin key exists.
    /// </summary>
    /// <exception cref="AdminStoreException">AlreadyBootstrapped.</exception>
    public async Task<IssuedCredential> BootstrapAsync(string displayName, string peer, CancellationToken cancellationToken)
    {
        var key = ApiKeys.Generate();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var claim = new NpgsqlCommand(
            """
            INSERT INTO exchange_admin_bootstrap (singleton, key_prefix, peer)
            SELECT true, $1, $2
            WHERE NOT EXISTS (SELECT 1 FROM exchange_credentials WHERE principal_kind = 'admin')
            ON CONFLICT (singleton) DO NOTHING
            """, connection, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter { Value = ApiKeys.PrefixOf(key) });
            claim.Parameters.Add(new NpgsqlParameter { Value = peer });
            if (await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new AdminStoreException(AdminRefusal.AlreadyBootstrapped, "the hub already has an admin key: ask an operator for one (IssueKey)");
            }
        }

        var actor = new AdminActor("bootstrap", ApiKeys.PrefixOf(key));
        var change = new AdminChange(connection, transaction, actor);
        var issued = await change.InsertCredentialAsync(key, CredentialKind.Admin, "bootstrap", displayName, cancellationToken).ConfigureAwait(false);
        await change.AuditAsync("admin.bootstrapped", "admin", "bootstrap", new() { ["key_prefix"] = issued.Info.KeyPrefix, ["peer"] = peer }, cancellationToken)
            .ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return issued;
    }
}
