-- The hash chain over each application's history (docs/ARCHITECTURE.md, "The hash chain"): every
-- event stores the SHA-256 of its predecessor's hash followed by its canonical content
-- (event_sha256) and that predecessor's hash (previous_sha256; 32 zero bytes for sequence 1).
-- exchange_event_sha256 below is the one place the store computes it: the write statement
-- (WriteToStorageKey) calls it for every event it appends, and this migration for the events
-- stored before. Exchange.Domain's EventChain spells the same encoding in C#; the grain's hash
-- must equal this one or its write fails.

-- One field of the canonical content: a netstring, "<UTF-8 byte length>:<bytes>,"; null is "".
CREATE OR REPLACE FUNCTION exchange_event_field(t text) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT convert_to(octet_length(convert_to(COALESCE(t, ''), 'UTF8')) || ':' || COALESCE(t, '') || ',', 'UTF8')
$$;

-- A stored enum name (the C# spelling, "UnderReview") as the contract spells it ("UNDER_REVIEW"),
-- which is what GetHistory returns and so what the canonical content holds.
CREATE OR REPLACE FUNCTION exchange_proto_name(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT upper(regexp_replace(t, '([a-z0-9])([A-Z])', '\1_\2', 'g'))
$$;

-- SHA-256(previous || canonical content). Details in ascending order of their keys' UTF-8 bytes
-- (bytea compares bytewise). STABLE, not IMMUTABLE: to_char is.
CREATE OR REPLACE FUNCTION exchange_event_sha256(
    previous bytea, application_id uuid, seq int, occurred_at timestamptz, kind text, actor_kind text,
    actor_id text, actor_name text, reason text, status_after text, details jsonb) RETURNS bytea
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT sha256(previous
        || exchange_event_field('exchange.v1.HistoryEvent/1')
        || exchange_event_field(application_id::text)
        || exchange_event_field(seq::text)
        || exchange_event_field(to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
        || exchange_event_field(kind)
        || exchange_event_field(exchange_proto_name(actor_kind))
        || exchange_event_field(actor_id)
        || exchange_event_field(actor_name)
        || exchange_event_field(reason)
        || exchange_event_field(exchange_proto_name(status_after))
        || COALESCE((SELECT string_agg(exchange_event_field(key) || exchange_event_field(value), ''::bytea
                                       ORDER BY convert_to(key, 'UTF8'))
                       FROM jsonb_each_text(details)), ''::bytea))
$$;

ALTER TABLE exchange_events ADD COLUMN IF NOT EXISTS previous_sha256 bytea;
ALTER TABLE exchange_events ADD COLUMN IF NOT EXISTS event_sha256 bytea;

-- The events stored before: each application's chain, oldest first.
DO $$
DECLARE
    r record;
    current_application uuid;
    previous bytea;
    hash bytea;
BEGIN
    FOR r IN SELECT application_id, seq, occurred_at, kind, actor_kind, actor_id, actor_name, reason, status_after, details
               FROM exchange_events WHERE event_sha256 IS NULL ORDER BY application_id, seq
    LOOP
        IF current_application IS DISTINCT FROM r.application_id THEN
            current_application := r.application_id;
            previous := CASE WHEN r.seq = 1 THEN '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea
                             ELSE (SELECT event_sha256 FROM exchange_events
                                    WHERE application_id = r.application_id AND seq = r.seq - 1) END;
        END IF;
        hash := exchange_event_sha256(previous, r.application_id, r.seq, r.occurred_at, r.kind, r.actor_kind,
                                      r.actor_id, r.actor_name, r.reason, r.status_after, r.details);
        UPDATE exchange_events SET previous_sha256 = previous, event_sha256 = hash
         WHERE application_id = r.application_id AND seq = r.seq;
        previous := hash;
    END LOOP;
END
$$;

-- Not NOT NULL: the write statement always sets both, but an event inserted by any other writer
-- (psql, a test's hand-made history) is stored without them, and `exchange verify` reports it as
-- the break it is, rather than the insert failing.

-- Each stored application state learns its chain's head and its first event's hash (the grain
-- answers them in GetApplication and the receipt without reading the events).
UPDATE orleans_storage s
   SET payload = convert_to((convert_from(s.payload, 'UTF8')::jsonb || jsonb_build_object(
           'chainHeadSha256', encode(head.event_sha256, 'hex'),
           'firstEventSha256', encode(first.event_sha256, 'hex')))::text, 'UTF8')
  FROM exchange_events head, exchange_events first
 WHERE s.grain_type = 'application'
   AND head.application_id = (convert_from(s.payload, 'UTF8')::jsonb->>'applicationId')::uuid
   AND head.seq = s.version
   AND first.application_id = head.application_id AND first.seq = 1;
