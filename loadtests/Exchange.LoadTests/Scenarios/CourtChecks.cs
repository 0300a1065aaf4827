using System.Globalization;
using Npgsql;
using Domain = Exchange.Domain;
using V1 = Exchange.V1;

namespace Exchange.LoadTests.Scenarios;

/// <summary>An application a court's acts left in a known status.</summary>
/// <param name="Id">The hub's id.</param>
/// <param name="Type">Its type.</param>
/// <param name="Expected">The status the last successful act answered with; past acceptance, so it has a case number.</param>
public readonly record struct CheckedApplication(Guid Id, V1.ApplicationType Type, V1.ApplicationStatus Expected);

/// <summary>
/// What the court's acts must have left in the hub's read model (exchange_applications, written by
/// the same statement as each grain's state): every application acted on in the status its last act
/// gave it, with a case number of its type's code (民特 for a judicial confirmation, 民初 for a
/// mediation document); and, over the whole table, every sequence of case numbers (per court, year
/// and type code) running from 1 without gaps or repeats up to the last number the hub took
/// (exchange_case_sequences) (DOMAIN.md §6).
/// </summary>
internal static class CourtChecks
{
    /// <summary>The case-type code each application type's case numbers carry.</summary>
    public static IReadOnlyDictionary<V1.ApplicationType, string> TypeCodes { get; } = new Dictionary<V1.ApplicationType, string>
    {
        [V1.ApplicationType.JudicialConfirmation] = "民特",
        [V1.ApplicationType.MediationDocument] = "民初",
    };

    /// <summary>How the read model stores a status: the domain enum's name (e.g. "Confirmed").</summary>
    public static string Stored(V1.ApplicationStatus status) => ((Domain.ApplicationStatus)(int)status).ToString();

    /// <summary>How the read model stores a type: the domain enum's name (e.g. "JudicialConfirmation").</summary>
    public static string Stored(V1.ApplicationType type) => ((Domain.ApplicationType)(int)type).ToString();

    /// <summary>Checks the applications and the case-number sequences of <paramref name="courts"/>.</summary>
    /// <param name="name">The check's name in the summary.</param>
    /// <param name="database">Npgsql connection string of the hub's database.</param>
    /// <param name="applications">The applications to check, each with the status it must be in.</param>
    /// <param name="courts">Courts whose case-number sequences are checked (all their numbers, whoever acted).</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>The check's figures; <see cref="PhaseSummary.Passed"/> says whether everything held.</returns>
    public static async Task<PhaseSummary> VerifyAsync(
        string name,
        string database,
        IReadOnlyCollection<CheckedApplication> applications,
        IReadOnlyCollection<string> courts,
        CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync(cancellationToken);
            var groups = applications.GroupBy(a => (a.Type, a.Expected)).ToDictionary(g => g.Key, g => g.Select(a => a.Id).ToArray());

            // 1. The applications: status and case-number type code as the read model has them.
            var byStatus = new SortedDictionary<string, long>(StringComparer.Ordinal);
            var problems = new List<string>();
            long found = 0, withoutNumber = 0;
            foreach (var ((type, expected), ids) in groups)
            {
                await using var command = new NpgsqlCommand(
                    """
                    SELECT status, coalesce(case_type_code, '-'), count(*), count(*) FILTER (WHERE case_sequence IS NULL)
                    FROM exchange_applications
                    WHERE application_id = ANY($1) AND application_type = $2
                    GROUP BY 1, 2
                    ORDER BY 1, 2
                    """,
                    connection);
                command.Parameters.Add(new NpgsqlParameter { Value = ids });
                command.Parameters.Add(new NpgsqlParameter { Value = Stored(type) });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var typeFound = 0L;
                while (await reader.ReadAsync(cancellationToken))
                {
                    var status = reader.GetString(0);
                    var typeCode = reader.GetString(1);
                    var count = reader.GetInt64(2);
                    var missingNumbers = reader.GetInt64(3);
                    var key = $"{Stored(type)} {status} {typeCode}";
                    byStatus[key] = byStatus.GetValueOrDefault(key) + count;
                    typeFound += count;
                    withoutNumber += missingNumbers;
                    if (status != Stored(expected))
                    {
                        problems.Add($"{count} {Stored(type)} in {status} (expected {Stored(expected)})");
                    }

                    if (typeCode != TypeCodes[type] && missingNumbers < count)
                    {
                        problems.Add($"{count} {Stored(type)} numbered with type code {typeCode} (expected {TypeCodes[type]})");
                    }
                }

                found += typeFound;
                if (typeFound != ids.Length)
                {
                    problems.Add($"{ids.Length - typeFound} of {ids.Length} {Stored(type)} expected in {Stored(expected)} not in the read model");
                }
            }

            if (withoutNumber > 0)
            {
                problems.Add($"{withoutNumber} without a case number");
            }

            // 2. Every sequence of the courts' case numbers, whoever numbered them: 1..max, once each.
            long sequences = 0, gaps = 0, duplicates = 0;
            await using (var command = new NpgsqlCommand(
                """
                SELECT a.court_code, a.case_year, a.case_type_code, count(*), count(DISTINCT a.case_sequence), min(a.case_sequence), max(a.case_sequence),
                       (SELECT s.last_sequence FROM exchange_case_sequences s
                        WHERE s.court_code = a.court_code AND s.case_type_code = a.case_type_code AND s.case_year = a.case_year)
                FROM exchange_applications a
                WHERE a.court_code = ANY($1) AND a.case_sequence IS NOT NULL
                GROUP BY 1, 2, 3
                ORDER BY 1, 2, 3
                """,
                connection))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = courts.ToArray() });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var court = reader.GetString(0);
                    var year = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
                    var typeCode = reader.GetString(2);
                    var count = reader.GetInt64(3);
                    var distinct = reader.GetInt64(4);
                    var min = Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture);
                    var max = Convert.ToInt64(reader.GetValue(6), CultureInfo.InvariantCulture);
                    long? taken = reader.IsDBNull(7) ? null : Convert.ToInt64(reader.GetValue(7), CultureInfo.InvariantCulture);
                    sequences++;

                    // Numbers the sequence table says were taken but no application holds are gaps too.
                    var missing = Math.Max(0, Math.Max(max, taken ?? max) - distinct);
                    gaps += missing;
                    duplicates += count - distinct;
                    if (missing > 0 || count != distinct || min != 1 || taken != max)
                    {
                        problems.Add($"（{year}）{court}{typeCode}: {count} numbers, {distinct} distinct, {min}..{max}, last taken {taken?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
                    }
                }
            }

            return new PhaseSummary(
                name,
                Available: true,
                Note: problems.Count == 0 ? null : string.Join("; ", problems.Take(20)) + (problems.Count > 20 ? $"; and {problems.Count - 20} more" : string.Empty),
                Applications: applications.Count,
                AcknowledgedFound: found,
                Passed: problems.Count == 0,
                ByStatus: byStatus,
                CaseNumberGroups: sequences,
                CaseNumberGaps: gaps,
                CaseNumberDuplicates: duplicates,
                WithoutCaseNumber: withoutNumber);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidCastException)
        {
            // E.g. a hub whose read model has no case-number columns: the check cannot pass.
            return new PhaseSummary(name, Available: true, Note: $"cannot check in PostgreSQL: {ex.GetType().Name}: {ex.Message}", Applications: applications.Count, Passed: false);
        }
    }

    /// <summary>One line for the console.</summary>
    public static string Describe(PhaseSummary check) =>
        check.Passed == true
            ? string.Create(CultureInfo.InvariantCulture,
                $"{check.AcknowledgedFound} of {check.Applications} in their final status ({string.Join(", ", check.ByStatus!.Select(s => $"{s.Key}: {s.Value}"))}); {check.CaseNumberGroups} case-number sequences from 1 without gaps or repeats: PASSED")
            : $"FAILED: {check.Note}";
}
