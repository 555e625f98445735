package vn.qcdc.notification.inbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.infra.DevTokens;
import vn.qcdc.testsupport.Tokens;

/**
 * The unread count kept per user ({@code inbox_unread}) stays equal to counting the user's unread entries through a
 * random mix of writes: entries arriving several at a time (some already read), one entry marked read, all marked
 * read, entries deleted; and {@code GET /inbox} answers with it.
 */
@QuarkusTest
class InboxUnreadCountTest {

    @Inject
    EntityManager em;

    final Random random = new Random(1203);

    @Test
    void keptCountEqualsCountingTheEntriesThroughRandomWrites() {
        List<String> users = List.of("unread-a-" + UUID.randomUUID(), "unread-b-" + UUID.randomUUID(),
                "unread-c-" + UUID.randomUUID());
        for (int step = 0; step < 30; step++) {
            String user = users.get(random.nextInt(users.size()));
            switch (random.nextInt(5)) {
                case 0, 1 -> arrive(user, 1 + random.nextInt(6), random.nextInt(3));
                case 2 -> {
                    List<String> unread = given().auth().oauth2(token(user)).queryParam("unread", true)
                            .get("/api/v1/inbox").then().statusCode(200).extract().path("items.id");
                    if (!unread.isEmpty()) {
                        String id = unread.get(random.nextInt(unread.size()));
                        given().auth().oauth2(token(user)).post("/api/v1/inbox/" + id + "/read").then()
                                .statusCode(200);
                        // reading it again changes nothing
                        given().auth().oauth2(token(user)).post("/api/v1/inbox/" + id + "/read").then()
                                .statusCode(200);
                    }
                }
                case 3 -> {
                    if (random.nextInt(3) == 0) {
                        given().auth().oauth2(token(user)).post("/api/v1/inbox/read-all").then().statusCode(200);
                    }
                }
                default -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("DELETE FROM inbox_item"
                        + " WHERE id IN (SELECT id FROM inbox_item WHERE user_subject = ?1 ORDER BY random() LIMIT 2)")
                        .setParameter(1, user).executeUpdate());
            }
            for (String u : users) {
                long counted = count("SELECT count(*) FROM inbox_item WHERE user_subject = ?1 AND read_at IS NULL",
                        u);
                assertEquals(counted, count("SELECT COALESCE((SELECT n FROM inbox_unread WHERE user_subject = ?1),"
                        + " 0)", u), "kept count of " + u + " after step " + step);
                if (u.equals(user) || step == 29) {
                    long answered = ((Number) given().auth().oauth2(token(u)).get("/api/v1/inbox").then()
                            .statusCode(200).extract().path("unreadCount")).longValue();
                    assertEquals(counted, answered, "GET /inbox of " + u + " after step " + step);
                }
            }
        }
        long differing = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                WITH counted AS (SELECT user_subject, count(*) AS n FROM inbox_item WHERE read_at IS NULL GROUP BY 1),
                     kept AS (SELECT user_subject, n FROM inbox_unread WHERE n <> 0)
                SELECT count(*) FROM ((SELECT * FROM counted EXCEPT SELECT * FROM kept)
                    UNION ALL (SELECT * FROM kept EXCEPT SELECT * FROM counted)) d
                """).getSingleResult()).longValue());
        assertEquals(0, differing, "every user's kept count equals its unread entries, in the whole table");
    }

    /** {@code n} entries for {@code user} in one statement, the first {@code read} of them already read. */
    private void arrive(String user, int n, int read) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                WITH d AS (
                    INSERT INTO delivery (id, source, source_kind, unit_code, channel, recipient, language, subject,
                        body, payload, status, attempts, next_attempt_at, sent_at, created_at, updated_at, version)
                    SELECT gen_random_uuid(), 'unread-test:' || gen_random_uuid(), 'MODEL_PROPOSED', '01855',
                        'INBOX', ?1, 'vi', 'Thông báo', 'Nội dung', jsonb_build_object(), 'SENT', 1, now(), now(),
                        now(), now(), 0
                    FROM generate_series(1, ?2)
                    RETURNING id)
                INSERT INTO inbox_item (id, delivery_id, user_subject, kind, title, body, unit_code, created_at,
                    read_at)
                SELECT gen_random_uuid(), d.id, ?1, 'MODEL_PROPOSED', 'Thông báo', 'Nội dung', '01855', now(),
                    CASE WHEN row_number() OVER () <= ?3 THEN now() END
                FROM d
                """).setParameter(1, user).setParameter(2, n).setParameter(3, read).executeUpdate());
    }

    private static String token(String user) {
        return Tokens.of(DevTokens.TokenSpec.of("steering", "01855", null).withSubject(user));
    }

    private long count(String sql, Object arg) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).setParameter(1, arg)
                .getSingleResult()).longValue());
    }
}
