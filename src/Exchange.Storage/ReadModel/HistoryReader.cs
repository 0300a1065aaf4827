using System.Text.Json;
using Exchange.Domain;
using Npgsql;

namespace Exchange.Storage.ReadModel;

/// <summary>One event of an application's audit trail, as stored.</summary>
public sealed record HistoryRow(
    int Sequence, DateTimeOffset OccurredAt, string Kind, ActorKind ActorKind, string ActorId, string? ActorName,
    string? Reason, ApplicationStatus StatusAfter, IReadOnlyDictionary<string, string> Details)
{
    /// <summary>The event's hash in the application's chain (migration 0095), lower-case hex.</summary>
    public string EventSha256 { get; init; } = "";

    /// <summary>The previous event's hash, lower-case hex (64 zeros before the first).</summary>
    public string PreviousSha256 { get; init; } = "";
}

/// <summary>
/// Reads an application's audit trail from the event log (no grain is activated), for the platform
/// that filed it or the court it is filed with; for anyone else it is empty, as if it did not exist.
/// </summary>
public sealed class HistoryReader(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<HistoryRow>> ReadAsync(Guid applicationId, ActorKind callerKind, string callerId, CancellationToken cancellationToken)
    {
        var owner = callerKind switch
        {
            ActorKind.Platform => "a.platform_id",
            ActorKind.Court => "a.court_code",
            _ => throw new ArgumentOutOfRangeException(nameof(callerKind), callerKind, "only platforms and courts read histories"),
        };
        await using var command = dataSource.CreateCommand(
            "SELECT e.seq, e.occurred_at, e.kind, e.actor_kind, e.actor_id, e.actor_name, e.reason, e.status_after, e.details::text, " +
            "COALESCE(encode(e.event_sha256, 'hex'), ''), COALESCE(encode(e.previous_sha256, 'hex'), '') " +
            "FROM exchange_events e JOIN exchange_applications a ON a.application_id = e.application_id " +
            $"WHERE e.application_id = $1 AND {owner} = $2 ORDER BY e.seq");
        command.Parameters.Add(new NpgsqlParameter { Value = applicationId });
        command.Parameters.Add(new NpgsqlParameter { Value = callerId });
        var rows = new List<HistoryRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var details = reader.IsDBNull(8)
                ? new Dictionary<string, string>()
                : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(8)) ?? [];
            rows.Add(new HistoryRow(
                reader.GetInt32(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2),
                Enum.Parse<ActorKind>(reader.GetString(3)), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), Enum.Parse<ApplicationStatus>(reader.GetString(7)), details)
            {
                EventSha256 = reader.GetString(9),
                PreviousSha256 = reader.GetString(10),
            });
        }

        return rows;
    }
}
