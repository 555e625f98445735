-- "Dân vận khéo" models (mô hình Dân vận khéo), one row per model and year: a model maintained into a new year is
-- a new row linked to the previous one (previous_model_id), so each year keeps its own status and results.
CREATE TABLE dvk_model (
    id                     UUID         PRIMARY KEY,
    name                   TEXT         NOT NULL,
    name_key               TEXT         NOT NULL,
    unit_code              TEXT         NOT NULL,
    unit_name              TEXT         NOT NULL,   -- the unit's name when the model was registered
    org_type               TEXT         NOT NULL,
    org_name               TEXT,
    year                   INTEGER      NOT NULL,
    field                  TEXT         NOT NULL,
    kind                   TEXT         NOT NULL,
    holder_name            TEXT         NOT NULL,
    description            TEXT,
    objectives             TEXT,
    start_date             DATE,
    participants           TEXT,
    beneficiaries          TEXT,
    indicators             JSONB        NOT NULL,
    status                 TEXT         NOT NULL,
    outstanding            BOOLEAN      NOT NULL DEFAULT FALSE,
    self_evaluation        JSONB,
    proposal               JSONB,
    recognition            JSONB,
    commendation_proposal  JSONB,
    status_reason          TEXT,
    previous_model_id      UUID         REFERENCES dvk_model (id),
    created_at             TIMESTAMPTZ  NOT NULL,
    created_by             TEXT         NOT NULL,
    updated_at             TIMESTAMPTZ  NOT NULL,
    updated_by             TEXT         NOT NULL,
    version                BIGINT       NOT NULL
);
CREATE INDEX dvk_model_year_unit ON dvk_model (year, unit_code);
CREATE INDEX dvk_model_unit_year_id ON dvk_model (unit_code, year DESC, id);
CREATE INDEX dvk_model_created ON dvk_model (created_at DESC, id);
CREATE UNIQUE INDEX dvk_model_one_continuation ON dvk_model (previous_model_id) WHERE previous_model_id IS NOT NULL;

-- Every action on a model: who, when, why; status transitions carry from/to.
CREATE TABLE dvk_model_history (
    id           UUID         PRIMARY KEY,
    model_id     UUID         NOT NULL REFERENCES dvk_model (id),
    action       TEXT         NOT NULL,
    from_status  TEXT,
    to_status    TEXT,
    reason       TEXT,
    actor        TEXT         NOT NULL,
    at           TIMESTAMPTZ  NOT NULL
);
CREATE INDEX dvk_model_history_model ON dvk_model_history (model_id, at, id);

-- Result reports during implementation: achieved indicator values, text, evidence.
CREATE TABLE dvk_model_report (
    id                UUID         PRIMARY KEY,
    model_id          UUID         NOT NULL REFERENCES dvk_model (id),
    period_end        DATE,
    summary           TEXT         NOT NULL,
    indicator_values  JSONB        NOT NULL,
    evidence          JSONB        NOT NULL,
    reported_at       TIMESTAMPTZ  NOT NULL,
    reported_by       TEXT         NOT NULL
);
CREATE INDEX dvk_model_report_model ON dvk_model_report (model_id, reported_at);

-- Uploaded evidence files (tài liệu minh chứng): content kept with its SHA-256 so a copy can be verified.
CREATE TABLE dvk_model_evidence (
    id            UUID         PRIMARY KEY,
    model_id      UUID         NOT NULL REFERENCES dvk_model (id),
    file_name     TEXT         NOT NULL,
    content_type  TEXT         NOT NULL,
    size_bytes    BIGINT       NOT NULL,
    sha256        TEXT         NOT NULL,
    content       BYTEA        NOT NULL,
    uploaded_at   TIMESTAMPTZ  NOT NULL,
    uploaded_by   TEXT         NOT NULL
);
CREATE INDEX dvk_model_evidence_model ON dvk_model_evidence (model_id);
