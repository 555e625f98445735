package vn.qcdc.inspection.statistics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static vn.qcdc.inspection.Api.as;
import static vn.qcdc.inspection.Api.json;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import vn.qcdc.inspection.Api;
import vn.qcdc.inspection.demo.ReferenceScenario;
import vn.qcdc.inspection.inspection.InspectionDto.ConclusionInput;
import vn.qcdc.testsupport.Tokens;

/** Statistics per unit and year with a per-child breakdown; the unauthenticated public disclosure view. */
@QuarkusTest
class StatisticsAndDisclosureTest {

    JsonPath stats(String unit, int year) {
        return as(Tokens.admin()).queryParam("unit", unit).queryParam("year", year)
                .get("/api/v1/statistics/recommendations").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void figuresMoveWithTheFollowUpAndRollUpIntoParentsAndSuccessors() {
        JsonPath before = stats("06", 2020);
        String insp = Api.concludedInspection();
        List<Map<String, Object>> recs = Api.recommendationsOf(insp);
        String r = (String) recs.get(1).get("id");
        as(Tokens.unitOfficer("01855")).body(json(ReferenceScenario.completion()))
                .post("/api/v1/recommendations/" + r + "/completion").then().statusCode(200);
        as(Tokens.steering("06")).body("{}").post("/api/v1/recommendations/" + r + "/verify").then().statusCode(200);
        as(Tokens.steering("06")).body("{\"reason\":\"x\"}")
                .post("/api/v1/recommendations/" + recs.get(0).get("id") + "/cancel").then().statusCode(200);
        JsonPath after = stats("06", 2020);
        assertEquals(before.getInt("total.inspectionsHeld") + 1, after.getInt("total.inspectionsHeld"));
        assertEquals(before.getInt("total.recommendations") + 5, after.getInt("total.recommendations"));
        assertEquals(before.getInt("total.byStatus.VERIFIED") + 1, after.getInt("total.byStatus.VERIFIED"));
        assertEquals(before.getInt("total.byStatus.CANCELLED") + 1, after.getInt("total.byStatus.CANCELLED"));
        // The 2021 due dates are long past: the three open ones are overdue; the verified one was late (reported in
        // 2026), so it is not on time.
        assertEquals(before.getInt("total.overdue") + 3, after.getInt("total.overdue"));
        assertEquals(before.getInt("total.verifiedOnTime"), after.getInt("total.verifiedOnTime"));
        // Breakdown: Bắc Kạn (06) → Thành phố Bắc Kạn (058) holds everything of Xuất Hóa.
        assertEquals(after.getInt("total.recommendations"),
                after.getInt("children.find { it.unitCode == '058' }.recommendations"));
        // Today's Thái Nguyên (19) includes Bắc Kạn's history.
        JsonPath tn = stats("19", 2020);
        assertEquals(after.getInt("total.recommendations"), tn.getInt("total.recommendations"));
        // Another year is empty of these.
        assertEquals(0, stats("01855", 2019).getInt("total.recommendations"));
    }

    @Test
    void onTimeRateCountsCompletionsReportedByTheDueDate() {
        var recs = ReferenceScenario.conclusion().recommendations();
        ConclusionInput c = Api.conclusionWith(List.of(Api.withDue(recs.get(1), LocalDate.of(2099, 12, 31), null)));
        String insp = Api.concludedInspection(c);
        String r = (String) Api.recommendationsOf(insp).get(0).get("id");
        JsonPath before = stats("01855", 2020);
        as(Tokens.unitOfficer("01855")).body(json(ReferenceScenario.completion()))
                .post("/api/v1/recommendations/" + r + "/completion").then().statusCode(200);
        as(Tokens.steering("06")).body("{}").post("/api/v1/recommendations/" + r + "/verify").then().statusCode(200);
        JsonPath after = stats("01855", 2020);
        assertEquals(before.getInt("total.verifiedOnTime") + 1, after.getInt("total.verifiedOnTime"));
        given().auth().oauth2(Tokens.admin()).queryParam("unit", "01855").queryParam("year", 2020)
                .get("/api/v1/statistics/recommendations").then().body("total.onTimeCompletionRate", notNullValue());
    }

    @Test
    void publicViewShowsOnlyPublicConcludedInspectionsWithoutInternalNotes() {
        String pub = Api.concludedInspection();
        var base = ReferenceScenario.conclusion();
        String hidden = Api.concludedInspection(new ConclusionInput(base.text(), base.signer(), base.signerTitle(),
                base.date(), false, base.recommendations()));
        String planned = Api.plannedInspection();
        String body = given().queryParam("unit", "01843").queryParam("limit", 200).get("/api/v1/public/inspections")
                .then().statusCode(200).body("items.id", hasItem(pub)).body("items.id", not(hasItem(hidden)))
                .body("items.id", not(hasItem(planned))).extract().asString();
        assertFalse(body.contains("internalNote") || body.contains("nội bộ") || body.contains("createdBy"), body);
        // The list reads a page's recommendations, findings and delegations together: an item is what GET returns.
        Map<String, Object> listed = JsonPath.from(body)
                .getMap("items.find { it.id == '" + pub + "' }");
        Map<String, Object> alone = given().get("/api/v1/public/inspections/" + pub).then().statusCode(200).extract()
                .jsonPath().getMap("$");
        assertEquals(alone, listed);
        given().get("/api/v1/public/inspections/" + pub).then().statusCode(200)
                .body("conclusion.signer", equalTo("Phạm Duy Hưng")).body("recommendations[0].status",
                        equalTo("ISSUED"))
                .body("recommendations[4].addressees.bodyType", hasItem("PEOPLES_INSPECTION_BOARD"));
        given().get("/api/v1/public/inspections/" + hidden).then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/v1/public/inspections/" + planned).then().statusCode(404);
        // The internal views still require a token.
        given().get("/api/v1/inspections/" + pub).then().statusCode(401);
    }

    @Test
    void publicViewCarriesFindingsWithFiguresTheHeadOfDelegationAndTheUnitsDvkFigures() {
        String id = Api.runningInspection();
        JsonPath before = stats("01855", 2020);
        as(Tokens.steering("06")).body(json(ReferenceScenario.findings().get(3)))
                .post("/api/v1/inspections/" + id + "/findings").then().statusCode(201);
        as(Tokens.steering("06")).body(json(ReferenceScenario.conclusion()))
                .post("/api/v1/inspections/" + id + "/conclusion").then().statusCode(200);
        given().get("/api/v1/public/inspections/" + id).then().statusCode(200)
                .body("delegationHead.name", equalTo("Phạm Duy Hưng"))
                .body("delegationName", notNullValue())
                .body("findings.size()", equalTo(1))
                .body("findings[0].kind", equalTo("ACHIEVEMENT"))
                .body("findings[0].indicators[0].value", equalTo(7))
                .body("findings[0].indicators[0].unit", equalTo("mô hình"))
                .body("conclusion.date", equalTo(ReferenceScenario.conclusion().date().toString()))
                .body("dvkModels.year", equalTo(2020))
                .body("dvkModels.unitCode", equalTo("01855"));
        // Statistics by addressee body: of the five, two go to the Party committee, three to the People's committee.
        JsonPath after = stats("01855", 2020);
        assertEquals(count(before, "PARTY_COMMITTEE") + 2, count(after, "PARTY_COMMITTEE"));
        assertEquals(count(before, "GOVERNMENT") + 3, count(after, "GOVERNMENT"));
    }

    static long count(JsonPath stats, String body) {
        Number n = stats.get("total.byAddressee." + body);
        return n == null ? 0 : n.longValue();
    }
}
