package vn.qcdc.inspection.recommendation;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.qcdc.inspection.Api.as;
import static vn.qcdc.inspection.Api.json;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import vn.qcdc.events.EventTypes;
import vn.qcdc.inspection.Api;
import vn.qcdc.inspection.demo.ReferenceScenario;
import vn.qcdc.inspection.inspection.InspectionDto.ConclusionInput;
import vn.qcdc.testsupport.Tokens;

/**
 * Past records keep the dates they happened on: a report's {@code reportedOn} and a verification's {@code verifiedOn}
 * beside the time they were entered, validated (not in the future, not before the conclusion or the completion),
 * carried by the events, and counted by the statistics against the original due date.
 */
@QuarkusTest
class RealDatesTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));

    @Inject
    EntityManager em;

    JsonPath stats() {
        return as(Tokens.admin()).queryParam("unit", "01855").queryParam("year", 2020)
                .get("/api/v1/statistics/recommendations").then().statusCode(200).extract().jsonPath();
    }

    private String recommendationDue(LocalDate due) {
        var recs = ReferenceScenario.conclusion().recommendations();
        String insp = Api.concludedInspection(Api.conclusionWith(List.of(Api.withDue(recs.get(1), due, null))));
        return (String) Api.recommendationsOf(insp).get(0).get("id");
    }

    private static String completion(LocalDate on) {
        return json(ReferenceScenario.completion()).replace("\"reportedOn\":null", "\"reportedOn\":\"" + on + "\"");
    }

    @Test
    void aPastCompletionAndVerificationKeepTheirDatesAndCountOnTime() {
        String r = recommendationDue(LocalDate.of(2021, 6, 30));
        JsonPath before = stats();
        as(Tokens.unitOfficer("01855")).body(completion(LocalDate.of(2021, 5, 20)))
                .post("/api/v1/recommendations/" + r + "/completion").then().statusCode(200)
                .body("completionReportedOn", equalTo("2021-05-20"));
        as(Tokens.steering("06")).body("{\"verifiedOn\": \"2021-06-10\"}")
                .post("/api/v1/recommendations/" + r + "/verify").then().statusCode(200)
                .body("verifiedOn", equalTo("2021-06-10"));
        as(Tokens.admin()).get("/api/v1/recommendations/" + r + "/reports").then().statusCode(200)
                .body("[0].reportedOn", equalTo("2021-05-20"));
        JsonPath after = stats();
        assertEquals(before.getInt("total.verifiedOnTime") + 1, after.getInt("total.verifiedOnTime"));
        // the events carry the real dates
        String completed = payload(r, EventTypes.RECOMMENDATION_COMPLETION_REPORTED);
        assertTrue(completed.contains("\"reportedOn\":\"2021-05-20\""), completed);
        String verified = payload(r, EventTypes.RECOMMENDATION_VERIFIED);
        assertTrue(verified.contains("\"verifiedOn\":\"2021-06-10\""), verified);
        String issued = payload(r, EventTypes.RECOMMENDATION_ISSUED);
        assertTrue(issued.contains("\"conclusionDate\":\"" + ReferenceScenario.conclusion().date() + "\""), issued);
    }

    @Test
    void anExtensionDoesNotMakeLateWorkOnTime() {
        String r = recommendationDue(LocalDate.of(2021, 3, 31));
        JsonPath before = stats();
        as(Tokens.steering("06")).body("{\"dueDate\": \"2021-09-30\", \"reason\": \"Gia hạn theo đề nghị\"}")
                .post("/api/v1/recommendations/" + r + "/deadline").then().statusCode(200);
        as(Tokens.unitOfficer("01855")).body(completion(LocalDate.of(2021, 7, 1)))
                .post("/api/v1/recommendations/" + r + "/completion").then().statusCode(200);
        as(Tokens.steering("06")).body("{\"verifiedOn\": \"2021-07-15\"}")
                .post("/api/v1/recommendations/" + r + "/verify").then().statusCode(200);
        JsonPath after = stats();
        assertEquals(before.getInt("total.verifiedOnTime"), after.getInt("total.verifiedOnTime"),
                "completed after the original due date: late, even though within the extension");
        assertEquals(before.getInt("total.verifiedWithinExtension") + 1, after.getInt("total.verifiedWithinExtension"));
        assertEquals(before.getInt("total.extended") + 1, after.getInt("total.extended"));
    }

    @Test
    void datesInTheFutureOrBeforeTheConclusionAreRefusedInTheCallersLanguage() {
        String r = recommendationDue(LocalDate.of(2021, 6, 30));
        as(Tokens.unitOfficer("01855")).header("Accept-Language", "en")
                .body(completion(TODAY.plusDays(1))).post("/api/v1/recommendations/" + r + "/completion").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("reportedOn"))
                .body("errors[0].message", equalTo("This date cannot be after today (" + TODAY + ")."));
        as(Tokens.unitOfficer("01855")).body(json(ReferenceScenario.progress()).replace("\"reportedOn\":null",
                "\"reportedOn\":\"2020-11-30\"")).post("/api/v1/recommendations/" + r + "/progress").then()
                .statusCode(400).body("errors[0].field", equalTo("reportedOn"))
                .body("errors[0].message", equalTo("Ngày này không được trước ngày kết luận "
                        + ReferenceScenario.conclusion().date() + "."));
        as(Tokens.unitOfficer("01855")).body(completion(LocalDate.of(2021, 5, 20)))
                .post("/api/v1/recommendations/" + r + "/completion").then().statusCode(200);
        as(Tokens.steering("06")).body("{\"verifiedOn\": \"2021-05-19\"}")
                .post("/api/v1/recommendations/" + r + "/verify").then().statusCode(400)
                .body("errors[0].field", equalTo("verifiedOn"))
                .body("errors[0].message",
                        equalTo("Ngày xác nhận không được trước ngày báo cáo hoàn thành 2021-05-20."));

        ConclusionInput c = ReferenceScenario.conclusion();
        String running = Api.runningInspection();
        as(Tokens.steering("06")).body(json(new ConclusionInput(c.text(), c.signer(), c.signerTitle(),
                TODAY.plusDays(2), c.publicDisclosure(), c.recommendations())))
                .post("/api/v1/inspections/" + running + "/conclusion").then().statusCode(400)
                .body("errors[0].field", equalTo("date"))
                .body("errors[0].message", equalTo("Ngày này không được sau hôm nay (" + TODAY + ")."));
    }

    private String payload(String recommendationId, String type) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em
                .createNativeQuery("SELECT payload FROM outbox_log WHERE record_key = ?1 AND type = ?2")
                .setParameter(1, recommendationId).setParameter(2, type).getSingleResult());
    }
}
