-- Bulk import of delegations: a stable external id per imported delegation (a re-import updates it, and the file's
-- inspections refer to it), and the job's counts of them.
ALTER TABLE delegation ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX delegation_external_id ON delegation (external_id);
ALTER TABLE import_job ADD COLUMN delegations_created BIGINT NOT NULL DEFAULT 0;
ALTER TABLE import_job ADD COLUMN delegations_updated BIGINT NOT NULL DEFAULT 0;
