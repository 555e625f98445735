package vn.qcdc.inspection.faults;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import vn.qcdc.infra.LocalPostgres.StopMode;
import vn.qcdc.inspection.Api;
import vn.qcdc.inspection.delegation.DelegationFixtures;
import vn.qcdc.testsupport.RealInfraResource;
import vn.qcdc.testsupport.Tokens;

/**
 * PostgreSQL stopped under load (fast shutdown, then immediate shutdown, which forces crash recovery on restart):
 * every answer is a success or 503 + Retry-After (problem+json), never a 500; the service recovers by itself once
 * the database is back; and every write it acknowledged is there.
 */
@QuarkusTest
class DatabaseOutageTest {

    /** Readiness is on the management interface. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    @ParameterizedTest
    @EnumSource(StopMode.class)
    void aDatabaseOutageIsA503AndLosesNoAcknowledgedWrite(StopMode mode) throws Exception {
        String token = Tokens.steering(DelegationFixtures.BAC_KAN);
        // A recommendation its ward reports progress on during the outage: these requests run plain JDBC on the
        // transaction's connection, not Hibernate (issue 11), and must fail the same way.
        String recommendation = (String) Api.recommendationsOf(Api.concludedInspection()).get(0).get("id");
        String ward = Tokens.unitOfficer("01855");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Map<String, String> reported = new ConcurrentHashMap<>(); // Idempotency-Key → text, of every 200
        Map<String, Integer> statuses = new ConcurrentHashMap<>(); // "what status" → how many
        List<String> unexpected = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            load.submit(() -> {
                while (running.get()) {
                    Response r = given().auth().oauth2(token).contentType(ContentType.JSON)
                            .body(DelegationFixtures.bacKanDelegation()).post("/api/v1/delegations");
                    if (successOr503("delegation", r, 201, statuses, unexpected)) {
                        acknowledged.add(r.jsonPath().getString("id"));
                    }
                    // also reads, which go through the pool the same way
                    Response read = given().auth().oauth2(token).get("/api/v1/delegations?limit=5");
                    successOr503("delegations", read, 200, statuses, unexpected);
                    String key = UUID.randomUUID().toString();
                    String text = "Báo cáo tiến độ " + key;
                    Response report = given().auth().oauth2(ward).contentType(ContentType.JSON)
                            .header("Idempotency-Key", key).body("{\"text\": \"" + text + "\", \"percent\": 40}")
                            .post("/api/v1/recommendations/" + recommendation + "/progress");
                    if (successOr503("report", report, 200, statuses, unexpected)) {
                        reported.put(key, text);
                    }
                    successOr503("recommendation", given().auth().oauth2(ward)
                            .get("/api/v1/recommendations/" + recommendation), 200, statuses, unexpected);
                    successOr503("recommendations", given().auth().oauth2(ward)
                            .get("/api/v1/recommendations?status=IN_PROGRESS"), 200, statuses, unexpected);
                }
                return null;
            });
        }
        try {
            Thread.sleep(1_500);
            RealInfraResource.postgres().stop(mode);
            Thread.sleep(4_000); // requests now meet a database that is gone
            RealInfraResource.postgres().restart();
            // the service recovers without a restart
            await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(token)
                    .get("/api/v1/delegations?limit=1").statusCode() == 200);
            Thread.sleep(1_000);
        } finally {
            running.set(false);
            load.shutdown();
            assertTrue(load.awaitTermination(60, TimeUnit.SECONDS), "load stopped");
        }
        assertEquals(List.of(), unexpected, "only successes and 503 + Retry-After; statuses " + statuses);
        for (String what : List.of("delegation", "report", "recommendation")) {
            assertTrue(statuses.getOrDefault(what + " 503", 0) > 0, what + ": the outage was seen: " + statuses);
        }
        for (String id : acknowledged) {
            given().auth().oauth2(token).get("/api/v1/delegations/" + id).then().statusCode(200);
        }
        List<String> texts = given().auth().oauth2(ward).get("/api/v1/recommendations/" + recommendation + "/reports")
                .then().statusCode(200).extract().path("text");
        assertTrue(texts.containsAll(reported.values()), "every acknowledged report is there: " + reported.size()
                + " acknowledged, " + texts.size() + " found");
        assertTrue(reported.size() > 0, "reports were acknowledged: " + statuses);
        // And an acknowledged key answers its first answer again, doing nothing.
        String key = reported.keySet().iterator().next();
        given().auth().oauth2(ward).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"text\": \"" + reported.get(key) + "\", \"percent\": 40}")
                .post("/api/v1/recommendations/" + recommendation + "/progress").then().statusCode(200)
                .header("Idempotent-Replayed", "true");
        int after = given().auth().oauth2(ward).get("/api/v1/recommendations/" + recommendation + "/reports").then()
                .extract().path("size()");
        assertEquals(texts.size(), after, "the replay wrote no report");
        await().atMost(Duration.ofSeconds(10)).until(() -> given().baseUri("http://" + management.getHost())
                .port(management.getPort()).get("/q/health/ready").statusCode() == 200);
    }

    /**
     * Counts {@code r}'s status; true if it is {@code success}. Anything but that or a 503 + Retry-After as a problem
     * goes to {@code unexpected}.
     */
    private static boolean successOr503(String what, Response r, int success, Map<String, Integer> statuses,
            List<String> unexpected) {
        statuses.merge(what + " " + r.statusCode(), 1, Integer::sum);
        if (r.statusCode() == success) {
            return true;
        }
        if (r.statusCode() != 503 || r.header("Retry-After") == null || r.contentType() == null
                || !r.contentType().startsWith("application/problem+json")) {
            unexpected.add(what + ": " + r.statusCode() + " " + r.contentType() + " " + r.asString());
        }
        return false;
    }
}
