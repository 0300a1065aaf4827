-- The change feed (updates.proto; docs/ARCHITECTURE.md "The change feed"). An event's place in the
-- feed cannot be a sequence taken before commit: a reader trusting it skips every event whose
-- transaction commits after a later-numbered one. Instead each event records the id of the
-- transaction that wrote it, and one relay at a time moves only events of transactions that have
-- ended (xid below the xmin of its snapshot) into a dense per-recipient feed.

-- The writing transaction's id (xid8: with its epoch, so it never wraps). Filled by the default,
-- so no writer names it. Adding it rewrites exchange_events once; the events already stored get
-- this migration's transaction id and are relayed when it commits.
ALTER TABLE exchange_events ADD COLUMN IF NOT EXISTS xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX IF NOT EXISTS exchange_events_xid ON exchange_events (xid, application_id, seq);

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
    cursor_xid            xid8        NOT NULL DEFAULT '0',
    cursor_application_id uuid        NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000',
    cursor_seq            int         NOT NULL DEFAULT 0,
    relayed_events        bigint      NOT NULL DEFAULT 0,
    relayed_at            timestamptz NULL
);
INSERT INTO exchange_feed_relay (singleton) VALUES (true) ON CONFLICT DO NOTHING;

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
