-- Idempotency-Key records (api-support): one row per (caller, key), written in the same transaction as the effect.
CREATE TABLE idempotency_record (
    caller        TEXT        NOT NULL,
    idem_key      TEXT        NOT NULL,
    operation     TEXT        NOT NULL,
    request_hash  TEXT        NOT NULL,
    status        INTEGER,
    location      TEXT,
    etag          TEXT,
    response_body TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, idem_key)
);
CREATE INDEX idempotency_record_created_at ON idempotency_record (created_at);
