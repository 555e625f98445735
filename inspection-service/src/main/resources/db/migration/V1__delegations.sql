-- Inspection delegations (Đoàn kiểm tra) of a steering committee.
CREATE TABLE delegation (
    id                   UUID         PRIMARY KEY,
    name                 TEXT         NOT NULL,
    name_key             TEXT         NOT NULL,
    committee_name       TEXT         NOT NULL,
    committee_level      TEXT         NOT NULL,
    committee_unit_code  TEXT         NOT NULL,
    year                 INTEGER      NOT NULL,
    topics               TEXT[]       NOT NULL,
    members              JSONB        NOT NULL,
    created_at           TIMESTAMPTZ  NOT NULL,
    created_by           TEXT         NOT NULL,
    updated_at           TIMESTAMPTZ  NOT NULL,
    updated_by           TEXT         NOT NULL,
    version              BIGINT       NOT NULL
);
CREATE INDEX delegation_unit_year ON delegation (committee_unit_code, year, id);
