-- Follow-up plans (kế hoạch đôn đốc) of issued recommendations, one per recommendation.
CREATE TABLE followup_plan (
    recommendation_id   UUID         PRIMARY KEY,
    inspection_id       UUID,
    unit_code           TEXT         NOT NULL,
    unit_name           TEXT,
    steering_unit_code  TEXT,
    content             TEXT         NOT NULL,
    area                TEXT,
    priority            TEXT,
    due_date            DATE         NOT NULL,
    addressees          JSONB        NOT NULL,
    status              TEXT         NOT NULL,
    end_reason          TEXT,
    overdue_announced   BOOLEAN      NOT NULL DEFAULT false,
    escalated_to        TEXT,
    created_at          TIMESTAMPTZ  NOT NULL,
    updated_at          TIMESTAMPTZ  NOT NULL,
    version             BIGINT       NOT NULL
);
CREATE INDEX followup_plan_unit ON followup_plan (unit_code);

-- Planned steps of a plan. step_key names the step within the current deadline (e.g. 2021-03-31/before-14d), so
-- re-planning can never create a second copy of a step that already ran.
CREATE TABLE followup_step (
    id                 UUID         PRIMARY KEY,
    recommendation_id  UUID         NOT NULL REFERENCES followup_plan (recommendation_id),
    step_key           TEXT         NOT NULL,
    kind               TEXT         NOT NULL,
    due_at             TIMESTAMPTZ  NOT NULL,
    status             TEXT         NOT NULL,
    done_at            TIMESTAMPTZ,
    deliveries         INTEGER      NOT NULL DEFAULT 0,
    CONSTRAINT followup_step_once UNIQUE (recommendation_id, step_key)
);
CREATE INDEX followup_step_due ON followup_step (due_at) WHERE status = 'PLANNED';

-- One row per notification to one recipient on one channel. The UNIQUE constraint is the exactly-once guarantee:
-- two replicas, a re-run tick or a redelivered event can never create a second delivery of the same source.
CREATE TABLE delivery (
    id                   UUID         PRIMARY KEY,
    source               TEXT         NOT NULL,
    source_kind          TEXT         NOT NULL,
    recommendation_id    UUID,
    step_key             TEXT,
    unit_code            TEXT         NOT NULL,
    contact_id           UUID,
    channel              TEXT         NOT NULL,
    recipient            TEXT         NOT NULL,
    webhook_endpoint_id  UUID,
    language             TEXT         NOT NULL,
    subject              TEXT         NOT NULL,
    body                 TEXT         NOT NULL,
    payload              JSONB        NOT NULL,
    status               TEXT         NOT NULL,
    attempts             INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at      TIMESTAMPTZ  NOT NULL,
    last_error           TEXT,
    created_at           TIMESTAMPTZ  NOT NULL,
    sent_at              TIMESTAMPTZ,
    updated_at           TIMESTAMPTZ  NOT NULL,
    version              BIGINT       NOT NULL,
    CONSTRAINT delivery_once UNIQUE (source, recipient, channel)
);
CREATE INDEX delivery_pending ON delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX delivery_unit_created ON delivery (unit_code, created_at DESC, id DESC);
CREATE INDEX delivery_recommendation ON delivery (recommendation_id);

-- In-app inbox (hộp thư trong ứng dụng): what a user sees on the mobile client, written by the delivery itself.
CREATE TABLE inbox_item (
    id                 UUID         PRIMARY KEY,
    delivery_id        UUID         NOT NULL UNIQUE REFERENCES delivery (id),
    user_subject       TEXT         NOT NULL,
    kind               TEXT         NOT NULL,
    title              TEXT         NOT NULL,
    body               TEXT         NOT NULL,
    recommendation_id  UUID,
    unit_code          TEXT         NOT NULL,
    created_at         TIMESTAMPTZ  NOT NULL,
    read_at            TIMESTAMPTZ
);
CREATE INDEX inbox_item_user ON inbox_item (user_subject, created_at DESC, id DESC);

-- The yearly self-evaluation reminder of "Dân vận khéo" models: one row per year, claimed once by one replica.
CREATE TABLE yearly_reminder (
    year        INTEGER      PRIMARY KEY,
    created_at  TIMESTAMPTZ  NOT NULL
);
