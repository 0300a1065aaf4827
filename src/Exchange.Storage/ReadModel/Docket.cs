using System.Security.Cryptography;
using System.Text;
using Exchange.Domain;
using Npgsql;

namespace Exchange.Storage.ReadModel;

/// <summary>What a docket asks for, besides paging.</summary>
public sealed record DocketFilter(
    string CourtCode,
    IReadOnlyList<ApplicationStatus> Statuses,
    ApplicationType? Type,
    DeadlineState? DeadlineState,
    TimeSpan DueSoonHorizon,
    string? PlatformId,
    DateTimeOffset? ReceivedAfter,
    DateTimeOffset? ReceivedBefore)
{
    /// <summary>A page token is only valid with the filter it was issued for.</summary>
    public string Fingerprint()
    {
        var text = string.Join('|', CourtCode, string.Join(',', Statuses.Order()), Type, DeadlineState, DueSoonHorizon.Ticks, PlatformId,
            ReceivedAfter?.UtcTicks, ReceivedBefore?.UtcTicks);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 8);
    }
}

/// <summary>One line of a court's docket, from the read model.</summary>
public sealed record DocketRow(
    Guid ApplicationId, string PlatformId, string PlatformCaseId, ApplicationType Type, ApplicationStatus Status,
    DateTimeOffset ReceivedAt, DateTimeOffset UpdatedAt, int Version, string? CaseNumber,
    DateTimeOffset? NextDeadlineAt, DeadlineKind NextDeadlineKind, DateTimeOffset? WithdrawalRequestedAt);

/// <summary>A keyset position in a docket: the last row's (nearest deadline, id).</summary>
public sealed record DocketPosition(DateTimeOffset? NextDeadlineAt, Guid ApplicationId);

/// <summary>
/// A court's docket from the read model, nearest deadline first (none last), then by id, with
/// keyset paging. Deadline states are the comparisons of <see cref="Deadlines.StateOf"/>, made in SQL
/// against the gateway's clock.
/// </summary>
public sealed class Docket(NpgsqlDataSource dataSource)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>One page after <paramref name="after"/> (null for the first page); deadline states as of <paramref name="now"/>.</summary>
    public async Task<ReadPage<DocketRow>> ListAsync(
        DocketFilter filter, DateTimeOffset now, int pageSize, DocketPosition? after, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder(
            "SELECT application_id, platform_id, platform_case_id, application_type, status, received_at, updated_at, version, " +
            "case_year, case_type_code, case_sequence, next_deadline_at, next_deadline_kind, withdrawal_requested_at, court_code " +
            "FROM exchange_applications WHERE court_code = $1");
        var parameters = new List<object> { filter.CourtCode };

        string P(object value)
        {
            parameters.Add(value);
            return "$" + parameters.Count;
        }

        if (filter.Statuses.Count > 0)
        {
            sql.Append($" AND status = ANY({P(filter.Statuses.Select(s => s.ToString()).ToArray())})");
        }

        if (filter.Type is { } type)
        {
            sql.Append($" AND application_type = {P(type.ToString())}");
        }

        if (!string.IsNullOrEmpty(filter.PlatformId))
        {
            sql.Append($" AND platform_id = {P(filter.PlatformId)}");
        }

        if (filter.ReceivedAfter is { } receivedAfter)
        {
            sql.Append($" AND received_at >= {P(receivedAfter)}");
        }

        if (filter.ReceivedBefore is { } receivedBefore)
        {
            sql.Append($" AND received_at < {P(receivedBefore)}");
        }

        switch (filter.DeadlineState)
        {
            case DeadlineState.NoDeadline:
                sql.Append(" AND next_deadline_at IS NULL");
                break;
            case DeadlineState.Overdue:
                sql.Append($" AND next_deadline_at <= {P(now)}");
                break;
            case DeadlineState.DueSoon:
                sql.Append($" AND next_deadline_at > {P(now)} AND next_deadline_at <= {P(now + filter.DueSoonHorizon)}");
                break;
            case DeadlineState.OnTime:
                sql.Append($" AND next_deadline_at > {P(now + filter.DueSoonHorizon)}");
                break;
        }

        if (after is not null)
        {
            sql.Append(after.NextDeadlineAt is { } at
                ? $" AND (next_deadline_at > {P(at)} OR (next_deadline_at = {P(at)} AND application_id > {P(after.ApplicationId)}) OR next_deadline_at IS NULL)"
                : $" AND next_deadline_at IS NULL AND application_id > {P(after.ApplicationId)}");
        }

        sql.Append($" ORDER BY next_deadline_at ASC NULLS LAST, application_id ASC LIMIT {P(pageSize + 1)}");

        await using var command = dataSource.CreateCommand(sql.ToString());
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        var rows = new List<DocketRow>(pageSize + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var caseNumber = reader.IsDBNull(10) ? null
                    : CaseNumbers.Format(reader.GetInt32(8), reader.GetString(14), reader.GetString(9), reader.GetInt64(10));
                rows.Add(new DocketRow(
                    reader.GetGuid(0), reader.GetString(1), reader.GetString(2), Enum.Parse<ApplicationType>(reader.GetString(3)),
                    Enum.Parse<ApplicationStatus>(reader.GetString(4)), reader.GetFieldValue<DateTimeOffset>(5),
                    reader.GetFieldValue<DateTimeOffset>(6), reader.GetInt32(7), caseNumber,
                    reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
                    reader.IsDBNull(12) ? DeadlineKind.Unspecified : Enum.Parse<DeadlineKind>(reader.GetString(12)),
                    reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13)));
            }
        }

        return ReadPage<DocketRow>.Of(rows, pageSize);
    }
}
