using Exchange.Domain;
using Npgsql;

namespace Exchange.Storage.Checks;

/// <summary>Applications of one type in one status, with the case-type code of their numbers (null when unnumbered).</summary>
/// <param name="Status">Their status in the read model.</param>
/// <param name="CaseTypeCode">The case-type code of their case numbers; null for those without one.</param>
/// <param name="Count">How many.</param>
/// <param name="WithoutCaseNumber">How many of them have no case sequence.</param>
public sealed record StatusGroup(ApplicationStatus Status, string? CaseTypeCode, long Count, long WithoutCaseNumber);

/// <summary>The case numbers of one court, year and case-type code as the read model holds them.</summary>
/// <param name="Count">Applications holding a number of the sequence.</param>
/// <param name="Distinct">Distinct numbers among them (fewer than <paramref name="Count"/>: a repeat).</param>
/// <param name="Min">The lowest number held.</param>
/// <param name="Max">The highest number held.</param>
/// <param name="LastTaken">The last number the hub took for the sequence (exchange_case_sequences); null if none.</param>
public sealed record CaseNumberSequence(string CourtCode, int Year, string CaseTypeCode, long Count, long Distinct, long Min, long Max, long? LastTaken);

/// <summary>
/// What a load test verifies after a run that no public API answers: whether every acknowledged
/// application is stored, and whether the case-number sequences run without gaps or repeats.
/// Read-only, and meant for verification, not for serving calls.
/// </summary>
public sealed class ReadModelChecks(NpgsqlDataSource dataSource)
{
    /// <summary>How many of <paramref name="ids"/> the read model holds.</summary>
    public async Task<long> CountStoredAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM exchange_applications WHERE application_id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>How many applications the read model holds whose platform case id starts with <paramref name="prefix"/>.</summary>
    public async Task<long> CountByCaseIdPrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM exchange_applications WHERE starts_with(platform_case_id, $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = prefix });
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>The applications among <paramref name="ids"/> of <paramref name="type"/>, grouped by status and case-type code.</summary>
    public async Task<IReadOnlyList<StatusGroup>> StatusesAsync(IReadOnlyCollection<Guid> ids, ApplicationType type, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT status, case_type_code, count(*), count(*) FILTER (WHERE case_sequence IS NULL)
            FROM exchange_applications
            WHERE application_id = ANY($1) AND application_type = $2
            GROUP BY 1, 2
            ORDER BY 1, 2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = type.ToString() });
        var groups = new List<StatusGroup>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            groups.Add(new StatusGroup(Enum.Parse<ApplicationStatus>(reader.GetString(0)), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetInt64(2), reader.GetInt64(3)));
        }

        return groups;
    }

    /// <summary>Every case-number sequence of <paramref name="courts"/>, whoever numbered it.</summary>
    public async Task<IReadOnlyList<CaseNumberSequence>> CaseNumberSequencesAsync(IReadOnlyCollection<string> courts, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT a.court_code, a.case_year, a.case_type_code, count(*), count(DISTINCT a.case_sequence), min(a.case_sequence), max(a.case_sequence),
                   (SELECT s.last_sequence FROM exchange_case_sequences s
                    WHERE s.court_code = a.court_code AND s.case_type_code = a.case_type_code AND s.case_year = a.case_year)
            FROM exchange_applications a
            WHERE a.court_code = ANY($1) AND a.case_sequence IS NOT NULL
            GROUP BY 1, 2, 3
            ORDER BY 1, 2, 3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = courts.ToArray() });
        var sequences = new List<CaseNumberSequence>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            sequences.Add(new CaseNumberSequence(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetInt64(5), reader.GetInt64(6), reader.IsDBNull(7) ? null : reader.GetInt64(7)));
        }

        return sequences;
    }
}
