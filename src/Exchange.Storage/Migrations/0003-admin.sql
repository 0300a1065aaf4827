-- The admin service (protos/exchange/v1/admin.proto): revocable platforms, the one-time bootstrap,
-- idempotent admin requests, the admin audit trail, and a notification on every credential change.
-- Idempotent, so that it may run on a database that already has it.

-- A revoked platform keeps its row (its applications refer to it) and its id is never reused.
ALTER TABLE exchange_platforms ADD COLUMN IF NOT EXISTS revoked_at timestamptz NULL;

-- Revocation by prefix, listing by principal and by age.
CREATE INDEX IF NOT EXISTS exchange_credentials_prefix ON exchange_credentials (key_prefix);
CREATE INDEX IF NOT EXISTS exchange_credentials_principal ON exchange_credentials (principal_kind, principal_id);
CREATE INDEX IF NOT EXISTS exchange_credentials_created ON exchange_credentials (created_at DESC, key_prefix DESC);

-- One row at most, ever: the insert of the bootstrap settles concurrent bootstraps (the second
-- waits for the first's commit, then conflicts).
CREATE TABLE IF NOT EXISTS exchange_admin_bootstrap (
    singleton       boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    key_prefix      text        NOT NULL,
    peer            text        NOT NULL,
    bootstrapped_at timestamptz NOT NULL DEFAULT now()
);

-- AIP-155 request ids of admin changes. The id itself is not kept (it is the key to the stored
-- answer, which may hold an issued API key): only its SHA-256, the SHA-256 of the request without
-- its id, and the answer encrypted with AES-GCM under a key derived from the id.
CREATE TABLE IF NOT EXISTS exchange_admin_requests (
    request_hash bytea       PRIMARY KEY,
    method       text        NOT NULL,
    fingerprint  bytea       NOT NULL,
    answer       bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- Who changed which credential, when: written in the transaction of the change.
CREATE TABLE IF NOT EXISTS exchange_admin_events (
    event_id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor_id         text        NOT NULL,
    actor_key_prefix text        NOT NULL,
    action           text        NOT NULL,
    subject_kind     text        NOT NULL,
    subject_id       text        NOT NULL,
    details          jsonb       NOT NULL DEFAULT '{}'
);

-- Every gateway LISTENs on this channel and drops its cached credentials when told: a revocation
-- reaches them at commit, however it was made (the admin service, or psql). Per statement, not
-- per row: a platform's revocation of many keys is one notification.
CREATE OR REPLACE FUNCTION exchange_notify_credentials_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('exchange_credentials_changed', '');
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER exchange_credentials_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON exchange_credentials
    FOR EACH STATEMENT EXECUTE FUNCTION exchange_notify_credentials_changed();
