-- Digests (bản tin tổng hợp): a contact chooses immediate notices or a daily or weekly digest of what is due,
-- overdue and newly addressed to it.
ALTER TABLE contact ADD COLUMN digest TEXT NOT NULL DEFAULT 'IMMEDIATE'
    CONSTRAINT contact_digest_known CHECK (digest IN ('IMMEDIATE', 'DAILY', 'WEEKLY'));
CREATE INDEX contact_digest ON contact (digest) WHERE digest <> 'IMMEDIATE';

-- One row per digest sent (or found empty) to a contact for a period (daily/2021-02-18, weekly/2021-W08). The
-- primary key is the exactly-once guarantee across replicas: the row is inserted in the transaction that plans the
-- digest's deliveries, so a second claimer waits for the first one's commit and then finds the row.
CREATE TABLE digest_run (
    contact_id  UUID         NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    period_key  TEXT         NOT NULL,
    frequency   TEXT         NOT NULL,
    sent_at     TIMESTAMPTZ  NOT NULL,
    items       INTEGER      NOT NULL,
    PRIMARY KEY (contact_id, period_key)
);
CREATE INDEX digest_run_latest ON digest_run (contact_id, sent_at DESC);
