-- Statistics group models of a unit's coverage (and a year) by organisation, field, kind, status and outstanding.
-- A covering index lets PostgreSQL answer that from the index alone (index-only scan) instead of reading the table,
-- with or without a year. It replaces the (year, unit_code) index, whose work it does.
DROP INDEX dvk_model_year_unit;
CREATE INDEX dvk_model_stats ON dvk_model (unit_code, year) INCLUDE (org_type, field, kind, status, outstanding);
