using Exchange.Domain;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Exchange.Storage.Officers;

/// <summary>An officer account as stored, without its password hash.</summary>
/// <param name="SecurityStamp">Changes at each password reset and at disabling: a session of an older stamp is over.</param>
public sealed record OfficerInfo(
    string CourtCode, string Name, OfficerRole Role, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, DateTimeOffset? LockedUntil, Guid SecurityStamp);

public enum SignInVerdict
{
    SignedIn,

    /// <summary>No such officer, or the wrong password (the answer does not tell which).</summary>
    Refused,

    /// <summary>Too many failed attempts: refused, even with the right password, until the lock ends.</summary>
    LockedOut,

    Disabled,
}

/// <summary>A sign-in's answer; <paramref name="Officer"/> only when signed in.</summary>
public sealed record SignInOutcome(SignInVerdict Verdict, OfficerInfo? Officer, DateTimeOffset? LockedUntil = null);

/// <summary>
/// The court console's officer accounts (exchange_officers): listing, sign-in with lock-out. Changes
/// go through <see cref="OfficerChanges"/> inside an admin transaction, with their audit event.
/// </summary>
public sealed class OfficerStore(NpgsqlDataSource dataSource)
{
    /// <summary>Failed sign-ins in a row that lock an account.</summary>
    public const int MaxFailedSignIns = 5;

    /// <summary>How long a locked account stays locked (a reset of its password unlocks it at once).</summary>
    public static readonly TimeSpan LockOut = TimeSpan.FromMinutes(15);

    internal const string Columns = "court_code, name, role, created_at, disabled_at, locked_until, security_stamp";

    // Identity's hasher ignores the user object; one instance serves every officer.
    internal static readonly PasswordHasher<OfficerInfo> Hasher = new();

    // Verified when the officer does not exist, so that an unknown name costs what a wrong password does.
    private static readonly string DummyHash = Hasher.HashPassword(null!, "no officer has this password");

    /// <summary>The officers of a court (or of every court), by court and name (ordinal).</summary>
    public async Task<IReadOnlyList<OfficerInfo>> ListAsync(string? courtCode, bool includeDisabled, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT {Columns} FROM exchange_officers
            WHERE ($1::text IS NULL OR court_code = $1) AND ($2 OR disabled_at IS NULL)
            ORDER BY court_code COLLATE "C", name COLLATE "C"
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)courtCode ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = includeDisabled });
        var officers = new List<OfficerInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            officers.Add(Read(reader));
        }

        return officers;
    }

    /// <summary>One officer, or null.</summary>
    public async Task<OfficerInfo?> FindAsync(string courtCode, string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM exchange_officers WHERE court_code = $1 AND name = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = courtCode });
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <summary>
    /// Checks a password. The account's row is locked while it is checked, so that concurrent wrong
    /// guesses each count: the <see cref="MaxFailedSignIns"/>th locks it for <see cref="LockOut"/>.
    /// </summary>
    public async Task<SignInOutcome> SignInAsync(string courtCode, string name, string password, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        OfficerInfo? officer = null;
        string? hash = null;
        DateTimeOffset now;
        await using (var select = new NpgsqlCommand(
            $"SELECT {Columns}, password_hash, now() FROM exchange_officers WHERE court_code = $1 AND name = $2 FOR UPDATE", connection, transaction))
        {
            select.Parameters.Add(new NpgsqlParameter { Value = courtCode });
            select.Parameters.Add(new NpgsqlParameter { Value = name });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                officer = Read(reader);
                hash = reader.GetString(7);
                now = ToOffset(reader.GetDateTime(8));
            }
            else
            {
                now = DateTimeOffset.UtcNow;
            }
        }

        if (officer is null || hash is null)
        {
            Hasher.VerifyHashedPassword(null!, DummyHash, password);
            return new SignInOutcome(SignInVerdict.Refused, null);
        }

        if (officer.DisabledAt is not null)
        {
            return new SignInOutcome(SignInVerdict.Disabled, null);
        }

        if (officer.LockedUntil is { } until && until > now)
        {
            return new SignInOutcome(SignInVerdict.LockedOut, null, until);
        }

        var verdict = Hasher.VerifyHashedPassword(officer, hash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            await using var fail = new NpgsqlCommand(
                $"""
                UPDATE exchange_officers SET failed_sign_ins = failed_sign_ins + 1,
                    locked_until = CASE WHEN failed_sign_ins + 1 >= {MaxFailedSignIns} THEN now() + make_interval(secs => {LockOut.TotalSeconds}) ELSE locked_until END
                WHERE court_code = $1 AND name = $2 RETURNING locked_until
                """, connection, transaction);
            fail.Parameters.Add(new NpgsqlParameter { Value = courtCode });
            fail.Parameters.Add(new NpgsqlParameter { Value = name });
            var locked = await fail.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return locked is DateTime lockedUntil && ToOffset(lockedUntil) > now
                ? new SignInOutcome(SignInVerdict.LockedOut, null, ToOffset(lockedUntil))
                : new SignInOutcome(SignInVerdict.Refused, null);
        }

        await using (var success = new NpgsqlCommand(
            "UPDATE exchange_officers SET failed_sign_ins = 0, locked_until = NULL, password_hash = COALESCE($3, password_hash) WHERE court_code = $1 AND name = $2",
            connection, transaction))
        {
            success.Parameters.Add(new NpgsqlParameter { Value = courtCode });
            success.Parameters.Add(new NpgsqlParameter { Value = name });
            // An older hash format is replaced by the current one while the password is at hand.
            success.Parameters.Add(new NpgsqlParameter
            {
                Value = verdict == PasswordVerificationResult.SuccessRehashNeeded ? Hasher.HashPassword(officer, password) : DBNull.Value,
                NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text,
            });
            await success.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new SignInOutcome(SignInVerdict.SignedIn, officer with { LockedUntil = null });
    }

    internal static OfficerInfo Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2) == "judge" ? OfficerRole.Judge : OfficerRole.Clerk,
        ToOffset(reader.GetDateTime(3)),
        reader.IsDBNull(4) ? null : ToOffset(reader.GetDateTime(4)),
        reader.IsDBNull(5) ? null : ToOffset(reader.GetDateTime(5)),
        reader.GetGuid(6));

    internal static string ToColumn(OfficerRole role) => role == OfficerRole.Judge ? "judge" : "clerk";

    private static DateTimeOffset ToOffset(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
