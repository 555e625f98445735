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
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<String> unexpected = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            load.submit(() -> {
                while (running.get()) {
                    Response r = given().auth().oauth2(token).contentType(ContentType.JSON)
                            .body(DelegationFixtures.bacKanDelegation()).post("/api/v1/delegations");
                    statuses.merge(r.statusCode(), 1, Integer::sum);
                    if (r.statusCode() == 201) {
                        acknowledged.add(r.jsonPath().getString("id"));
                    } else if (r.statusCode() != 503 || r.header("Retry-After") == null
                            || !r.contentType().startsWith("application/problem+json")) {
                        unexpected.add(r.statusCode() + " " + r.contentType() + " " + r.asString());
                    }
                    // also reads, which go through the pool the same way
                    int read = given().auth().oauth2(token).get("/api/v1/delegations?limit=5").statusCode();
                    statuses.merge(read, 1, Integer::sum);
                    if (read != 200 && read != 503) {
                        unexpected.add("GET " + read);
                    }
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
        assertTrue(statuses.getOrDefault(503, 0) > 0, "the outage was seen: " + statuses);
        assertEquals(0, statuses.getOrDefault(500, 0));
        for (String id : acknowledged) {
            given().auth().oauth2(token).get("/api/v1/delegations/" + id).then().statusCode(200);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> given().baseUri("http://" + management.getHost())
                .port(management.getPort()).get("/q/health/ready").statusCode() == 200);
    }
}
