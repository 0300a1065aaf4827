using Npgsql;

namespace Exchange.Storage.Deadlines;

/// <summary>
/// The applications whose next unflagged deadline has closed (read model column watch_at, written
/// by the same statement as their state), for the deadline watcher.
/// </summary>
public sealed class DueDeadlines(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Up to <paramref name="limit"/> applications whose watch_at is at or before
    /// <paramref name="now"/>, the longest due first, leaving out <paramref name="skip"/> (those
    /// whose check is backing off after failures, so that they cannot crowd out the others).
    /// </summary>
    public async Task<IReadOnlyList<Guid>> FindAsync(DateTimeOffset now, int limit, IReadOnlyCollection<Guid> skip, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT application_id FROM exchange_applications WHERE watch_at <= $1 AND NOT (application_id = ANY($3)) ORDER BY watch_at LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        command.Parameters.Add(new NpgsqlParameter { Value = skip.ToArray() });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}
