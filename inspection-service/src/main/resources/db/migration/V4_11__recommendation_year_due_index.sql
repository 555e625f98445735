-- Issue 11, goal 1: the list filtered by year (with a due range, an addressee, a unit) walked the due-date index and
-- threw away ~40 rows for each one it kept, reading them from the heap: 2,000 random heap reads per page at 10^6 rows.
-- With the year first, the walk is in due-date order among that year's recommendations only and keeps ~1 row in 7.
-- Numbered between V4 and V5 (out-of-order migrations are allowed) so it cannot collide with a feature's next number.
CREATE INDEX recommendation_year_due ON recommendation (year_assessed, due_date, id);
-- Room on each page for the new version of a row, so that an update touching no indexed column (a progress report:
-- percent, updated_at/by, version) stays on its page and adds no index entries (a HOT update). New pages only.
ALTER TABLE recommendation SET (fillfactor = 90);
