-- Contacts (danh bạ nhận thông báo): a body at an administrative unit and the channels it is reached on.
CREATE TABLE contact (
    id           UUID         PRIMARY KEY,
    body_type    TEXT         NOT NULL,
    unit_code    TEXT         NOT NULL,
    name         TEXT         NOT NULL,
    name_key     TEXT         NOT NULL,
    language     TEXT         NOT NULL,
    emails       TEXT[]       NOT NULL,
    inbox_users  TEXT[]       NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    created_by   TEXT         NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL,
    updated_by   TEXT         NOT NULL,
    version      BIGINT       NOT NULL,
    CONSTRAINT contact_body_unit UNIQUE (body_type, unit_code)
);
CREATE INDEX contact_unit ON contact (unit_code, id);

-- Webhook endpoints of a contact (e.g. a provincial portal). Their health is state of their own: an endpoint that
-- answers 410 or keeps failing is disabled until an admin re-enables it.
CREATE TABLE webhook_endpoint (
    id               UUID         PRIMARY KEY,
    contact_id       UUID         NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    url              TEXT         NOT NULL,
    secrets          TEXT[]       NOT NULL,
    enabled          BOOLEAN      NOT NULL,
    disabled_reason  TEXT,
    disabled_at      TIMESTAMPTZ,
    failing_since    TIMESTAMPTZ,
    CONSTRAINT webhook_endpoint_contact_url UNIQUE (contact_id, url)
);
