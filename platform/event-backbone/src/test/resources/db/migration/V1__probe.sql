CREATE TABLE probe (id UUID PRIMARY KEY, note TEXT NOT NULL);
-- No unique constraint on event_id on purpose: a duplicate effect would show up as a second row.
CREATE TABLE probe_effect (id BIGSERIAL PRIMARY KEY, event_id TEXT NOT NULL, probe_id TEXT, note TEXT);
