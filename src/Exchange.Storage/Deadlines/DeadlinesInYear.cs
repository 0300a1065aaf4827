using Exchange.Domain;
using Npgsql;

namespace Exchange.Storage.Deadlines;

/// <summary>
/// The applications whose running deadlines may reach into a year (read model column
/// next_deadline_at, the nearest running deadline): the ones to count again when that year's
/// holiday calendar is loaded (<see cref="ProvisionalDeadlines"/>).
/// </summary>
public sealed class DeadlinesInYear(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Up to <paramref name="limit"/> applications of <paramref name="year"/>'s window after
    /// <paramref name="after"/> (by id: a caller pages through them without holding a transaction).
    /// </summary>
    public async Task<IReadOnlyList<Guid>> FindAsync(int year, Guid after, int limit, CancellationToken cancellationToken = default)
    {
        var (from, to) = ProvisionalDeadlines.NearestDeadlineWindow(year);
        await using var command = dataSource.CreateCommand(
            """
            SELECT application_id FROM exchange_applications
             WHERE next_deadline_at >= $1 AND next_deadline_at < $2 AND application_id > $3
             ORDER BY application_id LIMIT $4
            """);
        // Npgsql writes timestamptz from UTC offsets only.
        command.Parameters.Add(new NpgsqlParameter { Value = from.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = to.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}
