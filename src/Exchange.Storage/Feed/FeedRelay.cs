using Npgsql;

namespace Exchange.Storage.Feed;

/// <summary>What one relay batch did.</summary>
/// <param name="Locked">False when another relay held the lock (this one did nothing).</param>
/// <param name="Events">Events moved past the cursor.</param>
/// <param name="Entries">Feed entries written (two per event: its platform's and its court's).</param>
/// <param name="Pages">Rows written: one page per recipient the batch had events for.</param>
/// <param name="OldestOccurredAt">When the oldest event of the batch happened (the lag's measure).</param>
public sealed record RelayBatch(bool Locked, int Events, int Entries, int Pages, DateTimeOffset? OldestOccurredAt);

/// <summary>
/// Moves committed events into the recipients' feeds, in one transaction per batch: reads the
/// events after its cursor whose transaction ended before its snapshot began (transaction id below
/// the snapshot's xmin: none of them can still commit, and none committed later can sort before
/// them), numbers them per recipient after the recipient's head, writes each recipient's share as
/// one page (migration 0045-feed-pages), and advances its cursor in the same transaction. One relay at a time (a transaction-level advisory lock): a
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
            -- A range scan of exchange_events_relay_order (migration 0050) from the cursor on.
            WHERE (e.xid, e.application_id, e.seq) > ($2, $3, $4)
              AND e.xid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
            ORDER BY e.xid, e.application_id, e.seq
            LIMIT $1
        ), targets AS (
            SELECT r.kind, r.id, b.xid, b.application_id, b.seq
            FROM batch b CROSS JOIN LATERAL (VALUES (1::smallint, b.platform_id), (2::smallint, b.court_code)) AS r(kind, id)
        ), pages AS (
            -- One page per recipient: its events in the batch's order, after its head.
            SELECT t.kind, t.id, count(*) AS n,
                   array_agg(t.application_id ORDER BY t.xid, t.application_id, t.seq) AS application_ids,
                   array_agg(t.seq ORDER BY t.xid, t.application_id, t.seq) AS seqs
            FROM targets t GROUP BY t.kind, t.id
        ), entries AS (
            INSERT INTO exchange_feed_pages (recipient_kind, recipient_id, first_position, last_position, application_ids, seqs)
            SELECT p.kind, p.id, h.head + 1, h.head + p.n, p.application_ids, p.seqs
            -- exchange_feed_head(kind, id) written out: a SQL function is planned again at its first call in each statement.
            FROM pages p CROSS JOIN LATERAL (SELECT GREATEST(
                (SELECT f.last_position FROM exchange_feed_pages f
                  WHERE f.recipient_kind = p.kind AND f.recipient_id = p.id ORDER BY f.last_position DESC LIMIT 1),
                (SELECT k.oldest_kept - 1 FROM exchange_feed_heads k WHERE k.recipient_kind = p.kind AND k.recipient_id = p.id),
                0) AS head) h
            RETURNING last_position - first_position + 1 AS n
        ), moved AS (
            UPDATE exchange_feed_relay r
               SET cursor_xid = l.xid, cursor_application_id = l.application_id, cursor_seq = l.seq,
                   relayed_events = r.relayed_events + (SELECT count(*) FROM batch), relayed_at = now()
            FROM (SELECT xid, application_id, seq FROM batch ORDER BY xid DESC, application_id DESC, seq DESC LIMIT 1) l
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM batch)::int, (SELECT COALESCE(sum(n), 0) FROM entries)::int, (SELECT count(*) FROM entries)::int,
               (SELECT min(occurred_at) FROM batch)
        """;

    /// <summary>
    /// The most events one batch moves: a page spans fewer than 1,000 positions (migration 0045's
    /// check, which readers rely on to find the pages overlapping a range).
    /// </summary>
    public const int MaxBatch = 999;

    /// <summary>Runs one batch of at most <paramref name="limit"/> events (at most <see cref="MaxBatch"/>).</summary>
    public async Task<RelayBatch> MoveAsync(int limit, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, MaxBatch);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // The batch's statement is planned for its cursor every time (set for this transaction
        // only): the silo's connections prepare statements used often, and the generic plan
        // PostgreSQL then chose read exchange_events from its start in every batch (seen).
        await using (var lockCommand = new NpgsqlCommand(
            $"SELECT pg_try_advisory_xact_lock({LockKey}), set_config('plan_cache_mode', 'force_custom_plan', true)",
            connection, transaction))
        {
            await lockCommand.PrepareAsync(cancellationToken).ConfigureAwait(false);
            if (!(bool)(await lockCommand.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return new RelayBatch(false, 0, 0, 0, null);
            }
        }

        // The cursor as parameters (read under the lock, so it is the one this batch moves on
        // from): a row comparison with constants is an index range scan.
        long cursorXid;
        Guid cursorApplication;
        int cursorSeq;
        await using (var cursor = new NpgsqlCommand(
            "SELECT cursor_xid, cursor_application_id, cursor_seq FROM exchange_feed_relay", connection, transaction))
        {
            await cursor.PrepareAsync(cancellationToken).ConfigureAwait(false);
            await using var reader = await cursor.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
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
            batch = new RelayBatch(true, reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3));
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
    /// Called at every silo start, after the migrations and under their lock (so before any silo
    /// of the cluster writes). The cursor holds transaction ids of the cluster it was written in;
    /// in another cluster (the database restored from a dump) new transactions get small ids again
    /// and would sort before it. Then every stored event is marked: relayed (it sorts at or before
    /// the cursor, which was dumped with it) or not, the cursor moves between the two, and the
    /// epoch changes, so that tokens handed out before are expired. Returns whether it did so.
    /// </summary>
    public static async Task<bool> ResetIfRestoredAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        const string Current = "(SELECT system_identifier FROM pg_control_system())";
        await using (var same = new NpgsqlCommand(
            $"SELECT EXISTS (SELECT 1 FROM exchange_schema_cluster WHERE system_identifier = {Current})", connection))
        {
            if ((bool)(await same.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return false; // the usual start: nothing else is read or locked
            }
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        bool restored;
        await using (var check = new NpgsqlCommand($"""
            WITH recorded AS (
                SELECT COALESCE((SELECT system_identifier FROM exchange_schema_cluster),
                                (SELECT system_identifier FROM exchange_feed_relay)) AS system_identifier
            ), relay AS (
                UPDATE exchange_feed_relay SET system_identifier = {Current}
            ), mine AS (
                INSERT INTO exchange_schema_cluster (system_identifier) VALUES ({Current})
                ON CONFLICT (singleton) DO UPDATE SET system_identifier = EXCLUDED.system_identifier
            )
            SELECT system_identifier IS NOT NULL AND system_identifier <> {Current} FROM recorded
            """, connection, transaction))
        {
            restored = (bool)(await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        if (restored)
        {
            // Transaction ids 0 (relayed) and 1 (not yet) are below every real one (3 and up).
            await using var mark = new NpgsqlCommand("""
                UPDATE exchange_events e
                   SET xid = CASE WHEN (e.xid, e.application_id, e.seq) <= (r.cursor_xid, r.cursor_application_id, r.cursor_seq) THEN 0 ELSE 1 END
                  FROM exchange_feed_relay r
                 WHERE e.xid > 1;
                UPDATE exchange_feed_relay
                   SET epoch = gen_random_uuid(), cursor_xid = 0,
                       cursor_application_id = 'ffffffff-ffff-ffff-ffff-ffffffffffff', cursor_seq = 2147483647;
                """, connection, transaction);
            await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return restored;
    }

    /// <summary>
    /// Deletes the feed pages relayed before <paramref name="cutoff"/> (at most
    /// <paramref name="limit"/> pages) and moves each recipient's oldest_kept past them; returns
    /// how many entries they held. Tokens before oldest_kept − 1 are then expired.
    /// </summary>
    public async Task<int> PruneAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH doomed AS (
                SELECT recipient_kind, recipient_id, last_position FROM exchange_feed_pages
                WHERE relayed_at < $1 ORDER BY relayed_at LIMIT $2
            ), deleted AS (
                DELETE FROM exchange_feed_pages p USING doomed d
                WHERE p.recipient_kind = d.recipient_kind AND p.recipient_id = d.recipient_id AND p.last_position = d.last_position
                RETURNING p.recipient_kind, p.recipient_id, p.first_position, p.last_position
            ), moved AS (
                INSERT INTO exchange_feed_heads AS h (recipient_kind, recipient_id, oldest_kept)
                SELECT recipient_kind, recipient_id, max(last_position) + 1 FROM deleted GROUP BY recipient_kind, recipient_id
                ON CONFLICT (recipient_kind, recipient_id) DO UPDATE SET oldest_kept = GREATEST(h.oldest_kept, EXCLUDED.oldest_kept)
                RETURNING 1
            )
            SELECT COALESCE(sum(last_position - first_position + 1), 0)::int FROM deleted
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = cutoff });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
