package vn.qcdc.inspection.recommendation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static vn.qcdc.inspection.Api.as;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

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

    static RequestSpecification pdf(String token, byte[] content) {
        return given().auth().oauth2(token).multiPart("file", "bien-ban-khac-phuc.pdf", content, "application/pdf")
                .multiPart("title", "Biên bản khắc phục").multiPart("kind", "REPORT");
    }

    /**
     * The addressed ward's officer attaches the file of its own report (it may not touch the inspection's evidence)
     * and names it in the completion; another ward's officer does not see the recommendation, the committee does not
     * report for the ward, and a bad file is refused before anything is stored.
     */
    @Test
    void anAddressedOfficerUploadsTheEvidenceOfItsReport() {
        String inspection = Api.concludedInspection();
        String rec = (String) Api.recommendationsOf(inspection).get(1).get("id");
        String path = "/api/v1/recommendations/" + rec + "/evidence/upload";
        int stored = as(OFFICER).get("/api/v1/inspections/" + inspection + "/evidence").then().extract().path("size()");
        byte[] file = "%PDF-1.4\n% biên bản khắc phục (minh họa)\n".getBytes(StandardCharsets.UTF_8);

        pdf(Tokens.unitOfficer("01840"), file).post(path).then().statusCode(404)
                .contentType("application/problem+json");
        pdf(Tokens.steering("06"), file).post(path).then().statusCode(403).contentType("application/problem+json");
        pdf(OFFICER, new byte[0]).header("Accept-Language", "en").post(path).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("file"))
                .body("errors[0].message", equalTo("The file is empty."));
        pdf(OFFICER, new byte[0]).header("Accept-Language", "vi").post(path).then().statusCode(400)
                .body("errors[0].message", equalTo("Tệp rỗng (không có nội dung)."));
        pdf(OFFICER, new byte[10 * 1024 * 1024 + 10]).post(path).then().statusCode(413)
                .contentType("application/problem+json");
        given().auth().oauth2(OFFICER).multiPart("file", "a.pdf", file, "pdf").multiPart("title", "x")
                .multiPart("kind", "REPORT").post(path).then().statusCode(400).body("errors[0].field", equalTo("file"));
        as(OFFICER).get("/api/v1/inspections/" + inspection + "/evidence").then().body("size()", equalTo(stored));

        String evidence = pdf(OFFICER, file).header("Idempotency-Key", UUID.randomUUID().toString()).post(path).then()
                .statusCode(201).body("fileName", equalTo("bien-ban-khac-phuc.pdf"))
                .body("contentType", equalTo("application/pdf")).body("downloadUrl", notNullValue()).extract()
                .path("id");
        as(OFFICER).body(completion(evidence)).post("/api/v1/recommendations/" + rec + "/completion").then()
                .statusCode(200).body("status", equalTo("COMPLETION_REPORTED"));
        as(OFFICER).get("/api/v1/recommendations/" + rec + "/reports").then().body("[0].evidence[0].evidenceId",
                equalTo(evidence));
        as(Tokens.steering("06")).get("/api/v1/recommendations/" + rec + "/history").then()
                .body("findAll { it.action == 'EVIDENCE_UPLOADED' }.detail.evidenceId", hasItem(evidence))
                .body("findAll { it.action == 'EVIDENCE_UPLOADED' }.actor", hasItem(notNullValue()));
    }
}
