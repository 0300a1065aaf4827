-- The court console's key ring (ASP.NET Core Data Protection): the keys that protect its session
-- cookies and form tokens, kept where every gateway reads them, so that a cookie issued by one
-- gateway is accepted by another and survives a restart. One row per element the key manager
-- writes (a key, or a revocation), as its XML; the key material is in it, so the table is as
-- confidential as the officers' password hashes. Rows are never changed: a key expires (90 days by
-- default) and a new one is added beside it.
CREATE TABLE IF NOT EXISTS exchange_console_keys (
    name       text        PRIMARY KEY,
    xml        text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
