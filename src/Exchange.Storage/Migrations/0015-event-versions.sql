-- Every change of an application is recorded by its event (docs/ARCHITECTURE.md, "One transaction
-- per change"): an application's events are numbered 1, 2, 3 … without a gap, and the version of
-- its state — the read-model row's version, written by the same statement as the state — is the
-- sequence of an event it has. Checked by the database, so that no writer (a bug in the write
-- statement, a grain that forgot its event, a hand-made fix) can store a version without its
-- event: that write fails whole, and a history can never read 1, 3.
-- AFTER ROW triggers, not BEFORE: they run at the end of the statement and so see the event and
-- the read-model row that one statement writes together.
-- Idempotent (CREATE OR REPLACE), so that it may run on a database that already has it.

CREATE OR REPLACE FUNCTION exchange_check_event_follows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.seq < 1 OR (NEW.seq > 1 AND NOT EXISTS (
        SELECT 1 FROM exchange_events WHERE application_id = NEW.application_id AND seq = NEW.seq - 1)) THEN
        RAISE EXCEPTION 'event % of application % does not follow event %', NEW.seq, NEW.application_id, NEW.seq - 1
            USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = 'exchange_events_contiguous';
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER exchange_events_contiguous
    AFTER INSERT OR UPDATE OF application_id, seq ON exchange_events
    FOR EACH ROW EXECUTE FUNCTION exchange_check_event_follows();

CREATE OR REPLACE FUNCTION exchange_check_version_has_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM exchange_events WHERE application_id = NEW.application_id AND seq = NEW.version) THEN
        RAISE EXCEPTION 'application % written at version % without its event', NEW.application_id, NEW.version
            USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = 'exchange_applications_version_event';
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER exchange_applications_version_event
    AFTER INSERT OR UPDATE OF application_id, version ON exchange_applications
    FOR EACH ROW EXECUTE FUNCTION exchange_check_version_has_event();
