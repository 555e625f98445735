-- An addressee's evidence file is uploaded first (POST /recommendations/{id}/evidence/upload) and named in a report
-- after (POST …/progress or …/completion): two requests. Until a report names it, the file is pending; a report that
-- then failed (refused, a stale If-Match, the client gone between the two calls) leaves it named by nothing, and
-- ReportEvidencePurge deletes it once the grace period is over. The committee's own documents are never pending.
ALTER TABLE evidence ADD COLUMN recommendation_id UUID REFERENCES recommendation (id);
ALTER TABLE evidence ADD COLUMN pending_since TIMESTAMPTZ;
CREATE INDEX evidence_pending ON evidence (pending_since) WHERE pending_since IS NOT NULL;

-- Files uploaded for reports before this migration: the recommendation's history says which they are; those that no
-- report names are pending from their upload on.
UPDATE evidence e SET recommendation_id = h.aggregate_id
  FROM change_history h
 WHERE h.aggregate_type = 'RECOMMENDATION' AND h.action = 'EVIDENCE_UPLOADED' AND h.detail ->> 'evidenceId' = e.id::text;
UPDATE evidence e SET pending_since = e.created_at
 WHERE e.recommendation_id IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM progress_report p
                    WHERE p.evidence @> jsonb_build_array(jsonb_build_object('evidenceId', e.id::text)));
