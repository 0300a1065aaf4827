-- Migration 0001: the schema as the hub created it before it had versioned migrations, unchanged.
-- Idempotent (IF NOT EXISTS throughout), so a database created then, which has no version table,
-- is adopted by running it once more. Later changes are later migrations, never edits here.
-- Our own SQL, written to the contract the Orleans ADO.NET providers read: they look up each
-- query's text by key in OrleansQuery, bind parameters by name and read columns by name.

CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  varchar(64) PRIMARY KEY,
    QueryText text NOT NULL
);

-- Grain state. One row per grain; the unique key on the grain's identity lets a single
-- INSERT ... ON CONFLICT replace a check-then-insert procedure.
CREATE TABLE IF NOT EXISTS orleans_storage (
    service_id      text        NOT NULL,
    grain_type      text        NOT NULL,
    grain_id_ext    text        NOT NULL,
    grain_id_n0     bigint      NOT NULL,
    grain_id_n1     bigint      NOT NULL,
    grain_id_hash   int         NOT NULL,
    grain_type_hash int         NOT NULL,
    payload         bytea       NULL,
    modified_on     timestamptz NOT NULL,
    version         int         NOT NULL,
    PRIMARY KEY (service_id, grain_type, grain_id_ext, grain_id_n0, grain_id_n1)
);

-- Cluster membership: a version row per deployment (the table's etag) and a row per silo incarnation.
CREATE TABLE IF NOT EXISTS orleans_membership_version (
    deployment_id text        PRIMARY KEY,
    stamp         timestamptz NOT NULL,
    version       int         NOT NULL
);

CREATE TABLE IF NOT EXISTS orleans_membership (
    deployment_id text        NOT NULL,
    address       text        NOT NULL,
    port          int         NOT NULL,
    generation    int         NOT NULL,
    silo_name     text        NOT NULL,
    host_name     text        NOT NULL,
    status        int         NOT NULL,
    proxy_port    int         NULL,
    suspect_times text        NULL,
    start_time    timestamptz NOT NULL,
    iamalive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

CREATE TABLE IF NOT EXISTS orleans_reminders (
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint      NOT NULL,
    grain_hash    int         NOT NULL,
    version       int         NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);
CREATE INDEX IF NOT EXISTS orleans_reminders_hash ON orleans_reminders (service_id, grain_hash);

-- Read model of applications: projected from each application grain's state by the same statement
-- that writes the state (see WriteToStorageKey), so the two never disagree.
CREATE TABLE IF NOT EXISTS exchange_applications (
    application_id          uuid        PRIMARY KEY,
    platform_id             text        NOT NULL,
    platform_case_id        text        NOT NULL,
    application_type        text        NOT NULL,
    court_code              text        NOT NULL,
    status                  text        NOT NULL,
    received_at             timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL,
    version                 int         NOT NULL,
    payload_sha256          text        NOT NULL,
    withdrawal_requested_at timestamptz NULL,
    -- The idempotency key (DOMAIN.md §5): the database is the arbiter when two submissions race.
    CONSTRAINT exchange_applications_idempotency UNIQUE (platform_id, platform_case_id, application_type)
);
-- Court side (case numbers, acceptance and ruling times, deadlines): added to databases created
-- before it.
ALTER TABLE exchange_applications
    ADD COLUMN IF NOT EXISTS case_year          int         NULL,
    ADD COLUMN IF NOT EXISTS case_type_code     text        NULL,
    ADD COLUMN IF NOT EXISTS case_sequence      bigint      NULL,
    ADD COLUMN IF NOT EXISTS accepted_at        timestamptz NULL,
    ADD COLUMN IF NOT EXISTS ruled_at           timestamptz NULL,
    -- The nearest running deadline (closed or not).
    ADD COLUMN IF NOT EXISTS next_deadline_at   timestamptz NULL,
    ADD COLUMN IF NOT EXISTS next_deadline_kind text        NULL,
    -- When the nearest deadline not yet flagged closes: what the deadline watcher polls.
    ADD COLUMN IF NOT EXISTS watch_at           timestamptz NULL;
-- No repeats: a case number belongs to one application.
CREATE UNIQUE INDEX IF NOT EXISTS exchange_applications_case_number
    ON exchange_applications (court_code, case_type_code, case_year, case_sequence) WHERE case_sequence IS NOT NULL;
CREATE INDEX IF NOT EXISTS exchange_applications_watch
    ON exchange_applications (watch_at) WHERE watch_at IS NOT NULL;
-- The docket: a court's applications by nearest deadline.
CREATE INDEX IF NOT EXISTS exchange_applications_docket
    ON exchange_applications (court_code, next_deadline_at, application_id);
CREATE INDEX IF NOT EXISTS exchange_applications_platform_received
    ON exchange_applications (platform_id, received_at DESC, application_id DESC);
-- (court_code, status) was an index of its own until the docket index below took its queries: one
-- index fewer to maintain on every write.
DROP INDEX IF EXISTS exchange_applications_court_status;

-- The audit trail: one event per state change, its sequence the grain state's version.
CREATE TABLE IF NOT EXISTS exchange_events (
    application_id uuid        NOT NULL,
    seq            int         NOT NULL,
    feed_position  bigint      GENERATED ALWAYS AS IDENTITY,
    occurred_at    timestamptz NOT NULL,
    kind           text        NOT NULL,
    actor_kind     text        NOT NULL,
    actor_id       text        NOT NULL,
    actor_name     text        NULL,
    reason         text        NULL,
    status_after   text        NOT NULL,
    details        jsonb       NULL,
    PRIMARY KEY (application_id, seq)
);

-- The last case number taken per court, case-type code and year. Bumped by the statement that
-- writes the accepting state (WriteToStorageKey), so a number is taken only with its application.
CREATE TABLE IF NOT EXISTS exchange_case_sequences (
    court_code     text   NOT NULL,
    case_type_code text   NOT NULL,
    case_year      int    NOT NULL,
    last_sequence  bigint NOT NULL,
    PRIMARY KEY (court_code, case_type_code, case_year)
);

CREATE INDEX IF NOT EXISTS exchange_events_feed ON exchange_events (feed_position);

-- Takes the next case number of a court, case-type code and year. Called by WriteToStorageKey only
-- for a state that asks for a number, inside the statement (and so the transaction) that writes
-- that state: a failed write gives the number back. A function rather than an INSERT in the
-- statement, because a data-modifying CTE costs every write (submissions too) its setup.
CREATE OR REPLACE FUNCTION exchange_take_case_number(p_court_code text, p_case_type_code text, p_case_year int)
RETURNS bigint LANGUAGE sql VOLATILE AS $$
    INSERT INTO exchange_case_sequences AS s (court_code, case_type_code, case_year, last_sequence)
    VALUES (p_court_code, p_case_type_code, p_case_year, 1)
    ON CONFLICT (court_code, case_type_code, case_year) DO UPDATE SET last_sequence = s.last_sequence + 1
    RETURNING last_sequence
$$;

-- Attachment contents, addressed by their SHA-256 (verified before they are stored).
CREATE TABLE IF NOT EXISTS exchange_attachment_contents (
    sha256     bytea       PRIMARY KEY,
    size_bytes int         NOT NULL,
    content    bytea       NOT NULL,
    stored_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS exchange_platforms (
    platform_id  text        PRIMARY KEY,
    display_name text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- API keys: only their SHA-256 is kept; the key itself is shown once, when it is created.
CREATE TABLE IF NOT EXISTS exchange_credentials (
    key_hash       bytea       PRIMARY KEY,
    key_prefix     text        NOT NULL,
    principal_kind text        NOT NULL CHECK (principal_kind IN ('platform', 'court', 'admin')),
    principal_id   text        NOT NULL,
    display_name   text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    revoked_at     timestamptz NULL
);
