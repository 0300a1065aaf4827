using Npgsql;

namespace Exchange.Storage.Feed;

/// <summary>What one relay batch did.</summary>
/// <param name="Locked">False when another relay held the lock (this one did nothing).</param>
/// <param name="Events">Events moved past the cursor.</param>
/// <param name="Entries">Feed entries written (two per event: its platform's and its court's).</param>
/// <param name="OldestOccurredAt">When the oldest event of the batch happened (the lag's measure).</param>
public sealed record RelayBatch(bool Locked, int Events, int Entries, DateTimeOffset? OldestOccurredAt);

/// <summary>
/// Moves committed events into the recipients' feeds, in one transaction per batch: reads the
/// events after its cursor whose transaction ended before its snapshot began (transaction id below
/// the snapshot's xmin: none of them can still commit, and none committed later can sort before
/// them), numbers them per recipient after the recipient's head, and advances its cursor and the
/// heads in the same transaction. One relay at a time (a transaction-level advisory lock): a
/// second silo's relay finds the lock taken and waits for its next turn.
/// </summary>
public sealed class FeedRelay(NpgsqlDataSource dataSource)
{
    /// <summary>The advisory lock key of the relay (and of notices, the other writer of positions).</summary>
    public const long LockKey = 0x45786368_46656564; // "ExchFeed"

    private const string MoveSql = """
        WITH batch AS (
            SELECT e.xid, e.application_id, e.seq, e.occurred_at, a.platform_id, a.court_code
            FROM exchange_events e JOIN exchange_applications a ON a.application_id = e.application_id
            -- xid >= … alone is what the BRIN index can use; the row comparison then picks the exact start.
            WHERE e.xid >= $2
              AND (e.xid, e.application_id, e.seq) > ($2, $3, $4)
              AND e.xid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
            ORDER BY e.xid, e.application_id, e.seq
            LIMIT $1
        ), targets AS (
            SELECT r.kind, r.id, b.xid, b.application_id, b.seq
            FROM batch b CROSS JOIN LATERAL (VALUES (1::smallint, b.platform_id), (2::smallint, b.court_code)) AS r(kind, id)
            -- Already there: the cursor was reset (see ResetIfRestored).
            WHERE NOT EXISTS (SELECT 1 FROM exchange_feed f
                              WHERE f.recipient_kind = r.kind AND f.recipient_id = r.id
                                AND f.application_id = b.application_id AND f.seq = b.seq)
        ), numbered AS (
            SELECT t.kind, t.id, t.application_id, t.seq,
                   COALESCE(h.head, 0) + row_number() OVER (PARTITION BY t.kind, t.id ORDER BY t.xid, t.application_id, t.seq) AS position
            FROM targets t LEFT JOIN exchange_feed_heads h ON h.recipient_kind = t.kind AND h.recipient_id = t.id
        ), entries AS (
            INSERT INTO exchange_feed (recipient_kind, recipient_id, position, application_id, seq)
            SELECT kind, id, position, application_id, seq FROM numbered
            RETURNING 1
        ), heads AS (
            INSERT INTO exchange_feed_heads AS h (recipient_kind, recipient_id, head)
            SELECT kind, id, max(position) FROM numbered GROUP BY kind, id
            ON CONFLICT (recipient_kind, recipient_id) DO UPDATE SET head = EXCLUDED.head
            RETURNING 1
        ), moved AS (
            UPDATE exchange_feed_relay r
               SET cursor_xid = l.xid, cursor_application_id = l.application_id, cursor_seq = l.seq,
                   relayed_events = r.relayed_events + (SELECT count(*) FROM batch), relayed_at = now()
            FROM (SELECT xid, application_id, seq FROM batch ORDER BY xid DESC, application_id DESC, seq DESC LIMIT 1) l
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM batch)::int, (SELECT count(*) FROM entries)::int, 0, (SELECT min(occurred_at) FROM batch)
        """;

    /// <summary>Runs one batch of at most <paramref name="limit"/> events.</summary>
    public async Task<RelayBatch> MoveAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_try_advisory_xact_lock({LockKey})", connection, transaction))
        {
            if (!(bool)(await lockCommand.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return new RelayBatch(false, 0, 0, null);
            }
        }

        // The cursor as parameters (read under the lock, so it is the one this batch moves on
        // from): a row comparison with constants is an index range scan.
        long cursorXid;
        Guid cursorApplication;
        int cursorSeq;
        await using (var cursor = new NpgsqlCommand(
            "SELECT cursor_xid, cursor_application_id, cursor_seq FROM exchange_feed_relay", connection, transaction))
        await using (var reader = await cursor.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            cursorXid = reader.GetInt64(0);
            cursorApplication = reader.GetGuid(1);
            cursorSeq = reader.GetInt32(2);
        }

        RelayBatch batch;
        await using (var move = new NpgsqlCommand(MoveSql, connection, transaction))
        {
            move.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
            move.Parameters.Add(new NpgsqlParameter<long> { TypedValue = cursorXid });
            move.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = cursorApplication });
            move.Parameters.Add(new NpgsqlParameter<int> { TypedValue = cursorSeq });
            await using var reader = await move.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            batch = new RelayBatch(true, reader.GetInt32(0), reader.GetInt32(1), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3));
        }

        if (batch.Entries > 0)
        {
            // One wake-up per batch, delivered at commit.
            await using var notify = new NpgsqlCommand($"SELECT pg_notify('{FeedSignal.Channel}', '')", connection, transaction);
            await notify.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return batch;
    }

    /// <summary>
    /// Called when a relay starts. The cursor holds transaction ids of the cluster it was written
    /// in; in another cluster (the database restored from a dump) new transactions get small ids
    /// again and would sort before it. Then the cursor starts over (entries already in the feeds
    /// are not written twice) and the epoch changes, so that tokens handed out before — whose
    /// positions the restored feeds may reuse — are expired. Returns whether it did so.
    /// </summary>
    public async Task<bool> ResetIfRestoredAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH sys AS (SELECT system_identifier FROM pg_control_system()),
                 old AS (SELECT system_identifier AS recorded FROM exchange_feed_relay)
            UPDATE exchange_feed_relay r
               SET system_identifier = sys.system_identifier,
                   epoch = CASE WHEN r.system_identifier IS NULL THEN r.epoch ELSE gen_random_uuid() END,
                   cursor_xid = CASE WHEN r.system_identifier IS NULL THEN r.cursor_xid ELSE 0 END,
                   cursor_application_id = CASE WHEN r.system_identifier IS NULL THEN r.cursor_application_id ELSE '00000000-0000-0000-0000-000000000000'::uuid END,
                   cursor_seq = CASE WHEN r.system_identifier IS NULL THEN r.cursor_seq ELSE 0 END
            FROM sys, old
            WHERE r.system_identifier IS DISTINCT FROM sys.system_identifier
            RETURNING old.recorded
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0);
    }

    /// <summary>
    /// Summarizes the full BRIN ranges of exchange_events (the relay's index), so that each batch
    /// reads only the last ranges' pages; returns how many it summarized.
    /// </summary>
    public async Task<int> SummarizeAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT exchange_summarize_event_ranges()");
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Deletes feed entries relayed before <paramref name="cutoff"/> (at most
    /// <paramref name="limit"/>) and moves each recipient's oldest_kept past them; returns how
    /// many were deleted. Tokens before oldest_kept − 1 are then expired.
    /// </summary>
    public async Task<int> PruneAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH doomed AS (
                SELECT recipient_kind, recipient_id, position FROM exchange_feed
                WHERE relayed_at < $1 ORDER BY relayed_at LIMIT $2
            ), deleted AS (
                DELETE FROM exchange_feed f USING doomed d
                WHERE f.recipient_kind = d.recipient_kind AND f.recipient_id = d.recipient_id AND f.position = d.position
                RETURNING f.recipient_kind, f.recipient_id, f.position
            ), moved AS (
                UPDATE exchange_feed_heads h SET oldest_kept = GREATEST(h.oldest_kept, m.last + 1)
                FROM (SELECT recipient_kind, recipient_id, max(position) AS last FROM deleted GROUP BY recipient_kind, recipient_id) m
                WHERE h.recipient_kind = m.recipient_kind AND h.recipient_id = m.recipient_id
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM deleted)::int
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = cutoff });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
