using Exchange.Domain;
using Exchange.Storage.Admin;

namespace Exchange.Storage.Officers;

/// <summary>
/// The admin changes of officer accounts, each inside the admin transaction
/// (<see cref="AdminStore.ChangeAsync"/>) with its audit event. The caller checks the court, name,
/// role and password first. The audit event never holds a password or its hash.
/// </summary>
public static class OfficerChanges
{
    /// <exception cref="AdminStoreException">OfficerAlreadyExists (also for a disabled one: a name in the record names one person).</exception>
    public static async Task<OfficerInfo> AddOfficerAsync(this AdminChange change, string courtCode, string name, OfficerRole role, string password,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var insert = change.Command(
            $"""
            INSERT INTO exchange_officers (court_code, name, role, password_hash, security_stamp) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (court_code, name) DO NOTHING RETURNING {OfficerStore.Columns}
            """,
            courtCode, name, OfficerStore.ToColumn(role), OfficerStore.Hasher.HashPassword(null!, password), Guid.NewGuid());
        OfficerInfo officer;
        await using (var reader = await insert.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            officer = await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? OfficerStore.Read(reader)
                : throw new AdminStoreException(AdminRefusal.OfficerAlreadyExists,
                    $"court {courtCode} has an officer named {name} already (names are never reused: the record names them)");
        }

        await change.AuditAsync("officer.added", "officer", $"{courtCode}/{name}", new() { ["role"] = OfficerStore.ToColumn(role) }, cancellationToken)
            .ConfigureAwait(false);
        return officer;
    }

    /// <summary>Disables an account: it cannot sign in, and its open sessions end. A disabled one is returned unchanged.</summary>
    /// <exception cref="AdminStoreException">OfficerNotFound.</exception>
    public static async Task<OfficerInfo> DisableOfficerAsync(this AdminChange change, string courtCode, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var officer = await LockAsync(change, courtCode, name, cancellationToken).ConfigureAwait(false);
        if (officer.DisabledAt is not null)
        {
            return officer;
        }

        officer = await UpdateAsync(change, "disabled_at = now(), security_stamp = $3", courtCode, name, Guid.NewGuid(), cancellationToken).ConfigureAwait(false);
        await change.AuditAsync("officer.disabled", "officer", $"{courtCode}/{name}", [], cancellationToken).ConfigureAwait(false);
        return officer;
    }

    /// <summary>Sets a new password, lifts a lock-out and ends the officer's open sessions.</summary>
    /// <exception cref="AdminStoreException">OfficerNotFound.</exception>
    public static async Task<OfficerInfo> ResetOfficerPasswordAsync(this AdminChange change, string courtCode, string name, string password,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await LockAsync(change, courtCode, name, cancellationToken).ConfigureAwait(false);
        var officer = await UpdateAsync(change, "password_hash = $4, failed_sign_ins = 0, locked_until = NULL, security_stamp = $3", courtCode, name,
            Guid.NewGuid(), cancellationToken, OfficerStore.Hasher.HashPassword(null!, password)).ConfigureAwait(false);
        await change.AuditAsync("officer.password_reset", "officer", $"{courtCode}/{name}", [], cancellationToken).ConfigureAwait(false);
        return officer;
    }

    private static async Task<OfficerInfo> LockAsync(AdminChange change, string courtCode, string name, CancellationToken cancellationToken)
    {
        await using var select = change.Command($"SELECT {OfficerStore.Columns} FROM exchange_officers WHERE court_code = $1 AND name = $2 FOR UPDATE", courtCode, name);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? OfficerStore.Read(reader)
            : throw new AdminStoreException(AdminRefusal.OfficerNotFound, $"court {courtCode} has no officer named {name}");
    }

    private static async Task<OfficerInfo> UpdateAsync(AdminChange change, string set, string courtCode, string name, Guid stamp,
        CancellationToken cancellationToken, string? hash = null)
    {
        object[] values = hash is null ? [courtCode, name, stamp] : [courtCode, name, stamp, hash];
        await using var update = change.Command($"UPDATE exchange_officers SET {set} WHERE court_code = $1 AND name = $2 RETURNING {OfficerStore.Columns}", values);
        await using var reader = await update.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return OfficerStore.Read(reader);
    }
}
