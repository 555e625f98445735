-- Bulk import of a province's past "Dân vận khéo" models: a stable external id per imported model (a re-import
-- updates the model it wrote before), the history lines an import wrote (a re-import replaces them), and the import
-- jobs with their counts and row errors (the same shape as inspection-service's).
ALTER TABLE dvk_model ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX dvk_model_external_id ON dvk_model (external_id);
ALTER TABLE dvk_model_history ADD COLUMN imported BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE import_job (
    id                   UUID         PRIMARY KEY,
    kind                 TEXT         NOT NULL,
    format               TEXT         NOT NULL,
    file_name            TEXT,
    dry_run              BOOLEAN      NOT NULL,
    valid_rows_only      BOOLEAN      NOT NULL,
    status               TEXT         NOT NULL,
    rows_read            BIGINT       NOT NULL DEFAULT 0,
    rows_invalid         BIGINT       NOT NULL DEFAULT 0,
    rows_written         BIGINT       NOT NULL DEFAULT 0,
    models_created       BIGINT       NOT NULL DEFAULT 0,
    models_updated       BIGINT       NOT NULL DEFAULT 0,
    failure              TEXT,
    created_at           TIMESTAMPTZ  NOT NULL,
    created_by           TEXT         NOT NULL,
    unit_code            TEXT         NOT NULL,
    finished_at          TIMESTAMPTZ
);
CREATE INDEX import_job_unit ON import_job (unit_code, created_at DESC);

-- One line per error of a row: the column, the message key with its arguments (worded in the reader's language when
-- read) and the value refused.
CREATE TABLE import_error (
    job_id               UUID         NOT NULL REFERENCES import_job (id),
    row_no               BIGINT       NOT NULL,
    seq                  INTEGER      NOT NULL,
    column_name          TEXT,
    code                 TEXT         NOT NULL,
    args                 TEXT[]       NOT NULL,
    value                TEXT,
    PRIMARY KEY (job_id, row_no, seq)
);
