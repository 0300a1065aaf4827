-- One statement writes the grain state and, for application grains, projects the read-model row,
-- takes a case number when the state asks for one, and appends the state's new event: they commit
-- or fail together.
-- Version rule: insert when @GrainStateVersion is null and no row exists; otherwise update only when
-- the stored version equals it. Always returns one row: the new version, or the unchanged one
-- (null for a failed insert) so the provider raises its inconsistent-state error.
WITH doc AS (
    -- The application state as JSON (ApplicationStateSerializer); no row for other grain types.
    SELECT convert_from(@PayloadBinary, 'UTF8')::jsonb AS d
    WHERE @GrainTypeString = 'application'
), numbered AS (
    -- An accepting state carries caseYear and caseTypeCode without caseSequence: take the next
    -- number of that court, type code and year (exchange_take_case_number), but only if the
    -- version check below will pass. Other writes call nothing here.
    SELECT d->'draft'->>'courtCode' AS court_code, d->>'caseTypeCode' AS case_type_code, (d->>'caseYear')::int AS case_year,
           exchange_take_case_number(d->'draft'->>'courtCode', d->>'caseTypeCode', (d->>'caseYear')::int) AS last_sequence
    FROM doc
    WHERE d->>'caseYear' IS NOT NULL AND d->>'caseSequence' IS NULL AND @GrainStateVersion::int IS NOT NULL
      AND EXISTS (
          SELECT 1 FROM orleans_storage
           WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
             AND grain_id_ext = COALESCE(@GrainIdExtensionString, '')
             AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
             AND version = @GrainStateVersion::int)
), final AS (
    -- The state as stored: with the case number's sequence when one was taken.
    SELECT CASE WHEN n.last_sequence IS NULL THEN doc.d ELSE jsonb_set(doc.d, '{caseSequence}', to_jsonb(n.last_sequence)) END AS d,
           n.last_sequence,
           -- Same text as CaseNumbers.Format (the integration tests compare the two).
           '（' || n.case_year || '）' || n.court_code || n.case_type_code || n.last_sequence || '号' AS case_number
    FROM doc LEFT JOIN numbered n ON true
), chained AS (
    -- The event's link in the application's hash chain (exchange_event_sha256, migration 0095),
    -- over the event as this statement stores it (with the case number it took): the previous
    -- event's stored hash, or 32 zero bytes before the first.
    -- A first event (a submission: the hot path) is stored with the hash its grain computed: its
    -- predecessor is the constant, so there is nothing of the store's to check it against, and
    -- hashing it again here doubled PostgreSQL's CPU per submission (measured, issue 13's note).
    -- Later events are hashed again and must agree with the grain (the check in "appended").
    SELECT ev.e, ev.details, p.previous,
           CASE WHEN (ev.e->>'sequence')::int = 1 AND ev.e ? 'sha256' AND final.case_number IS NULL
                THEN decode(ev.e->>'sha256', 'hex')
                ELSE exchange_event_sha256(p.previous, (final.d->>'applicationId')::uuid, (ev.e->>'sequence')::int,
                                 (ev.e->>'occurredAt')::timestamptz, ev.e->>'kind', ev.e->'actor'->>'kind',
                                 ev.e->'actor'->>'id', ev.e->'actor'->>'name', ev.e->>'reason',
                                 ev.e->>'statusAfter', ev.details) END AS hash
    FROM final,
         LATERAL (SELECT final.d->'lastEvent' AS e,
                         CASE WHEN final.case_number IS NULL THEN final.d->'lastEvent'->'details'
                              ELSE COALESCE(final.d->'lastEvent'->'details', '{}'::jsonb) || jsonb_build_object('case_number', final.case_number)
                         END AS details) ev,
         LATERAL (SELECT CASE WHEN (ev.e->>'sequence')::int = 1
                              THEN '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea
                              ELSE (SELECT event_sha256 FROM exchange_events
                                     WHERE application_id = (final.d->>'applicationId')::uuid
                                       AND seq = (ev.e->>'sequence')::int - 1) END AS previous) p
    WHERE jsonb_typeof(ev.e) = 'object'
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
       -- The grain hashes its event itself and stores the head in its state, except when this
       -- statement changes the event (it adds the case number it took): then the head is set here.
       SET payload = CASE WHEN EXISTS (SELECT 1 FROM numbered)
                          THEN convert_to((SELECT jsonb_set(final.d, '{chainHeadSha256}', COALESCE(
                                                 (SELECT to_jsonb(encode(hash, 'hex')) FROM chained), 'null'::jsonb))::text
                                           FROM final), 'UTF8')
                          ELSE @PayloadBinary END,
           modified_on = now(), version = version + 1
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
                                            payload_sha256, withdrawal_requested_at, case_year, case_type_code,
                                            case_sequence, accepted_at, ruled_at, next_deadline_at,
                                            next_deadline_kind, watch_at)
    SELECT (d->>'applicationId')::uuid, d->>'platformId', d->'draft'->>'platformCaseId', d->'draft'->>'type',
           d->'draft'->>'courtCode', d->>'status', (d->>'receivedAt')::timestamptz,
           (d->>'updatedAt')::timestamptz, w.version, d->>'payloadSha256',
           (d->>'withdrawalRequestedAt')::timestamptz, (d->>'caseYear')::int, d->>'caseTypeCode',
           (d->>'caseSequence')::bigint, (d->>'acceptedAt')::timestamptz, (d->>'ruledAt')::timestamptz,
           -- Deadlines are stored nearest first.
           (d->'deadlines'->0->>'closesAt')::timestamptz, d->'deadlines'->0->>'kind', (d->>'watchAt')::timestamptz
    FROM final, written w
    ON CONFLICT (application_id) DO UPDATE
       SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at, version = EXCLUDED.version,
           withdrawal_requested_at = EXCLUDED.withdrawal_requested_at, case_year = EXCLUDED.case_year,
           case_type_code = EXCLUDED.case_type_code, case_sequence = EXCLUDED.case_sequence,
           accepted_at = EXCLUDED.accepted_at, ruled_at = EXCLUDED.ruled_at,
           next_deadline_at = EXCLUDED.next_deadline_at, next_deadline_kind = EXCLUDED.next_deadline_kind,
           watch_at = EXCLUDED.watch_at
    RETURNING 1
), appended AS (
    INSERT INTO exchange_events (application_id, seq, occurred_at, kind, actor_kind, actor_id, actor_name,
                                 reason, status_after, details, previous_sha256, event_sha256)
    SELECT (final.d->>'applicationId')::uuid,
           -- The grain numbers its event with the version this write creates, and hashes it as
           -- this statement does; a mismatch is a bug that must fail the whole write rather than
           -- leave state and history apart, or the grain's head apart from the stored chain.
           CASE WHEN (e->>'sequence')::int <> w.version
                THEN ('event sequence ' || (e->>'sequence') || ' does not match state version ' || w.version)::int
                WHEN e ? 'sha256' AND e->>'sha256' <> encode(c.hash, 'hex')
                THEN ('event ' || (e->>'sequence') || ' hashed ' || (e->>'sha256') || ' by the grain, ' || encode(c.hash, 'hex') || ' by the store')::int
                ELSE w.version END,
           (e->>'occurredAt')::timestamptz, e->>'kind', e->'actor'->>'kind', e->'actor'->>'id',
           e->'actor'->>'name', e->>'reason', e->>'statusAfter', c.details, c.previous, c.hash
    FROM final, written w, chained c
    WHERE (e->>'sequence')::int >= w.version
    RETURNING 1
)
SELECT COALESCE(
    (SELECT version FROM written),
    -- A case number taken without its state would be a gap: fail the statement instead.
    (SELECT ('case number ' || last_sequence || ' taken without a state write')::int FROM numbered WHERE last_sequence IS NOT NULL),
    @GrainStateVersion::int) AS "NewGrainStateVersion"
