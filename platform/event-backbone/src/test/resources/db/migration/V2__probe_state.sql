-- The latest value set on a probe aggregate ("set:<value>" notes): what a consumer's state looks like after a burst
-- of changes, to compare with the last change made.
CREATE TABLE probe_state (probe_id TEXT PRIMARY KEY, value TEXT NOT NULL);
