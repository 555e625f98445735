package vn.qcdc.inspection.recommendation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static vn.qcdc.inspection.Api.as;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.inspection.Api;
import vn.qcdc.testsupport.Tokens;

/**
 * A progress or completion report may point at uploaded evidence only if it is a document of the recommendation's
 * own inspection: not another inspection's (another province's) file, not an id that exists nowhere.
 */
@QuarkusTest
class ReportEvidenceTest {

    static final String OFFICER = Tokens.unitOfficer("01855");

    static String upload(String inspection) {
        return given().auth().oauth2(Tokens.admin()).multiPart("file", "bien-ban.txt", "biên bản".getBytes())
                .multiPart("title", "Biên bản").multiPart("kind", "REPORT")
                .post("/api/v1/inspections/" + inspection + "/evidence/upload").then().statusCode(201).extract()
                .path("id");
    }

    static String completion(String evidenceId) {
        return "{\"text\":\"Đã hoàn thành\",\"evidence\":[{\"title\":\"Biên bản\",\"evidenceId\":\"" + evidenceId
                + "\"}]}";
    }

    @Test
    void aReportNamesOnlyEvidenceOfItsOwnInspection() {
        String inspection = Api.concludedInspection();
        String rec = (String) Api.recommendationsOf(inspection).get(1).get("id");
        String other = upload(Api.concludedInspection());

        for (String foreign : new String[]{other, UUID.randomUUID().toString()}) {
            as(OFFICER).body(completion(foreign)).post("/api/v1/recommendations/" + rec + "/completion").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("evidence[0].evidenceId"));
            as(OFFICER).body("{\"text\":\"Tiến độ\",\"percent\":50,\"evidence\":[{\"title\":\"x\",\"evidenceId\":\""
                    + foreign + "\"}]}").post("/api/v1/recommendations/" + rec + "/progress").then().statusCode(400)
                    .body("errors[0].field", equalTo("evidence[0].evidenceId"));
        }
        as(OFFICER).get("/api/v1/recommendations/" + rec).then().body("status", equalTo("ISSUED"));

        String own = upload(inspection);
        as(OFFICER).body(completion(own)).post("/api/v1/recommendations/" + rec + "/completion").then()
                .statusCode(200).body("status", equalTo("COMPLETION_REPORTED"));
        as(OFFICER).get("/api/v1/recommendations/" + rec + "/reports").then().body("[0].evidence[0].evidenceId",
                equalTo(own));
    }
}
