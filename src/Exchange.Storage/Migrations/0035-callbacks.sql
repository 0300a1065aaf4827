-- Signed callbacks (updates.proto, "Signed callbacks"): one endpoint per platform, delivered from
-- the platform's feed (exchange_feed) one update at a time, and a log of every attempt.

-- The signing secrets are stored as given: they are HMAC keys, so the hub must read them back to
-- sign (a hash would not do). They are never logged and returned only by the call that made them;
-- whoever can read this table can forge callbacks, as whoever can read exchange_feed can read the
-- updates themselves.
CREATE TABLE IF NOT EXISTS exchange_callback_endpoints (
    platform_id                 text        PRIMARY KEY,
    url                         text        NOT NULL,
    secret                      text        NOT NULL,
    secret_created_at           timestamptz NOT NULL,
    -- The secret before the last rotation: it signs too until previous_secret_valid_until.
    previous_secret             text        NULL,
    previous_secret_valid_until timestamptz NULL,
    -- The position in the platform's feed of the last update delivered (answered 2xx).
    delivered_position          bigint      NOT NULL,
    -- 1 active, 2 paused (failing for the pause period; SetCallbackEndpoint resumes it).
    state                       smallint    NOT NULL DEFAULT 1 CHECK (state IN (1, 2)),
    -- Since when the update after delivered_position has failed (null: not failing).
    failing_since               timestamptz NULL,
    next_attempt_at             timestamptz NOT NULL DEFAULT now(),
    -- Failed attempts of the update after delivered_position.
    attempts                    int         NOT NULL DEFAULT 0,
    last_error                  text        NULL,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now()
);

-- One row per delivery attempt. Pruned by age like the feed (the gateway's deliverer).
CREATE TABLE IF NOT EXISTS exchange_callback_deliveries (
    delivery_id    bigint      GENERATED ALWAYS AS IDENTITY,
    platform_id    text        NOT NULL,
    event_id       text        NOT NULL,
    application_id uuid        NULL,
    attempt        int         NOT NULL,
    attempted_at   timestamptz NOT NULL,
    delivered      boolean     NOT NULL,
    http_status    int         NOT NULL,
    error          text        NULL,
    duration_ms    int         NOT NULL,
    url            text        NOT NULL,
    PRIMARY KEY (platform_id, delivery_id)
);
-- Appended in time order: BRIN is enough for pruning by age.
CREATE INDEX IF NOT EXISTS exchange_callback_deliveries_attempted_at ON exchange_callback_deliveries USING brin (attempted_at);
