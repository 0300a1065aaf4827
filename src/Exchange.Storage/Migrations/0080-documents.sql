-- Documents the hub renders for a court's act (民事裁定书, 民事调解书), addressed by the SHA-256 of
-- their bytes. Written before the state change that refers to them (the act's event names the hash
-- in its details), so a recorded act never points at a document that is missing; a document whose
-- act then failed to commit stays, unreferenced and harmless. Idempotent.
CREATE TABLE IF NOT EXISTS exchange_documents (
    sha256         bytea       PRIMARY KEY CHECK (length(sha256) = 32),
    application_id uuid        NOT NULL,
    media_type     text        NOT NULL,
    size_bytes     int         NOT NULL CHECK (size_bytes = length(content)),
    content        bytea       NOT NULL,
    stored_at      timestamptz NOT NULL DEFAULT now()
);
