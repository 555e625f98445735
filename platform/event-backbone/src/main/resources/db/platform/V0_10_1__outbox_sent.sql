-- Sent events leave the outbox (issue 11, goal 3).
--
-- Marking a row sent used to be an UPDATE of sent_at, a column that the pending and parked partial indexes name in
-- their predicates and that had an index of its own: no such update can be HOT, so every sent event wrote a new heap
-- tuple and new entries in three indexes, and the table grew to hundreds of MB for a few hundred thousand rows. No
-- index that finds pending rows quickly can avoid naming "sent" somehow, so the relay now deletes the rows it sent
-- from outbox_event and appends them to outbox_sent in the same statement: outbox_event holds only what is still to
-- be sent (pending or parked) and stays small, and a delete writes no index entries.
--
-- outbox_sent is the retention copy (audit, replay by hand): append-only, kept for qcdc.events.relay.retention and
-- purged by the relay. Its only index is a BRIN on sent_at (rows arrive in sent_at order), which costs nearly nothing
-- to maintain and is what the purge needs; a lookup by event id is a rare operator's query and may scan.
CREATE TABLE outbox_sent (
    seq                BIGINT      NOT NULL,
    event_id           UUID        NOT NULL,
    topic              TEXT        NOT NULL,
    record_key         TEXT        NOT NULL,
    type               TEXT        NOT NULL,
    source             TEXT        NOT NULL,
    subject            TEXT,
    occurred_at        TIMESTAMPTZ NOT NULL,
    payload            TEXT        NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    sent_at            TIMESTAMPTZ NOT NULL,
    attempts           INTEGER     NOT NULL,
    last_error         TEXT,
    aggregate_version  BIGINT
);
CREATE INDEX outbox_sent_sent_at ON outbox_sent USING brin (sent_at);

INSERT INTO outbox_sent (seq, event_id, topic, record_key, type, source, subject, occurred_at, payload, created_at,
                         sent_at, attempts, last_error, aggregate_version)
SELECT seq, event_id, topic, record_key, type, source, subject, occurred_at, payload, created_at, sent_at, attempts,
       last_error, aggregate_version
FROM outbox_event WHERE sent_at IS NOT NULL;
DELETE FROM outbox_event WHERE sent_at IS NOT NULL;

-- Every row left in outbox_event is unsent: the column and the indexes naming it go.
DROP INDEX outbox_event_sent_at;
DROP INDEX outbox_event_pending;
DROP INDEX outbox_event_parked;
ALTER TABLE outbox_event DROP COLUMN sent_at;
CREATE INDEX outbox_event_pending ON outbox_event (seq) WHERE parked_at IS NULL;
CREATE INDEX outbox_event_parked ON outbox_event (seq) WHERE parked_at IS NOT NULL;

-- Every event, still to be sent or sent within the retention: what an operator (or a test) reads to see what a
-- service announced, wherever the row is now.
CREATE VIEW outbox_log AS
SELECT seq, event_id, topic, record_key, type, source, subject, occurred_at, payload, created_at,
       NULL::timestamptz AS sent_at, attempts, last_error, aggregate_version, parked_at
FROM outbox_event
UNION ALL
SELECT seq, event_id, topic, record_key, type, source, subject, occurred_at, payload, created_at, sent_at, attempts,
       last_error, aggregate_version, NULL::timestamptz AS parked_at
FROM outbox_sent;

-- The consumers' record of processed events is purged by age too: rows arrive in processed_at order, so a BRIN index
-- lets the purge find the old ones without reading the whole table.
CREATE INDEX processed_event_processed_at ON processed_event USING brin (processed_at);
