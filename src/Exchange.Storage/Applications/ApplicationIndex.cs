using Exchange.Domain;
using Npgsql;

namespace Exchange.Storage.Applications;

/// <summary>Looks up applications in the read model by their idempotency key.</summary>
public sealed class ApplicationIndex(NpgsqlDataSource dataSource)
{
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
