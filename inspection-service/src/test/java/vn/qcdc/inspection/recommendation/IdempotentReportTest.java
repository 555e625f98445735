package vn.qcdc.inspection.recommendation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import vn.qcdc.inspection.Api;
import vn.qcdc.inspection.demo.ReferenceScenario;
import vn.qcdc.testsupport.Tokens;

/**
 * A report sent again with its {@code Idempotency-Key} is applied once, however and whenever it comes again: after
 * the first answer, when the state it expected has moved on, and at the same moment as the first. The key is written
 * once, with its answer, as the request's last write (issue 11), so a request that finds the key taken at that point
 * is undone and answers with the first one's answer.
 */
@QuarkusTest
class IdempotentReportTest {

    static final String OFFICER = Tokens.unitOfficer("01855");

    @Inject
    EntityManager em;

    @Test
    void aRetryAfterTheAnswerReplaysItEvenThoughItsIfMatchIsNowStale() {
        String id = (String) Api.recommendationsOf(Api.concludedInspection()).get(0).get("id");
        String etag = given().auth().oauth2(OFFICER).get("/api/v1/recommendations/" + id).then().statusCode(200)
                .extract().header("ETag");
        String key = UUID.randomUUID().toString();
        Response first = report(id, key, etag);
        first.then().statusCode(200);
        Response again = report(id, key, etag);
        again.then().statusCode(200).header("Idempotent-Replayed", "true").header("ETag", first.header("ETag"));
        assertEquals(first.asString(), again.asString(), "the first answer, byte for byte");
        assertEquals(1L, reports(id));
    }

    @Test
    void requestsWithOneKeyAtTheSameMomentApplyOnceAndAllAnswerTheFirstAnswer() throws Exception {
        String id = (String) Api.recommendationsOf(Api.concludedInspection()).get(0).get("id");
        long version = version(id);
        String key = UUID.randomUUID().toString();
        int n = 6;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<Response>> sends = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                sends.add(() -> report(id, key, null));
            }
            Set<String> bodies = new HashSet<>();
            int replayed = 0;
            for (Future<Response> f : pool.invokeAll(sends, 60, TimeUnit.SECONDS)) {
                Response r = f.get();
                r.then().statusCode(200);
                bodies.add(r.asString());
                replayed += "true".equals(r.header("Idempotent-Replayed")) ? 1 : 0;
            }
            assertEquals(1, bodies.size(), "every answer is the first one's: " + bodies);
            assertEquals(n - 1, replayed, "one applied, the others replayed");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1L, reports(id), "one report");
        assertEquals(1L, count("SELECT count(*) FROM change_history WHERE aggregate_id = ?1"
                + " AND action = 'PROGRESS_REPORTED'", UUID.fromString(id)), "one history entry");
        assertEquals(1L, count("SELECT count(*) FROM outbox_log WHERE record_key = ?1"
                + " AND type LIKE '%progress-reported%'", id), "one event");
        assertEquals(version + 1, version(id), "changed once");
    }

    private static long version(String id) {
        String etag = given().auth().oauth2(OFFICER).get("/api/v1/recommendations/" + id).then().statusCode(200)
                .extract().header("ETag");
        return Long.parseLong(etag.replaceAll("[^0-9]", ""));
    }

    private static Response report(String id, String key, String ifMatch) {
        var request = given().auth().oauth2(OFFICER).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Api.json(ReferenceScenario.progress()));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.post("/api/v1/recommendations/" + id + "/progress");
    }

    private long reports(String id) {
        return count("SELECT count(*) FROM progress_report WHERE recommendation_id = ?1", UUID.fromString(id));
    }

    private long count(String sql, Object key) {
        return Api.count(em, sql, key);
    }
}
