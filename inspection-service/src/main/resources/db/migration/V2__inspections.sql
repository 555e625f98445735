-- Inspections (buổi làm việc, kiểm tra) of a delegation at a ward/commune, their findings, evidence and conclusion.
CREATE TABLE inspection (
    id                   UUID         PRIMARY KEY,
    delegation_id        UUID         NOT NULL REFERENCES delegation (id),
    unit_code            TEXT         NOT NULL,
    unit_name            TEXT         NOT NULL,
    steering_unit_code   TEXT         NOT NULL,
    search_key           TEXT         NOT NULL,
    scheduled_date       DATE         NOT NULL,
    year_assessed        INTEGER      NOT NULL,
    topics               TEXT[]       NOT NULL,
    status               TEXT         NOT NULL,
    internal_note        TEXT,
    cancel_reason        TEXT,
    public_disclosure    BOOLEAN      NOT NULL DEFAULT FALSE,
    conclusion_text      TEXT,
    conclusion_signer    TEXT,
    conclusion_signer_title TEXT,
    conclusion_date      DATE,
    concluded_at         TIMESTAMPTZ,
    closed_at            TIMESTAMPTZ,
    created_at           TIMESTAMPTZ  NOT NULL,
    created_by           TEXT         NOT NULL,
    updated_at           TIMESTAMPTZ  NOT NULL,
    updated_by           TEXT         NOT NULL,
    version              BIGINT       NOT NULL
);
CREATE INDEX inspection_unit_year ON inspection (unit_code, year_assessed, id);
CREATE INDEX inspection_scheduled ON inspection (scheduled_date DESC, id);
CREATE INDEX inspection_public ON inspection (unit_code, conclusion_date DESC) WHERE public_disclosure;

-- Findings: achievements (kết quả đạt được) and limitations (tồn tại, hạn chế). After the conclusion a change is a
-- new row that amends (amends_id) the old one, which is kept and marked superseded: never overwritten.
CREATE TABLE finding (
    id                   UUID         PRIMARY KEY,
    inspection_id        UUID         NOT NULL REFERENCES inspection (id),
    kind                 TEXT         NOT NULL,
    area                 TEXT         NOT NULL,
    text                 TEXT         NOT NULL,
    indicators           JSONB        NOT NULL DEFAULT '[]',
    amendment            BOOLEAN      NOT NULL DEFAULT FALSE,
    amends_id            UUID         REFERENCES finding (id),
    superseded           BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at           TIMESTAMPTZ  NOT NULL,
    created_by           TEXT         NOT NULL,
    updated_at           TIMESTAMPTZ  NOT NULL,
    updated_by           TEXT         NOT NULL,
    version              BIGINT       NOT NULL
);
CREATE INDEX finding_inspection ON finding (inspection_id, created_at, id);

-- Evidence (hồ sơ, tài liệu minh chứng): linked by URI or uploaded (content in evidence_content, with SHA-256).
CREATE TABLE evidence (
    id                   UUID         PRIMARY KEY,
    inspection_id        UUID         NOT NULL REFERENCES inspection (id),
    title                TEXT         NOT NULL,
    kind                 TEXT         NOT NULL,
    reference_number     TEXT,
    document_date        DATE,
    uri                  TEXT,
    file_name            TEXT,
    content_type         TEXT,
    size_bytes           BIGINT,
    sha256               TEXT,
    created_at           TIMESTAMPTZ  NOT NULL,
    created_by           TEXT         NOT NULL
);
CREATE INDEX evidence_inspection ON evidence (inspection_id, created_at, id);
CREATE TABLE evidence_content (
    evidence_id          UUID         PRIMARY KEY REFERENCES evidence (id),
    content              BYTEA        NOT NULL
);

-- Recommendations (đề nghị, kiến nghị) issued by a conclusion. unit_code/steering_unit_code/year_assessed are copied
-- from the inspection so the cross-inspection list filters on one table with its own indexes.
CREATE TABLE recommendation (
    id                   UUID         PRIMARY KEY,
    inspection_id        UUID         NOT NULL REFERENCES inspection (id),
    seq                  INTEGER      NOT NULL,
    content              TEXT         NOT NULL,
    search_key           TEXT         NOT NULL,
    unit_code            TEXT         NOT NULL,
    unit_name            TEXT         NOT NULL,
    steering_unit_code   TEXT         NOT NULL,
    year_assessed        INTEGER      NOT NULL,
    area                 TEXT         NOT NULL,
    priority             TEXT         NOT NULL,
    due_date             DATE         NOT NULL,
    original_due_date    DATE         NOT NULL,
    status               TEXT         NOT NULL,
    addressees           JSONB        NOT NULL,
    addressee_types      TEXT[]       NOT NULL,
    progress_percent     INTEGER      NOT NULL DEFAULT 0,
    last_reason          TEXT,
    completion_reported_at TIMESTAMPTZ,
    verified_at          TIMESTAMPTZ,
    created_at           TIMESTAMPTZ  NOT NULL,
    created_by           TEXT         NOT NULL,
    updated_at           TIMESTAMPTZ  NOT NULL,
    updated_by           TEXT         NOT NULL,
    version              BIGINT       NOT NULL
);
CREATE INDEX recommendation_inspection ON recommendation (inspection_id, seq);
CREATE INDEX recommendation_unit_due ON recommendation (unit_code, due_date, id);
CREATE INDEX recommendation_unit_created ON recommendation (unit_code, created_at, id);
CREATE INDEX recommendation_status_due ON recommendation (status, due_date, id);
CREATE INDEX recommendation_due ON recommendation (due_date, id);
CREATE INDEX recommendation_created ON recommendation (created_at, id);
CREATE INDEX recommendation_addressee_types ON recommendation USING GIN (addressee_types);

-- Progress and completion reports of the addressees (báo cáo tiến độ, báo cáo hoàn thành).
CREATE TABLE progress_report (
    id                   UUID         PRIMARY KEY,
    recommendation_id    UUID         NOT NULL REFERENCES recommendation (id),
    kind                 TEXT         NOT NULL,
    text                 TEXT         NOT NULL,
    percent              INTEGER      NOT NULL,
    evidence             JSONB        NOT NULL DEFAULT '[]',
    reported_by          TEXT         NOT NULL,
    reported_for         TEXT,
    reported_at          TIMESTAMPTZ  NOT NULL
);
CREATE INDEX progress_report_recommendation ON progress_report (recommendation_id, reported_at, id);

-- Who changed what, when: every change of an inspection or a recommendation (lịch sử thay đổi).
CREATE TABLE change_history (
    id                   BIGSERIAL    PRIMARY KEY,
    aggregate_type       TEXT         NOT NULL,
    aggregate_id         UUID         NOT NULL,
    inspection_id        UUID         NOT NULL,
    at                   TIMESTAMPTZ  NOT NULL,
    actor                TEXT         NOT NULL,
    action               TEXT         NOT NULL,
    detail               JSONB        NOT NULL DEFAULT '{}'
);
CREATE INDEX change_history_aggregate ON change_history (aggregate_id, id);
CREATE INDEX change_history_inspection ON change_history (inspection_id, id);

-- Read model of "Dân vận khéo" models, fed by model-registry events (upsert of the snapshot each event carries).
CREATE TABLE dvk_model (
    model_id             UUID         PRIMARY KEY,
    name                 TEXT,
    unit_code            TEXT         NOT NULL,
    org_type             TEXT,
    year                 INTEGER      NOT NULL,
    field                TEXT,
    kind                 TEXT,
    status               TEXT         NOT NULL,
    outstanding          BOOLEAN      NOT NULL DEFAULT FALSE,
    updated_at           TIMESTAMPTZ  NOT NULL
);
CREATE INDEX dvk_model_unit_year ON dvk_model (unit_code, year);

-- Demo data loaded once (QCDC_DEMO_DATA=true).
CREATE TABLE demo_data_marker (
    name                 TEXT         PRIMARY KEY,
    loaded_at            TIMESTAMPTZ  NOT NULL
);
