package vn.qcdc.inspection.recommendation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import vn.qcdc.inspection.Api;
import vn.qcdc.inspection.demo.ReferenceScenario;
import vn.qcdc.testsupport.Tokens;

/**
 * Concurrent changes of one recommendation: without If-Match they are serialised (each one applies, none fails with
 * 412); with a stale If-Match they are still refused with 412.
 */
@QuarkusTest
class ConcurrentUpdateTest {

    static final String OFFICER = Tokens.unitOfficer("01855");

    @Test
    void concurrentProgressReportsWithoutIfMatchAllApply() throws Exception {
        String insp = Api.concludedInspection();
        List<Map<String, Object>> recs = Api.recommendationsOf(insp);
        String id = (String) recs.get(1).get("id");
        String body = Api.json(ReferenceScenario.progress());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                answers.add(pool.submit(() -> given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(body)
                        .post("/api/v1/recommendations/" + id + "/progress").statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : answers) {
                statuses.add(f.get());
            }
            assertEquals(40, statuses.stream().filter(s -> s == 200).count(), "every report applied: " + statuses);
        } finally {
            pool.shutdown();
        }
        List<?> reports = given().auth().oauth2(OFFICER).get("/api/v1/recommendations/" + id + "/reports").then()
                .statusCode(200).extract().jsonPath().getList("");
        assertEquals(40, reports.size());
        long version = Long.parseLong(given().auth().oauth2(OFFICER).get("/api/v1/recommendations/" + id).header("ETag")
                .replaceAll("[^0-9]", ""));
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).header("If-Match", "\"v" + (version - 1) + "\"")
                .body(body).post("/api/v1/recommendations/" + id + "/progress").then().statusCode(412)
                .contentType("application/problem+json");
    }
}
