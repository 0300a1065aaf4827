-- The relay reads exchange_events after its cursor through a b-tree in its own order
-- (xid, application_id, seq), instead of the BRIN index of 0030-feed.sql.
-- Why: the planner never used the BRIN index for the relay's read. auto_explain of the load test
-- (submit-unique, 64 callers, 20 s) showed every batch as a sequential scan of the whole table
-- ("Rows Removed by Filter" growing from 187 to 21,547 within the run, 3–8 ms a batch), so a
-- batch's cost grew with the table: on a year of applications it would be seconds. A b-tree range
-- scan from the cursor reads only the batch's own entries. It costs each write one more index
-- entry (counted in issue 11's note: WAL and statement time per stored application).
DROP INDEX IF EXISTS exchange_events_xid;
DROP FUNCTION IF EXISTS exchange_summarize_event_ranges();
ALTER TABLE exchange_feed_relay DROP COLUMN IF EXISTS summarized_to_block;
CREATE INDEX IF NOT EXISTS exchange_events_relay_order ON exchange_events (xid, application_id, seq);
