-- The unread count every GET /inbox answers with, kept per user (issue 11, goal 4): counting the user's unread entries
-- (even from the V4_2 partial index) costs as many index entries as the user has unread, 10^5 for a user who never
-- reads. inbox_unread holds the count itself, so the answer is one primary-key lookup whatever the inbox holds.
--
-- The count changes in the same statement (so the same transaction) as the entries, whoever writes them: the inbox
-- channel, the delivery planner's one-statement inbox write, marking one entry or all entries read, or SQL by hand. A
-- statement-level trigger sees every row the statement changed (transition tables), adds one delta per user, and
-- touches the users' rows in order, so concurrent statements lock them in the same order.
CREATE TABLE inbox_unread (
    user_subject  TEXT    PRIMARY KEY,
    n             BIGINT  NOT NULL
);

CREATE FUNCTION inbox_unread_track() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO inbox_unread AS c (user_subject, n)
        SELECT user_subject, count(*) FROM new_rows WHERE read_at IS NULL GROUP BY 1 ORDER BY 1
        ON CONFLICT (user_subject) DO UPDATE SET n = c.n + EXCLUDED.n;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO inbox_unread AS c (user_subject, n)
        SELECT user_subject, sum(d) FROM (
            SELECT user_subject, 1 AS d FROM new_rows WHERE read_at IS NULL
            UNION ALL
            SELECT user_subject, -1 FROM old_rows WHERE read_at IS NULL) changes
        GROUP BY 1 HAVING sum(d) <> 0 ORDER BY 1
        ON CONFLICT (user_subject) DO UPDATE SET n = c.n + EXCLUDED.n;
    ELSE
        INSERT INTO inbox_unread AS c (user_subject, n)
        SELECT user_subject, -count(*) FROM old_rows WHERE read_at IS NULL GROUP BY 1 ORDER BY 1
        ON CONFLICT (user_subject) DO UPDATE SET n = c.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER inbox_unread_insert AFTER INSERT ON inbox_item REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION inbox_unread_track();
CREATE TRIGGER inbox_unread_update AFTER UPDATE ON inbox_item REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION inbox_unread_track();
CREATE TRIGGER inbox_unread_delete AFTER DELETE ON inbox_item REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION inbox_unread_track();

-- The entries there already.
INSERT INTO inbox_unread (user_subject, n)
SELECT user_subject, count(*) FROM inbox_item WHERE read_at IS NULL GROUP BY 1;
