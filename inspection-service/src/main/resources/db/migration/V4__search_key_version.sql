-- Which version of the search keys (SearchKeys.VERSION) wrote each row's search_key. Rows from before version 2
-- (delegation, members, addressees and signer searchable) are rewritten at start by SearchKeyBackfill.
ALTER TABLE inspection ADD COLUMN search_version smallint NOT NULL DEFAULT 1;
ALTER TABLE recommendation ADD COLUMN search_version smallint NOT NULL DEFAULT 1;
CREATE INDEX inspection_search_version ON inspection (search_version) WHERE search_version < 2;
CREATE INDEX recommendation_search_version ON recommendation (search_version) WHERE search_version < 2;
