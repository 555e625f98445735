-- The date a report or a verification happened (a local date, Asia/Ho_Chi_Minh) beside the time it was recorded, so
-- a province's past records keep their real dates and statistics count them. Existing rows: the recording day.
ALTER TABLE progress_report ADD COLUMN reported_on DATE;
UPDATE progress_report SET reported_on = CAST(reported_at AT TIME ZONE 'Asia/Ho_Chi_Minh' AS date);
ALTER TABLE progress_report ALTER COLUMN reported_on SET NOT NULL;

ALTER TABLE recommendation ADD COLUMN completion_reported_on DATE;
ALTER TABLE recommendation ADD COLUMN verified_on DATE;
UPDATE recommendation SET completion_reported_on = CAST(completion_reported_at AT TIME ZONE 'Asia/Ho_Chi_Minh' AS date),
    verified_on = CAST(verified_at AT TIME ZONE 'Asia/Ho_Chi_Minh' AS date);
