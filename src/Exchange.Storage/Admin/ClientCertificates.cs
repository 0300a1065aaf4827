namespace Exchange.Storage.Admin;

/// <summary>A client certificate bound to a platform (mutual TLS), as stored: its SHA-256, never the certificate's key.</summary>
/// <param name="Sha256">SHA-256 of the certificate's DER encoding.</param>
public sealed record ClientCertificateBinding(byte[] Sha256, string PlatformId, string Subject, DateTimeOffset NotAfter, DateTimeOffset BoundAt);

/// <summary>
/// The bindings of client certificates to platforms (exchange_client_certificates): a certificate
/// so bound authenticates its platform as an API key does, until the platform is revoked.
/// </summary>
public static class ClientCertificates
{
    /// <summary>What audit events and logs name a certificate by: "cert:" and the first 12 hex digits of its SHA-256.</summary>
    public static string PrefixOf(byte[] sha256) => "cert:" + Convert.ToHexStringLower(sha256, 0, 6);

    /// <summary>
    /// Binds a certificate to a registered, unrevoked platform (its row is locked against a
    /// concurrent revocation). Binding it again to the same platform answers the stored binding.
    /// </summary>
    /// <exception cref="AdminStoreException">PlatformNotFound, PlatformRevoked, CertificateAlreadyBound (to another platform).</exception>
    public static async Task<ClientCertificateBinding> BindClientCertificateAsync(
        this AdminChange change, string platformId, byte[] sha256, string subject, DateTimeOffset notAfter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using (var platform = change.Command("SELECT revoked_at IS NOT NULL FROM exchange_platforms WHERE platform_id = $1 FOR SHARE", platformId))
        {
            switch (await platform.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))
            {
                case null:
                    throw new AdminStoreException(AdminRefusal.PlatformNotFound, $"platform {platformId} is not registered");
                case true:
                    throw new AdminStoreException(AdminRefusal.PlatformRevoked, $"platform {platformId} is revoked: no certificate can be bound to it");
            }
        }

        await using (var insert = change.Command(
            "INSERT INTO exchange_client_certificates (sha256, platform_id, subject, not_after) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING",
            sha256, platformId, subject, notAfter.UtcDateTime))
        {
            if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                await change.AuditAsync("client_certificate.bound", "platform", platformId,
                    new() { ["certificate"] = PrefixOf(sha256), ["subject"] = subject }, cancellationToken).ConfigureAwait(false);
            }
        }

        await using var select = change.Command("SELECT platform_id, subject, not_after, bound_at FROM exchange_client_certificates WHERE sha256 = $1", sha256);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var bound = new ClientCertificateBinding(sha256, reader.GetString(0), reader.GetString(1),
            AdminChange.ToOffset(reader.GetDateTime(2)), AdminChange.ToOffset(reader.GetDateTime(3)));
        return bound.PlatformId == platformId
            ? bound
            : throw new AdminStoreException(AdminRefusal.CertificateAlreadyBound,
                $"this certificate is bound to another platform; a certificate speaks for one platform only");
    }
}
