-- exchange_events.feed_position was never read: the feed brings a position of its own design.
-- Dropping a column is a catalogue change (no rewrite of the table), so the ACCESS EXCLUSIVE lock
-- it takes on exchange_events is held for an instant, once.
DROP INDEX IF EXISTS exchange_events_feed;
ALTER TABLE exchange_events DROP COLUMN IF EXISTS feed_position;
