-- When a plan started following its recommendation: a deadline already past then is history (a past record entered
-- or imported) and sets off no reminder or escalation for a moment already gone (FollowUpConfig.overdueAtStart).
ALTER TABLE followup_plan ADD COLUMN follow_from TIMESTAMPTZ;
UPDATE followup_plan SET follow_from = created_at;
ALTER TABLE followup_plan ALTER COLUMN follow_from SET NOT NULL;
