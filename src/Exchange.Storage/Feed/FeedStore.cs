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
        "x.position, x.application_id, x.seq, e.occurred_at, e.kind, e.actor_kind, e.actor_id, e.actor_name, e.reason, " +
        "e.status_after, e.details::text, a.application_type, a.platform_case_id, a.court_code, a.case_year, a.case_type_code, " +
        "a.case_sequence, x.notice::text, COALESCE(encode(e.event_sha256, 'hex'), '') ";

    // The pages overlapping positions ($3, $3 + $4] (a page spans fewer than 1,000 positions: see
    // migration 0045), unnested into their entries; a notice's page is one entry.
    private static readonly string Entries =
        "FROM (SELECT p.first_position + u.ordinality - 1 AS position, u.application_id, u.seq, NULL::jsonb AS notice " +
        "      FROM exchange_feed_pages p CROSS JOIN LATERAL unnest(p.application_ids, p.seqs) WITH ORDINALITY AS u(application_id, seq, ordinality) " +
        "      WHERE p.recipient_kind = $1 AND p.recipient_id = $2 AND p.last_position > $3 AND p.last_position <= $3 + $4 + " + FeedRelay.MaxBatch + " AND p.notice IS NULL " +
        "      UNION ALL " +
        "      SELECT p.first_position, NULL, NULL, p.notice FROM exchange_feed_pages p " +
        "      WHERE p.recipient_kind = $1 AND p.recipient_id = $2 AND p.last_position > $3 AND p.last_position <= $3 + $4 AND p.notice IS NOT NULL) x " +
        "LEFT JOIN exchange_events e ON e.application_id = x.application_id AND e.seq = x.seq " +
        "LEFT JOIN exchange_applications a ON a.application_id = x.application_id " +
        "WHERE x.position > $3 AND x.position <= $3 + $4 ";

    public async Task<FeedBounds> BoundsAsync(FeedRecipient recipient, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT exchange_feed_head($1, $2), COALESCE((SELECT oldest_kept FROM exchange_feed_heads WHERE recipient_kind = $1 AND recipient_id = $2), 1)");
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)recipient.Kind });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = recipient.Id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new FeedBounds(reader.GetInt64(1), reader.GetInt64(0));
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
        await using var command = dataSource.CreateCommand("SELECT " + EntryColumns + Entries + "ORDER BY x.position");
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)recipient.Kind });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = recipient.Id });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = scan });

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

        // Positions are dense: fewer than asked for means the end of what the relay has moved.
        return new FeedPage(entries, scannedTo, scanned < scan && entries.Count < maxEntries);
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
            "INSERT INTO exchange_feed_pages (recipient_kind, recipient_id, first_position, last_position, notice) " +
            "SELECT $1, $2, h.head + 1, h.head + 1, $3 FROM (SELECT exchange_feed_head($1, $2) AS head) h RETURNING last_position",
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
            null)
        {
            EventSha256 = reader.GetString(18),
        };
    }
}
