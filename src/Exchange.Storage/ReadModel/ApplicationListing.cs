using System.Security.Cryptography;
using System.Text;
using Exchange.Domain;
using Npgsql;

namespace Exchange.Storage.ReadModel;

/// <summary>What a listing asks for, besides paging.</summary>
public sealed record ListingFilter(
    string PlatformId,
    IReadOnlyList<ApplicationStatus> Statuses,
    ApplicationType? Type,
    string? CourtCode,
    DateTimeOffset? ReceivedAfter,
    DateTimeOffset? ReceivedBefore)
{
    /// <summary>A fingerprint of the filter: a page token is only valid with the filter it was issued for.</summary>
    public string Fingerprint()
    {
        var text = string.Join('|', PlatformId, string.Join(',', Statuses.Order()), Type, CourtCode,
            ReceivedAfter?.UtcTicks, ReceivedBefore?.UtcTicks);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 8);
    }
}

/// <summary>One row of the read model.</summary>
public sealed record ApplicationRow(
    Guid ApplicationId, string PlatformCaseId, ApplicationType Type, string CourtCode, ApplicationStatus Status,
    DateTimeOffset ReceivedAt, DateTimeOffset UpdatedAt, int Version);

/// <summary>
/// Lists applications from the read model (grain state is an opaque payload), newest first, with
/// keyset paging: the token carries the last row's (received time, id), so rows inserted or changed
/// meanwhile never shift a page.
/// </summary>
public sealed class ApplicationListing(NpgsqlDataSource dataSource)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>One page, newest first, after <paramref name="after"/> (null for the first page).</summary>
    public async Task<ReadPage<ApplicationRow>> ListAsync(
        ListingFilter filter, int pageSize, ListingPosition? after, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder(
            "SELECT application_id, platform_case_id, application_type, court_code, status, received_at, updated_at, version " +
            "FROM exchange_applications WHERE platform_id = $1");
        var parameters = new List<object> { filter.PlatformId };

        void Add(string condition, object value)
        {
            parameters.Add(value);
            sql.Append(" AND ").Append(condition.Replace("$?", "$" + parameters.Count, StringComparison.Ordinal));
        }

        if (filter.Statuses.Count > 0)
        {
            Add("status = ANY($?)", filter.Statuses.Select(s => s.ToString()).ToArray());
        }

        if (filter.Type is { } type)
        {
            Add("application_type = $?", type.ToString());
        }

        if (!string.IsNullOrEmpty(filter.CourtCode))
        {
            Add("court_code = $?", filter.CourtCode);
        }

        if (filter.ReceivedAfter is { } receivedAfter)
        {
            Add("received_at >= $?", receivedAfter);
        }

        if (filter.ReceivedBefore is { } receivedBefore)
        {
            Add("received_at < $?", receivedBefore);
        }

        if (after is not null)
        {
            parameters.Add(after.ReceivedAt);
            parameters.Add(after.ApplicationId);
            sql.Append($" AND (received_at, application_id) < (${parameters.Count - 1}, ${parameters.Count})");
        }

        parameters.Add(pageSize + 1);
        sql.Append($" ORDER BY received_at DESC, application_id DESC LIMIT ${parameters.Count}");

        await using var command = dataSource.CreateCommand(sql.ToString());
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        var rows = new List<ApplicationRow>(pageSize + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new ApplicationRow(
                    reader.GetGuid(0), reader.GetString(1), Enum.Parse<ApplicationType>(reader.GetString(2)), reader.GetString(3),
                    Enum.Parse<ApplicationStatus>(reader.GetString(4)), reader.GetFieldValue<DateTimeOffset>(5),
                    reader.GetFieldValue<DateTimeOffset>(6), reader.GetInt32(7)));
            }
        }

        return ReadPage<ApplicationRow>.Of(rows, pageSize);
    }
}

/// <summary>A keyset position in a listing: the last row's (received time, id).</summary>
public sealed record ListingPosition(DateTimeOffset ReceivedAt, Guid ApplicationId);
