-- Diacritics-insensitive search (q) is a substring match on the folded search_key. A trigram index lets PostgreSQL
-- find rare terms without reading every row of the unit (measured in bench/inspection). pg_trgm is a trusted
-- contrib extension (PostgreSQL 13+): the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX recommendation_search_trgm ON recommendation USING GIN (search_key gin_trgm_ops);
CREATE INDEX inspection_search_trgm ON inspection USING GIN (search_key gin_trgm_ops);
