-- Sending never happens inside a database transaction: a delivery is claimed with a lease (a short transaction),
-- sent with a hard deadline, and its outcome recorded in a second transaction that still holds the lease. A replica
-- that dies mid-send leaves the lease to expire; the delivery is then claimed again and resent with the same id.
ALTER TABLE delivery ADD COLUMN lease_until TIMESTAMPTZ;
ALTER TABLE delivery ADD COLUMN lease_token UUID;
DROP INDEX delivery_pending;
CREATE INDEX delivery_pending ON delivery (channel, next_attempt_at) WHERE status = 'PENDING';
