-- The feeds as pages: one row per relay batch and recipient instead of one per event and recipient.
-- Measured with 0030's layout (loadtests/run.sh, submit-unique, relay on against off in the same
-- conditions): the relay added about 830 bytes of WAL and 0.1–0.17 ms of PostgreSQL's CPU to each
-- submission — two feed rows per event, each with two b-tree entries, plus a heads upsert per
-- recipient and batch — about a fifth of what the submission itself costs PostgreSQL. A page holds
-- the events a batch moved for one recipient, so under load (when the cost matters) a batch of n
-- events for r recipients writes r rows, not 2n, and no per-event index entry.
--
-- Positions stay dense per recipient: a page holds positions first_position … last_position, the
-- events in the order of its arrays. The head of a feed is its last page's last position (or, once
-- retention deleted every page, oldest_kept − 1): nothing else is written per batch.
CREATE TABLE IF NOT EXISTS exchange_feed_pages (
    recipient_kind  smallint    NOT NULL,
    recipient_id    text        NOT NULL,
    last_position   bigint      NOT NULL,
    first_position  bigint      NOT NULL,
    -- The events, in feed order; NULL on a notice's page.
    application_ids uuid[]      NULL,
    seqs            int[]       NULL,
    notice          jsonb       NULL,
    -- clock_timestamp() when written: taken after the relay's lock, so it grows with the positions
    -- (retention deletes by it).
    relayed_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (recipient_kind, recipient_id, last_position),
    -- A reader reads the pages that overlap positions (p, p + n]: a page spans at most 1,000
    -- positions (the relay's batch is at most 500 events), so that range is an index range.
    CHECK (last_position >= first_position AND last_position - first_position < 1000),
    CHECK ((notice IS NULL AND application_ids IS NOT NULL AND seqs IS NOT NULL
            AND cardinality(application_ids) = last_position - first_position + 1
            AND cardinality(seqs) = cardinality(application_ids))
        OR (notice IS NOT NULL AND application_ids IS NULL AND seqs IS NULL AND first_position = last_position))
);
CREATE INDEX IF NOT EXISTS exchange_feed_pages_relayed_at ON exchange_feed_pages USING brin (relayed_at);

-- Each feed's head: its last position (0 when nothing was ever put in it).
CREATE OR REPLACE FUNCTION exchange_feed_head(kind smallint, id text) RETURNS bigint
LANGUAGE sql STABLE AS $$
    SELECT GREATEST(
        (SELECT p.last_position FROM exchange_feed_pages p
          WHERE p.recipient_kind = kind AND p.recipient_id = id ORDER BY p.last_position DESC LIMIT 1),
        (SELECT h.oldest_kept - 1 FROM exchange_feed_heads h WHERE h.recipient_kind = kind AND h.recipient_id = id),
        0)
$$;

-- The entries written by 0030's layout become pages of one.
DO $$
BEGIN
    IF to_regclass('exchange_feed') IS NOT NULL THEN
        INSERT INTO exchange_feed_pages (recipient_kind, recipient_id, last_position, first_position, application_ids, seqs, notice, relayed_at)
        SELECT recipient_kind, recipient_id, position, position,
               CASE WHEN notice IS NULL THEN ARRAY[application_id] END,
               CASE WHEN notice IS NULL THEN ARRAY[seq] END,
               notice, relayed_at
        FROM exchange_feed
        ON CONFLICT DO NOTHING;
        DROP TABLE exchange_feed;
    END IF;
END
$$;

-- exchange_feed_heads keeps only what retention moved: oldest_kept (a feed without a row keeps
-- everything from position 1). The head it also held is now read from the pages; a feed whose
-- pages retention deleted keeps its head as oldest_kept − 1.
UPDATE exchange_feed_heads h SET oldest_kept = h.head + 1
 WHERE h.oldest_kept <= h.head
   AND NOT EXISTS (SELECT 1 FROM exchange_feed_pages p WHERE p.recipient_kind = h.recipient_kind AND p.recipient_id = h.recipient_id);
ALTER TABLE exchange_feed_heads DROP COLUMN IF EXISTS head;

-- The PostgreSQL cluster the migrator last ran in (pg_control_system()'s system identifier), kept
-- beside the schema versions: a start that finds it unchanged touches no table the hub serves
-- from; one that finds another has the database restored from a dump (SchemaMigrator,
-- FeedRelay.ResetIfRestoredAsync). Before this table, the relay's own row recorded it.
CREATE TABLE IF NOT EXISTS exchange_schema_cluster (
    singleton         boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    system_identifier bigint  NOT NULL
);
