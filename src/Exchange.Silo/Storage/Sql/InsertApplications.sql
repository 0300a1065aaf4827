-- Group commit: the first write of many new applications in one statement (and one commit).
-- Per row it does what WriteToStorageKey does for a first write (null version): insert the state
-- unless the idempotency key is taken, project the read-model row, append the first event.
-- $1 service id, $2 grain type, $3 grain ids (text[]), $4 payloads (bytea[]).
-- Returns one row per input, in input order: the new version (1), or null when nothing was stored.
WITH input AS (
    SELECT grain_id_ext, payload, ord
    FROM unnest($3::text[], $4::bytea[]) WITH ORDINALITY AS t(grain_id_ext, payload, ord)
), doc AS (
    SELECT grain_id_ext, payload, convert_from(payload, 'UTF8')::jsonb AS d FROM input
), inserted AS (
    INSERT INTO orleans_storage (service_id, grain_type, grain_id_ext, grain_id_n0, grain_id_n1,
                                 grain_id_hash, grain_type_hash, payload, modified_on, version)
    SELECT $1, $2, doc.grain_id_ext, 0, 0, hashtext(doc.grain_id_ext), hashtext($2), doc.payload, now(), 1
    FROM doc
    WHERE NOT EXISTS (
        SELECT 1 FROM exchange_applications a
        WHERE a.platform_id = d->>'platformId'
          AND a.platform_case_id = d->'draft'->>'platformCaseId'
          AND a.application_type = d->'draft'->>'type')
    ON CONFLICT DO NOTHING
    RETURNING grain_id_ext, version
), projected AS (
    INSERT INTO exchange_applications (application_id, platform_id, platform_case_id, application_type,
                                       court_code, status, received_at, updated_at, version,
                                       payload_sha256, withdrawal_requested_at)
    SELECT (d->>'applicationId')::uuid, d->>'platformId', d->'draft'->>'platformCaseId', d->'draft'->>'type',
           d->'draft'->>'courtCode', d->>'status', (d->>'receivedAt')::timestamptz,
           (d->>'updatedAt')::timestamptz, i.version, d->>'payloadSha256',
           (d->>'withdrawalRequestedAt')::timestamptz
    FROM doc JOIN inserted i USING (grain_id_ext)
    RETURNING 1
), appended AS (
    INSERT INTO exchange_events (application_id, seq, occurred_at, kind, actor_kind, actor_id, actor_name,
                                 reason, status_after, details)
    SELECT (d->>'applicationId')::uuid,
           CASE WHEN (e->>'sequence')::int = i.version THEN i.version
                ELSE ('event sequence ' || (e->>'sequence') || ' does not match state version ' || i.version)::int END,
           (e->>'occurredAt')::timestamptz, e->>'kind', e->'actor'->>'kind', e->'actor'->>'id',
           e->'actor'->>'name', e->>'reason', e->>'statusAfter', e->'details'
    FROM doc JOIN inserted i USING (grain_id_ext), LATERAL (SELECT d->'lastEvent' AS e) ev
    WHERE jsonb_typeof(e) = 'object'
    RETURNING 1
)
SELECT input.ord, inserted.version
FROM input LEFT JOIN inserted USING (grain_id_ext)
ORDER BY input.ord
