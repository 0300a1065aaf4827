using Exchange.Domain;
using Npgsql;

namespace Exchange.Storage.Applications;

/// <summary>Looks up applications in the read model by their idempotency key.</summary>
public sealed class ApplicationIndex(NpgsqlDataSource dataSource)
{
    /// <summary>The unique constraint on the idempotency key (DOMAIN.md §5): the arbiter when two submissions race.</summary>
    private const string IdempotencyConstraint = "exchange_applications_idempotency";

    /// <summary>Whether <paramref name="ex"/> is the read model refusing a case number given twice in one court (its unique index).</summary>
    public static bool IsCaseNumberConflict(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "exchange_applications_case_number" })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="ex"/> (or an exception inside it) is a write that failed because another
    /// application took its idempotency key first: then nothing of the write was stored.
    /// </summary>
    public static bool IsIdempotencyConflict(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: IdempotencyConstraint })
            {
                return true;
            }
        }

        return false;
    }

    public async Task<Guid?> FindByKeyAsync(string platformId, string platformCaseId, ApplicationType type, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT application_id FROM exchange_applications WHERE platform_id = $1 AND platform_case_id = $2 AND application_type = $3");
        command.Parameters.Add(new NpgsqlParameter { Value = platformId });
        command.Parameters.Add(new NpgsqlParameter { Value = platformCaseId });
        command.Parameters.Add(new NpgsqlParameter { Value = type.ToString() });
        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return result is Guid id ? id : null;
    }
}
