using System.Globalization;
using Exchange.Storage.Checks;
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
/// What the court's acts must have left in the hub's read model (read through Exchange.Storage's
/// <see cref="ReadModelChecks"/>; written by the same statement as each grain's state): every application acted on in the status its last act
/// gave it, with a case number of its type's code (民特 for a judicial confirmation, 民初 for a
/// mediation document); and, over the whole table, every sequence of case numbers (per court, year
/// and type code) running from 1 without gaps or repeats up to the last number the hub took
/// (DOMAIN.md §6).
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
            await using var dataSource = NpgsqlDataSource.Create(database);
            var checks = new ReadModelChecks(dataSource);
            var groups = applications.GroupBy(a => (a.Type, a.Expected)).ToDictionary(g => g.Key, g => g.Select(a => a.Id).ToArray());

            // 1. The applications: status and case-number type code as the read model has them.
            var byStatus = new SortedDictionary<string, long>(StringComparer.Ordinal);
            var problems = new List<string>();
            long found = 0, withoutNumber = 0;
            foreach (var ((type, expected), ids) in groups)
            {
                var typeFound = 0L;
                foreach (var group in await checks.StatusesAsync(ids, (Domain.ApplicationType)(int)type, cancellationToken))
                {
                    var status = group.Status.ToString();
                    var typeCode = group.CaseTypeCode ?? "-";
                    var key = $"{Stored(type)} {status} {typeCode}";
                    byStatus[key] = byStatus.GetValueOrDefault(key) + group.Count;
                    typeFound += group.Count;
                    withoutNumber += group.WithoutCaseNumber;
                    if (status != Stored(expected))
                    {
                        problems.Add($"{group.Count} {Stored(type)} in {status} (expected {Stored(expected)})");
                    }

                    if (typeCode != TypeCodes[type] && group.WithoutCaseNumber < group.Count)
                    {
                        problems.Add($"{group.Count} {Stored(type)} numbered with type code {typeCode} (expected {TypeCodes[type]})");
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
            foreach (var sequence in await checks.CaseNumberSequencesAsync(courts, cancellationToken))
            {
                sequences++;

                // Numbers the sequence table says were taken but no application holds are gaps too.
                var missing = Math.Max(0, Math.Max(sequence.Max, sequence.LastTaken ?? sequence.Max) - sequence.Distinct);
                gaps += missing;
                duplicates += sequence.Count - sequence.Distinct;
                if (missing > 0 || sequence.Count != sequence.Distinct || sequence.Min != 1 || sequence.LastTaken != sequence.Max)
                {
                    problems.Add($"（{sequence.Year}）{sequence.CourtCode}{sequence.CaseTypeCode}: {sequence.Count} numbers, {sequence.Distinct} distinct, {sequence.Min}..{sequence.Max}, last taken {sequence.LastTaken?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
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
