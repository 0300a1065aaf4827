-- Large attachments (attachments.proto): files a platform uploads in chunks and then references by
-- SHA-256 from a filing, a correction or a supplement; and each court's size limit for them.

-- The largest file a platform may upload for the court, in bytes; 100 MiB unless an operator sets
-- another.
ALTER TABLE exchange_courts
    ADD COLUMN max_attachment_bytes bigint NOT NULL DEFAULT 104857600 CHECK (max_attachment_bytes > 0);

-- One row per file a platform uploaded, written in the same transaction as its chunks, which
-- commits only once the bytes received matched the declared size and SHA-256. Keyed by platform:
-- a file is visible to the platform that uploaded it (and to the court of an application that
-- references it), never to another platform that happens to hold the same bytes.
CREATE TABLE exchange_uploads (
    platform_id text        NOT NULL REFERENCES exchange_platforms (platform_id),
    sha256      bytea       NOT NULL CHECK (length(sha256) = 32),
    size_bytes  bigint      NOT NULL CHECK (size_bytes > 0),
    file_name   text        NOT NULL,
    media_type  text        NOT NULL,
    court_code  text        NOT NULL REFERENCES exchange_courts (court_code),
    chunk_count int         NOT NULL CHECK (chunk_count > 0),
    uploaded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (platform_id, sha256)
);

-- The file's bytes, in rows of 1 MiB (the last one shorter), numbered from 0: written and read one
-- row at a time, so neither side ever holds more than a chunk (docs/ARCHITECTURE.md, "Large
-- attachments").
CREATE TABLE exchange_upload_chunks (
    platform_id text  NOT NULL,
    sha256      bytea NOT NULL,
    chunk_index int   NOT NULL CHECK (chunk_index >= 0),
    content     bytea NOT NULL,
    PRIMARY KEY (platform_id, sha256, chunk_index),
    FOREIGN KEY (platform_id, sha256) REFERENCES exchange_uploads (platform_id, sha256) DEFERRABLE INITIALLY DEFERRED
);

-- Uploaded files are mostly PDFs and images, compressed already: store them out of line without
-- trying pglz on every megabyte.
ALTER TABLE exchange_upload_chunks ALTER COLUMN content SET STORAGE EXTERNAL;
