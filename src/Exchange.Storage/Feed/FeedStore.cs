using System.Text.Json;
using Exchange.Domain;
using Npgsql;
using NpgsqlTypes;

namespace Exchange.Storage.Feed;

/// <summary>Reads recipients' feeds (what the relay moved there) and appends notices to them.</summary>
public sealed class FeedStore(NpgsqlDataSource dataSource)
{
    /// <summary>Entries read per query at most, however few of them match the filter.</summary>
    public const int ScanLimit = 1000;

    private const string EntryColumns =
        "f.position, f.application_id, f.seq, e.occurred_at, e.kind, e.actor_kind, e.actor_id, e.actor_name, e.reason, " +
        "e.status_after, e.details::text, a.application_type, a.platform_case_id, a.court_code, a.case_year, a.case_type_code, " +
        "a.case_sequence, f.notice::text ";

    private const string EntryJoins =
        "FROM exchange_feed f " +
        "LEFT JOIN exchange_events e ON e.application_id = f.application_id AND e.seq = f.seq " +
        "LEFT JOIN exchange_applications a ON a.application_id = f.application_id ";

    public async Task<FeedBounds> BoundsAsync(FeedRecipient recipient, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT head, oldest_kept FROM exchange_feed_heads WHERE recipient_kind = $1 AND recipient_id = $2");
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)recipient.Kind });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = recipient.Id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new FeedBounds(reader.GetInt64(1), reader.GetInt64(0))
            : new FeedBounds(1, 0);
    }

    /// <summary>
    /// The entries after <paramref name="after"/> that match <paramref name="filter"/>, oldest
    /// first: at most <paramref name="maxEntries"/> of them, from at most <see cref="ScanLimit"/>
    /// entries read.
    /// </summary>
    public async Task<FeedPage> ReadAsync(FeedRecipient recipient, long after, FeedFilter filter, int maxEntries, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        var scan = filter == FeedFilter.None ? Math.Min(maxEntries, ScanLimit) : ScanLimit;
        var byApplication = filter.ApplicationIds.Count > 0;
        // Read before the entries: whatever the relay moves meanwhile lies beyond it.
        var headBefore = byApplication ? (await BoundsAsync(recipient, cancellationToken)).Head : 0;
        await using var command = dataSource.CreateCommand(
            "SELECT " + EntryColumns + EntryJoins +
            "WHERE f.recipient_kind = $1 AND f.recipient_id = $2 AND f.position > $3 " +
            // A filter on a few applications reads only their entries (and notices).
            (byApplication ? "AND (f.application_id = ANY($5) OR f.application_id IS NULL) " : string.Empty) +
            "ORDER BY f.position LIMIT $4");
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)recipient.Kind });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = recipient.Id });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = scan });
        if (byApplication)
        {
            command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. filter.ApplicationIds] });
        }

        var entries = new List<FeedEntry>();
        var scanned = 0;
        var scannedTo = after;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                scanned++;
                var entry = Read(reader);
                scannedTo = entry.Position;
                if (filter.Matches(entry))
                {
                    entries.Add(entry);
                    if (entries.Count == maxEntries)
                    {
                        break;
                    }
                }
            }
        }

        bool caughtUp;
        if (scanned < scan && entries.Count < maxEntries)
        {
            // Everything after `after` was read (by application: every entry of those applications;
            // the rest of the feed, up to the head read before, did not match).
            caughtUp = true;
            if (byApplication)
            {
                scannedTo = Math.Max(scannedTo, headBefore);
            }
        }
        else
        {
            caughtUp = false;
        }

        return new FeedPage(entries, scannedTo, caughtUp);
    }

    /// <summary>
    /// Puts a notice at the end of a platform's feed. Serialised with the relay (its lock), which
    /// is the only other writer of feed positions.
    /// </summary>
    public async Task<long> AppendNoticeAsync(FeedRecipient recipient, FeedNotice notice, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({FeedRelay.LockKey})", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        long position;
        await using (var command = new NpgsqlCommand(
            "WITH head AS (" +
            "  INSERT INTO exchange_feed_heads AS h (recipient_kind, recipient_id, head) VALUES ($1, $2, 1) " +
            "  ON CONFLICT (recipient_kind, recipient_id) DO UPDATE SET head = h.head + 1 RETURNING head) " +
            "INSERT INTO exchange_feed (recipient_kind, recipient_id, position, notice) SELECT $1, $2, head, $3 FROM head RETURNING position",
            connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)recipient.Kind });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = recipient.Id });
            command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(notice), NpgsqlDbType = NpgsqlDbType.Jsonb });
            position = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        await using (var notify = new NpgsqlCommand($"SELECT pg_notify('{FeedSignal.Channel}', '')", connection, transaction))
        {
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return position;
    }

    private static FeedEntry Read(NpgsqlDataReader reader)
    {
        var position = reader.GetInt64(0);
        if (!reader.IsDBNull(17))
        {
            var notice = JsonSerializer.Deserialize<FeedNotice>(reader.GetString(17))!;
            return new FeedEntry(
                position, null, 0, string.Empty, null, null, notice.OccurredAt, ActorKind.Hub, "hub", null, null,
                new Dictionary<string, string>(), null, null, null, notice);
        }

        var details = reader.IsDBNull(10)
            ? new Dictionary<string, string>()
            : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(10)) ?? [];
        var caseNumber = reader.IsDBNull(16)
            ? null
            : CaseNumbers.Format(reader.GetInt32(14), reader.GetString(13), reader.GetString(15), reader.GetInt64(16));
        return new FeedEntry(
            position,
            reader.GetGuid(1),
            reader.GetInt32(2),
            reader.GetString(4),
            Enum.Parse<ApplicationType>(reader.GetString(11)),
            Enum.Parse<ApplicationStatus>(reader.GetString(9)),
            reader.GetFieldValue<DateTimeOffset>(3),
            Enum.Parse<ActorKind>(reader.GetString(5)),
            reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetString(7),
            reader.IsDBNull(8) ? null : reader.GetString(8),
            details,
            reader.GetString(12),
            reader.GetString(13),
            caseNumber,
            null);
    }
}
