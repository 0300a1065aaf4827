-- One statement writes the grain state and, for application grains, projects the read-model row
-- and appends the state's new event: they commit or fail together.
-- Version rule: insert when @GrainStateVersion is null and no row exists; otherwise update only when
-- the stored version equals it. Always returns one row: the new version, or the unchanged one
-- (null for a failed insert) so the provider raises its inconsistent-state error.
WITH doc AS (
    -- The application state as JSON (ApplicationStateSerializer); no row for other grain types.
    SELECT convert_from(@PayloadBinary, 'UTF8')::jsonb AS d
    WHERE @GrainTypeString = 'application'
), inserted AS (
    INSERT INTO orleans_storage (service_id, grain_type, grain_id_ext, grain_id_n0, grain_id_n1,
                                 grain_id_hash, grain_type_hash, payload, modified_on, version)
    SELECT @ServiceId, @GrainTypeString, COALESCE(@GrainIdExtensionString, ''), @GrainIdN0, @GrainIdN1,
           @GrainIdHash, @GrainTypeHash, @PayloadBinary, now(), 1
    WHERE @GrainStateVersion::int IS NULL
      -- A new application whose idempotency key is already taken inserts nothing (the grain then
      -- answers with the existing application); a concurrent one fails on the unique constraint below.
      AND NOT EXISTS (
          SELECT 1 FROM doc JOIN exchange_applications a
            ON a.platform_id = d->>'platformId'
           AND a.platform_case_id = d->'draft'->>'platformCaseId'
           AND a.application_type = d->'draft'->>'type')
    ON CONFLICT DO NOTHING
    RETURNING version
), updated AS (
    UPDATE orleans_storage
       SET payload = @PayloadBinary, modified_on = now(), version = version + 1
     WHERE @GrainStateVersion::int IS NOT NULL
       AND service_id = @ServiceId
       AND grain_type = @GrainTypeString
       AND grain_id_ext = COALESCE(@GrainIdExtensionString, '')
       AND grain_id_n0 = @GrainIdN0
       AND grain_id_n1 = @GrainIdN1
       AND version = @GrainStateVersion::int
    RETURNING version
), written AS (
    SELECT version FROM inserted UNION ALL SELECT version FROM updated
), projected AS (
    INSERT INTO exchange_applications AS a (application_id, platform_id, platform_case_id, application_type,
                                            court_code, status, received_at, updated_at, version,
                                            payload_sha256, withdrawal_requested_at)
    SELECT (d->>'applicationId')::uuid, d->>'platformId', d->'draft'->>'platformCaseId', d->'draft'->>'type',
           d->'draft'->>'courtCode', d->>'status', (d->>'receivedAt')::timestamptz,
           (d->>'updatedAt')::timestamptz, w.version, d->>'payloadSha256',
           (d->>'withdrawalRequestedAt')::timestamptz
    FROM doc, written w
    ON CONFLICT (application_id) DO UPDATE
       SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at, version = EXCLUDED.version,
           withdrawal_requested_at = EXCLUDED.withdrawal_requested_at
    RETURNING 1
), appended AS (
    INSERT INTO exchange_events (application_id, seq, occurred_at, kind, actor_kind, actor_id, actor_name,
                                 reason, status_after, details)
    SELECT (d->>'applicationId')::uuid,
           -- The grain numbers its event with the version this write creates; a mismatch is a bug
           -- that must fail the whole write rather than leave state and history apart.
           CASE WHEN (e->>'sequence')::int = w.version THEN w.version
                ELSE ('event sequence ' || (e->>'sequence') || ' does not match state version ' || w.version)::int END,
           (e->>'occurredAt')::timestamptz, e->>'kind', e->'actor'->>'kind', e->'actor'->>'id',
           e->'actor'->>'name', e->>'reason', e->>'statusAfter', e->'details'
    FROM doc, written w, LATERAL (SELECT d->'lastEvent' AS e) ev
    WHERE jsonb_typeof(e) = 'object' AND (e->>'sequence')::int >= w.version
    RETURNING 1
)
SELECT COALESCE((SELECT version FROM written), @GrainStateVersion::int) AS "NewGrainStateVersion"
