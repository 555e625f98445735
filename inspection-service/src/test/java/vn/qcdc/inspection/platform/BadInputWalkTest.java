package vn.qcdc.inspection.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.qcdc.inspection.Api.json;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.inspection.Api;
import vn.qcdc.inspection.demo.ReferenceScenario;
import vn.qcdc.testsupport.BadInputWalker;
import vn.qcdc.testsupport.Tokens;

/**
 * Every operation of this service's OpenAPI document against the hostile-input corpus of {@link BadInputWalker}: never
 * a 5xx, always problem+json with a stable type, never a hang. Real records so that the cases reach the database.
 */
@QuarkusTest
class BadInputWalkTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void everyOperationAnswersHostileInputWithAProblem() throws URISyntaxException {
        String delegation = Api.delegation();
        String running = Api.runningInspection();
        String concluded = Api.concludedInspection();
        String recommendation = (String) Api.recommendationsOf(concluded).get(1).get("id");
        String token = Tokens.admin();
        String upload = "POST /api/v1/inspections/{id}/evidence/upload";
        String reportUpload = "POST /api/v1/recommendations/{id}/evidence/upload";
        BadInputWalker.Result result = BadInputWalker.of(new URI(root.toString()), () -> token)
                .pathValue("/api/v1/delegations/", "id", delegation)
                .pathValue("/api/v1/inspections/", "id", running)
                .pathValue("/api/v1/recommendations/", "id", recommendation)
                .body("POST /api/v1/delegations", json(ReferenceScenario.delegation()))
                .body("POST /api/v1/inspections", json(ReferenceScenario.inspection(java.util.UUID.fromString(
                        delegation))))
                .body("POST /api/v1/inspections/{id}/findings", json(ReferenceScenario.findings().get(0)))
                .body("POST /api/v1/inspections/{id}/evidence", json(ReferenceScenario.evidence()))
                .body("POST /api/v1/recommendations/{id}/progress", json(ReferenceScenario.progress()))
                .body("POST /api/v1/recommendations/{id}/deadline", "{\"dueDate\":\"2021-12-31\",\"reason\":\"r\"}")
                .formField(upload, "title", "Báo cáo").formField(upload, "kind", "REPORT")
                .formField(upload, "referenceNumber", "12/BC").formField(upload, "documentDate", "2020-11-30")
                .formField(reportUpload, "title", "Báo cáo").formField(reportUpload, "kind", "REPORT")
                .formField(reportUpload, "referenceNumber", "12/BC")
                .formField(reportUpload, "documentDate", "2020-11-30")
                .run();
        System.out.println("Bad-input walk, inspection-service: " + result);
        assertEquals(List.of(), result.failures(), result.toString());
    }
}
