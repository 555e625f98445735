-- Order per aggregate is part of the event contract (event-backbone module).

-- Each event carries its aggregate's version: a gap-free sequence per (topic, record key), taken in the writing
-- transaction. The row lock on the counter serialises writers of one aggregate, so versions follow commit order.
CREATE TABLE outbox_aggregate (
    topic       TEXT   NOT NULL,
    record_key  TEXT   NOT NULL,
    version     BIGINT NOT NULL,
    PRIMARY KEY (topic, record_key)
);
ALTER TABLE outbox_event ADD COLUMN aggregate_version BIGINT;

-- A row the broker keeps refusing for a reason other than an outage is parked after a few attempts, so it cannot
-- stop the rows behind it; an admin re-queues it (parked_at back to NULL).
ALTER TABLE outbox_event ADD COLUMN parked_at TIMESTAMPTZ;
DROP INDEX outbox_event_pending;
CREATE INDEX outbox_event_pending ON outbox_event (seq) WHERE sent_at IS NULL AND parked_at IS NULL;
CREATE INDEX outbox_event_parked ON outbox_event (seq) WHERE parked_at IS NOT NULL AND sent_at IS NULL;

-- The newest version of each aggregate a consumer has applied: an older event arriving later changes nothing.
CREATE TABLE consumed_aggregate (
    consumer       TEXT   NOT NULL,
    source         TEXT   NOT NULL,
    aggregate_key  TEXT   NOT NULL,
    version        BIGINT NOT NULL,
    PRIMARY KEY (consumer, source, aggregate_key)
);
