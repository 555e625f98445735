package vn.qcdc.inspection.recommendation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import vn.qcdc.inspection.Api;
import vn.qcdc.inspection.demo.ReferenceScenario;
import vn.qcdc.testsupport.Tokens;

/**
 * A transition of a recommendation (here a progress report) reads and changes its row with one statement, guarded by
 * the statuses it starts from, and checks the caller's right and {@code If-Match} on the row that statement answers
 * (issue 11: the report used to lock and read the row, then change it). What it must still do: refuse as before, and
 * leave nothing of a refused change behind.
 */
@QuarkusTest
class TransitionStatementsTest {

    static final String OFFICER = Tokens.unitOfficer("01855");

    @Inject
    EntityManager em;

    @Test
    void aProgressReportReadsAndChangesTheRecommendationWithOneStatement() {
        String id = (String) Api.recommendationsOf(Api.concludedInspection()).get(0).get("id");

        JsonPath touched = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Api.json(ReferenceScenario.progress()))
                .post("/test/table-touches/recommendations/" + id + "/progress").then().statusCode(200).extract()
                .jsonPath();

        Map<String, Object> recommendation = touched.getMap("recommendation");
        // Two index scans: the guarded UPDATE finding the row by its key, and the foreign key check of the new
        // progress_report row (PostgreSQL's own). The lock and read before the change made three.
        assertEquals(Map.of("indexScans", 2, "seqScans", 0, "inserted", 0, "updated", 1), recommendation,
                "the recommendation's row found once by the report and changed once; every table: "
                        + touched.prettify());
        for (String table : List.of("progress_report", "change_history", "outbox_event", "idempotency_record")) {
            assertEquals(1, touched.getInt(table + ".inserted"), table + ": " + touched.prettify());
        }
        // The key is written once, with its answer: no second write of its row (a claim, then the answer, made two).
        assertEquals(0, touched.getInt("idempotency_record.updated"), touched.prettify());
    }

    @Test
    void aRefusedChangeLeavesNothingBehind() {
        String id = (String) Api.recommendationsOf(Api.concludedInspection()).get(0).get("id");
        String body = Api.json(ReferenceScenario.progress());
        String etag = given().auth().oauth2(OFFICER).get("/api/v1/recommendations/" + id).then().statusCode(200)
                .extract().header("ETag");

        // A stale If-Match: the version before this one. Refused after the row has been changed, then undone.
        long version = Long.parseLong(etag.replaceAll("[^0-9]", ""));
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).header("If-Match", "\"v" + (version - 1) + "\"")
                .body(body).post("/api/v1/recommendations/" + id + "/progress").then().statusCode(412)
                .contentType("application/problem+json");
        // An officer of another ward, whose role may report progress but who does not see this recommendation.
        given().auth().oauth2(Tokens.unitOfficer("01840")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/recommendations/" + id + "/progress").then().statusCode(404)
                .contentType("application/problem+json");
        // A completion with a day before the conclusion: refused once the row is known, the change undone.
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(Api.json(new RecommendationDto.CompletionInput(ReferenceScenario.completion().text(),
                        ReferenceScenario.completion().evidence(), LocalDate.of(2000, 1, 1))))
                .post("/api/v1/recommendations/" + id + "/completion").then().statusCode(400)
                .contentType("application/problem+json").body(containsString("reportedOn"));

        JsonPath now = given().auth().oauth2(OFFICER).get("/api/v1/recommendations/" + id).then().statusCode(200)
                .header("ETag", etag).extract().jsonPath();
        assertEquals("ISSUED", now.getString("status"));
        assertEquals(0, now.getInt("progressPercent"));
        assertEquals(List.of(), given().auth().oauth2(OFFICER).get("/api/v1/recommendations/" + id + "/reports")
                .then().statusCode(200).extract().jsonPath().getList(""));
        UUID rec = UUID.fromString(id);
        assertEquals(0L, count("SELECT count(*) FROM change_history WHERE aggregate_id = ?1"
                + " AND action <> 'ISSUED'", rec), "no history of a refused change");
        assertEquals(0L, count("SELECT count(*) FROM outbox_event WHERE record_key = ?1"
                + " AND (type LIKE '%progress-reported%' OR type LIKE '%completion-reported%')", id),
                "no event of a refused change");
    }

    @Test
    void aTransitionFromAnotherStatusIsRefusedAsBefore() {
        String id = (String) Api.recommendationsOf(Api.concludedInspection()).get(0).get("id");
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(Api.json(ReferenceScenario.completion()))
                .post("/api/v1/recommendations/" + id + "/completion").then().statusCode(200);
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(Api.json(ReferenceScenario.progress()))
                .post("/api/v1/recommendations/" + id + "/progress").then().statusCode(409)
                .contentType("application/problem+json");
        // Not there at all: 404, as before.
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(Api.json(ReferenceScenario.progress()))
                .post("/api/v1/recommendations/" + UUID.randomUUID() + "/progress").then().statusCode(404);
    }

    private long count(String sql, Object key) {
        return Api.count(em, sql, key);
    }
}
