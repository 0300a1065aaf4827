-- Mutual TLS for platforms (AdminService.BindClientCertificate): a client certificate, by the
-- SHA-256 of its DER encoding, speaks for one platform, as an API key does. The certificate's own
-- chain is not what is trusted: the binding is. Idempotent, so that it may run on a database that
-- already has it.
CREATE TABLE IF NOT EXISTS exchange_client_certificates (
    sha256      bytea       PRIMARY KEY CHECK (length(sha256) = 32),
    platform_id text        NOT NULL REFERENCES exchange_platforms (platform_id),
    subject     text        NOT NULL,
    not_after   timestamptz NOT NULL,
    bound_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS exchange_client_certificates_platform ON exchange_client_certificates (platform_id);

-- A binding is a credential: every gateway drops its cache when one changes, as for keys.
CREATE OR REPLACE TRIGGER exchange_client_certificates_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON exchange_client_certificates
    FOR EACH STATEMENT EXECUTE FUNCTION exchange_notify_credentials_changed();
