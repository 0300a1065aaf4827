-- The change feed (updates.proto; docs/ARCHITECTURE.md "The change feed"). An event's place in the
-- feed cannot be a sequence taken before commit: a reader trusting it skips every event whose
-- transaction commits after a later-numbered one. Instead each event records the id of the
-- transaction that wrote it, and one relay at a time moves only events of transactions that have
-- ended (xid below the xmin of its snapshot) into a dense per-recipient feed.

-- The writing transaction's id, with its epoch (pg_current_xact_id() is an xid8: it never wraps),
-- as a bigint: BRIN has no operator class for xid8, and a 64-bit transaction id fits a bigint and
-- compares the same. Filled by the default, so no writer names it. Adding it rewrites
-- exchange_events once; the events already stored get this migration's transaction id and are
-- relayed when it commits.
ALTER TABLE exchange_events ADD COLUMN IF NOT EXISTS xid bigint NOT NULL DEFAULT pg_current_xact_id()::text::bigint;
-- The relay reads the events after its cursor. A b-tree on (xid, …) takes every writer to its
-- right edge and adds 93 bytes of WAL per event (276 → 369 for a lone event insert); a BRIN index —
-- one summary per 16 pages, since transaction ids grow with the table's physical order — adds 44
-- (320). In applications/s
-- (loadtests/storage-cost, 16 clients): the b-tree cost 13–16 % on a machine loaded by other
-- builds (5 rounds), and was within the noise on a quiet one (3 rounds, ±15 % round to round).
-- The relay summarizes each range once it is full (exchange_summarize_event_ranges), so each
-- batch reads only the last 16–32 pages twice.
CREATE INDEX IF NOT EXISTS exchange_events_xid ON exchange_events USING brin (xid) WITH (pages_per_range = 16);

-- The relay's own row: where it got to in exchange_events (the (xid, application_id, seq) of the
-- last event it moved), and what resume tokens are made of.
CREATE TABLE IF NOT EXISTS exchange_feed_relay (
    singleton             boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    -- Changes when the feed is rebuilt (a database restored into another cluster): tokens of
    -- another epoch are expired.
    epoch                 uuid        NOT NULL DEFAULT gen_random_uuid(),
    -- The HMAC key of resume tokens (two random UUIDs' 32 bytes). Kept across rebuilds.
    token_key             bytea       NOT NULL DEFAULT uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()),
    -- The cluster the cursor's transaction ids belong to (pg_control_system()).
    system_identifier     bigint      NULL,
    cursor_xid            bigint      NOT NULL DEFAULT 0,
    -- The first heap block of exchange_events whose BRIN range is not summarized yet.
    summarized_to_block   bigint      NOT NULL DEFAULT 0,
    cursor_application_id uuid        NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000',
    cursor_seq            int         NOT NULL DEFAULT 0,
    relayed_events        bigint      NOT NULL DEFAULT 0,
    relayed_at            timestamptz NULL
);
INSERT INTO exchange_feed_relay (singleton) VALUES (true) ON CONFLICT DO NOTHING;

-- Summarizes the BRIN ranges of exchange_events that are full (never the last one, which takes
-- the inserts: a summarized range's summary is updated by every insert that widens it). Called by
-- the relay; returns the ranges summarized.
CREATE OR REPLACE FUNCTION exchange_summarize_event_ranges() RETURNS int LANGUAGE plpgsql AS $$
DECLARE
    per_range constant bigint := 16;
    blocks bigint := pg_relation_size('exchange_events') / current_setting('block_size')::bigint;
    -- Ranges ending at or before this block are summarized: the last two are left to the inserts.
    summarize_below bigint := (blocks / per_range) * per_range - per_range;
    next_block bigint;
    done int := 0;
BEGIN
    SELECT summarized_to_block INTO next_block FROM exchange_feed_relay FOR UPDATE;
    WHILE next_block + per_range <= summarize_below LOOP
        PERFORM brin_summarize_range('exchange_events_xid', next_block);
        next_block := next_block + per_range;
        done := done + 1;
    END LOOP;
    IF done > 0 THEN
        UPDATE exchange_feed_relay SET summarized_to_block = next_block;
    END IF;
    RETURN done;
END
$$;

-- Each recipient's last position, and the oldest it still keeps (retention).
CREATE TABLE IF NOT EXISTS exchange_feed_heads (
    recipient_kind smallint NOT NULL,
    recipient_id   text     NOT NULL,
    head           bigint   NOT NULL,
    oldest_kept    bigint   NOT NULL DEFAULT 1,
    PRIMARY KEY (recipient_kind, recipient_id)
);

-- The feeds: recipient_kind 1 = a platform (the applications it filed), 2 = a court (those filed
-- with it). An application event appears once in its platform's feed and once in its court's;
-- a notice (about a platform's account) only in that platform's.
CREATE TABLE IF NOT EXISTS exchange_feed (
    recipient_kind smallint    NOT NULL,
    recipient_id   text        NOT NULL,
    position       bigint      NOT NULL,
    application_id uuid        NULL,
    seq            int         NULL,
    notice         jsonb       NULL,
    relayed_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (recipient_kind, recipient_id, position),
    CHECK ((application_id IS NOT NULL AND seq IS NOT NULL AND notice IS NULL)
        OR (application_id IS NULL AND seq IS NULL AND notice IS NOT NULL))
);
-- An event is relayed to a recipient once, whatever happens to the relay's cursor.
CREATE UNIQUE INDEX IF NOT EXISTS exchange_feed_event
    ON exchange_feed (recipient_kind, recipient_id, application_id, seq) WHERE application_id IS NOT NULL;
-- Retention deletes by age; rows are appended in time order, so a BRIN index is enough.
CREATE INDEX IF NOT EXISTS exchange_feed_relayed_at ON exchange_feed USING brin (relayed_at);

-- A transaction left open holds the relay's fence and so every later update: end idle ones after
-- a minute. Set on the database (needs its owner; skipped with a notice otherwise — then set it
-- in postgresql.conf).
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET idle_in_transaction_session_timeout = %L', current_database(), '60s');
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'idle_in_transaction_session_timeout not set on the database: %', SQLERRM;
END
$$;
