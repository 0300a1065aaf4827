-- Applications get their own store (docs/ARCHITECTURE.md, "The application store"): the grain's
-- state moves from Orleans' orleans_storage into exchange_applications, beside the listing columns
-- it was projected into. One row is both the grain state and the read model; with its event that
-- is two rows per submission instead of three, and no JSON parsed in SQL (ApplicationStore binds
-- typed parameters).

ALTER TABLE exchange_applications ADD COLUMN IF NOT EXISTS state bytea;
-- A state (~3 KB of JSON) stays inline and uncompressed: pglz costs more CPU than the bytes it
-- saves here, and an out-of-line TOAST row would be a third row per write (issue 12's gate).
ALTER TABLE exchange_applications SET (toast_tuple_target = 8160);

-- The states stored so far, byte for byte (an old state's "lastEvent" is ignored by the reader).
-- "|| ''" makes each a new value: copied as stored, it would keep its pglz compression, which the
-- table's toast_tuple_target does not undo (found by the migration test on 3193d9c's database).
UPDATE exchange_applications a
   SET state = s.payload || ''::bytea
  FROM orleans_storage s
 WHERE s.grain_type = 'application'
   AND s.grain_id_ext = a.application_id::text
   AND s.payload IS NOT NULL;

DO $$
DECLARE
    missing int;
    apart int;
    unlisted int;
BEGIN
    SELECT count(*) INTO missing FROM exchange_applications WHERE state IS NULL;
    SELECT count(*) INTO unlisted
      FROM orleans_storage s
     WHERE s.grain_type = 'application'
       AND NOT EXISTS (SELECT 1 FROM exchange_applications a WHERE a.application_id::text = s.grain_id_ext);
    SELECT count(*) INTO apart
      FROM exchange_applications a JOIN orleans_storage s
        ON s.grain_type = 'application' AND s.grain_id_ext = a.application_id::text
     WHERE s.version <> a.version;
    IF missing > 0 OR apart > 0 OR unlisted > 0 THEN
        -- State and listing were always written by one statement; if they disagree, stop rather
        -- than guess which one is the record.
        RAISE EXCEPTION 'application store: % applications without a stored state, % whose state and listing versions differ, % states without a listing row',
            missing, apart, unlisted;
    END IF;
END
$$;

DELETE FROM orleans_storage WHERE grain_type = 'application';
ALTER TABLE exchange_applications ALTER COLUMN state SET NOT NULL;
