package vn.qcdc.inspection.recommendation;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.qcdc.inspection.Api.as;
import static vn.qcdc.inspection.Api.json;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import vn.qcdc.inspection.Api;
import vn.qcdc.inspection.demo.ReferenceScenario;
import vn.qcdc.testsupport.Tokens;

/** Recommendations: issuing, follow-up transitions, deadline history, auto-close, and the cross-inspection list. */
@QuarkusTest
class RecommendationTest {

    static final String STEERING = Tokens.steering("06");
    static final String OFFICER = Tokens.unitOfficer("01855");

    static String id(Map<String, Object> rec) {
        return (String) rec.get("id");
    }

    @Test
    void dueDateBeforeTheInspectionIs400AndNothingIsIssued() {
        String id = Api.runningInspection();
        var recs = ReferenceScenario.conclusion().recommendations();
        var bad = Api.conclusionWith(List.of(recs.get(0), Api.withDue(recs.get(1), LocalDate.of(2020, 12, 2), null)));
        as(STEERING).body(json(bad)).post("/api/v1/inspections/" + id + "/conclusion").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("recommendations[1].dueDate"));
        as(STEERING).get("/api/v1/inspections/" + id).then().body("status", equalTo("IN_PROGRESS"))
                .body("recommendationCount", equalTo(0));
    }

    /**
     * A write answers with the times it has just stamped exactly as every later read shows them: the same instant in
     * the same form (UTC, microseconds). The answer used to say {@code …08:11:44.197858833+07:00} and a read
     * {@code …01:11:44.197858Z}.
     */
    @Test
    void aWriteAnswersItsTimesAsLaterReadsShowThem() {
        String inspection = Api.concludedInspection();
        String rec = id(Api.recommendationsOf(inspection).get(1));
        Response answer = as(OFFICER).body(json(ReferenceScenario.progress()))
                .post("/api/v1/recommendations/" + rec + "/progress").then().statusCode(200).extract().response();
        Response read = as(OFFICER).get("/api/v1/recommendations/" + rec).then().statusCode(200).extract()
                .response();
        String updatedAt = answer.path("updatedAt");
        assertEquals(read.path("updatedAt"), updatedAt);
        assertEquals((String) read.path("createdAt"), answer.path("createdAt"));
        assertTrue(updatedAt.endsWith("Z"), updatedAt);
        String listed = as(OFFICER).get("/api/v1/recommendations?inspection=" + inspection).then().statusCode(200)
                .extract().path("items.find { it.id == '" + rec + "' }.updatedAt");
        assertEquals(updatedAt, listed);
    }

    /**
     * Every transition answers the recommendation exactly as every later read shows it, byte for byte, with the ETag
     * of a version one higher than the one it was asked against (If-Match). A transition changes the row with one
     * {@code UPDATE … RETURNING} and answers what that returned (the columns it changed, the ones it left alone, the
     * times as stored); the report it records reads back as it was sent.
     */
    @Test
    void everyTransitionAnswersTheRowAsLaterReadsShowIt() {
        List<Map<String, Object>> recs = Api.recommendationsOf(Api.concludedInspection());
        String figures = id(recs.get(1));
        Response progress = transition(OFFICER, figures, "progress", json(ReferenceScenario.progress()));
        assertEquals("IN_PROGRESS", progress.path("status"));
        assertEquals(60, (int) progress.path("progressPercent"));
        transition(OFFICER, figures, "completion", json(ReferenceScenario.completion()));
        Response rejected = transition(STEERING, figures, "reject", "{\"reason\":\"Thiếu biên bản\"}");
        assertNull(rejected.path("completionReportedAt"));
        assertEquals("Thiếu biên bản", rejected.path("lastReason"));
        Response completed = transition(OFFICER, figures, "completion", json(ReferenceScenario.completion()));
        assertEquals(100, (int) completed.path("progressPercent"));
        Response verified = transition(STEERING, figures, "verify", "{\"note\":\"Đạt\"}");
        assertEquals("VERIFIED", verified.path("status"));
        assertEquals("Đạt", verified.path("lastReason"));
        assertEquals(completed.path("completionReportedAt"), (String) verified.path("completionReportedAt"));

        String models = id(recs.get(3));
        Response moved = transition(STEERING, models, "deadline",
                "{\"dueDate\":\"2021-09-30\",\"reason\":\"Chờ tổng kết\"}");
        assertEquals("2021-09-30", moved.path("dueDate"));
        assertEquals("2021-03-31", moved.path("originalDueDate"));
        assertEquals("CANCELLED",
                transition(STEERING, models, "cancel", "{\"reason\":\"Thử nghiệm\"}").path("status"));

        var sent = ReferenceScenario.progress();
        List<Map<String, Object>> reports = as(OFFICER).get("/api/v1/recommendations/" + figures + "/reports").then()
                .statusCode(200).extract().jsonPath().getList("");
        assertEquals(List.of("PROGRESS", "COMPLETION", "COMPLETION"),
                reports.stream().map(r -> r.get("kind")).toList());
        Map<String, Object> first = reports.get(0);
        assertEquals(sent.text(), first.get("text"));
        assertEquals(sent.percent(), first.get("percent"));
        assertEquals(progress.path("updatedBy"), (String) first.get("reportedBy"));
        assertEquals("01855", first.get("reportedFor"));
        assertEquals(progress.path("updatedAt"), (String) first.get("reportedAt"));
        assertEquals(sent.evidence() == null ? 0 : sent.evidence().size(), ((List<?>) first.get("evidence")).size());
    }

    /** POSTs {@code action} against the version read just before; the answer must be what a GET then shows. */
    private static Response transition(String token, String rec, String action, String body) {
        String url = "/api/v1/recommendations/" + rec;
        String before = as(token).get(url).then().statusCode(200).extract().header("ETag");
        Response answer = as(token).header("If-Match", before).body(body).post(url + "/" + action).then()
                .statusCode(200).extract().response();
        Response read = as(token).get(url).then().statusCode(200).extract().response();
        assertEquals(read.asString(), answer.asString(), action);
        assertEquals(read.header("ETag"), answer.header("ETag"), action);
        assertEquals(version(before) + 1, version(answer.header("ETag")), action);
        return answer;
    }

    private static long version(String etag) {
        return Long.parseLong(etag.replaceAll("[^0-9]", ""));
    }

    /**
     * A page up to 64 KB goes out whole, with its Content-Length ({@code quarkus.rest.output-buffer-size}): with
     * Quarkus' default of 8 KB a page of 50 (~30 KB) went out in chunks, each a separate write. 20 recommendations of
     * the reference scenario (~1.1 KB each; at least 20 exist after this test's four inspections) make a page well
     * between the two sizes, whatever other tests left in the database.
     */
    @Test
    void aPageGoesOutWholeWithItsLength() {
        for (int i = 0; i < 4; i++) {
            Api.concludedInspection();
        }
        Response page = as(STEERING).get("/api/v1/recommendations?unit=06&limit=20").then().statusCode(200)
                .extract().response();
        int size = page.asByteArray().length;
        assertTrue(size > 8192 && size < 65536, "a page between the default buffer and ours: " + size);
        assertEquals(String.valueOf(size), page.header("Content-Length"));
        assertNull(page.header("Transfer-Encoding"));
    }

    @Test
    void followUpToVerificationRejectionDeadlineAndAutoClose() {
        String insp = Api.concludedInspection();
        List<Map<String, Object>> recs = Api.recommendationsOf(insp);
        assertEquals(5, recs.size());
        String figures = id(recs.get(1));
        String models = id(recs.get(3));
        // An org officer of a body not addressed may not report on it.
        as(Tokens.orgOfficer("01855", "WOMENS_UNION")).body(json(ReferenceScenario.progress()))
                .post("/api/v1/recommendations/" + figures + "/progress").then().statusCode(403);
        String key = UUID.randomUUID().toString();
        for (int n = 0; n < 2; n++) {
            as(OFFICER).header("Idempotency-Key", key).body(json(ReferenceScenario.progress()))
                    .post("/api/v1/recommendations/" + figures + "/progress").then().statusCode(200)
                    .body("status", equalTo("IN_PROGRESS")).body("progressPercent", equalTo(60));
        }
        as(OFFICER).get("/api/v1/recommendations/" + figures + "/reports").then().body("", hasSize(1));
        // Verification needs a completion report first.
        as(STEERING).body("{}").post("/api/v1/recommendations/" + figures + "/verify").then().statusCode(409);
        as(OFFICER).body(json(ReferenceScenario.completion()))
                .post("/api/v1/recommendations/" + figures + "/completion").then().statusCode(200)
                .body("status", equalTo("COMPLETION_REPORTED"));
        as(STEERING).body("{\"note\":\"Đạt\"}").post("/api/v1/recommendations/" + figures + "/verify").then()
                .statusCode(200).body("status", equalTo("VERIFIED")).body("overdue", equalTo(false));
        // The Women's Union reports on the associations' recommendation; the steering side rejects it.
        as(Tokens.orgOfficer("01855", "WOMENS_UNION")).body(json(ReferenceScenario.associationsCompletion()))
                .post("/api/v1/recommendations/" + models + "/completion").then().statusCode(200);
        as(STEERING).body("{\"reason\":\"Thiếu đề nghị công nhận\"}")
                .post("/api/v1/recommendations/" + models + "/reject").then().statusCode(200)
                .body("status", equalTo("IN_PROGRESS")).body("lastReason", equalTo("Thiếu đề nghị công nhận"));
        // Deadline: extended with a reason, kept in the history; never before the inspection.
        as(STEERING).body("{\"dueDate\":\"2020-11-30\",\"reason\":\"x\"}")
                .post("/api/v1/recommendations/" + models + "/deadline").then().statusCode(400)
                .body("errors[0].field", equalTo("dueDate"));
        as(STEERING).body("{\"dueDate\":\"2021-09-30\",\"reason\":\"Chờ Hội nghị tổng kết\"}")
                .post("/api/v1/recommendations/" + models + "/deadline").then().statusCode(200)
                .body("dueDate", equalTo("2021-09-30")).body("originalDueDate", equalTo("2021-03-31"));
        as(Tokens.viewer("06")).get("/api/v1/recommendations/" + models + "/history").then().statusCode(200)
                .body("action", equalTo(List.of("ISSUED", "COMPLETION_REPORTED", "REJECTED", "DEADLINE_CHANGED")))
                .body("[3].detail.previousDueDate", equalTo("2021-03-31"))
                .body("[3].detail.reason", equalTo("Chờ Hội nghị tổng kết"))
                .body("[3].actor", equalTo("Dev steering (06)"));
        // Cancelling the rest closes the inspection on its own.
        for (Map<String, Object> r : recs) {
            if (!id(r).equals(figures)) {
                as(STEERING).body("{\"reason\":\"Thử nghiệm\"}").post("/api/v1/recommendations/" + id(r) + "/cancel")
                        .then().statusCode(200);
            }
        }
        as(STEERING).get("/api/v1/inspections/" + insp).then().body("status", equalTo("CLOSED"));
        as(STEERING).get("/api/v1/inspections/" + insp + "/history").then().body("action", hasItem("CLOSED"));
        as(STEERING).body("{\"reason\":\"again\"}").post("/api/v1/recommendations/" + figures + "/cancel").then()
                .statusCode(409);
    }

    /**
     * Refusals speak the caller's language in words: the action and status by their labels (not "verify" and
     * ISSUED), the kind of record, the rule that refused (role, deciding side, addressed body), the missing body.
     */
    @Test
    void refusalsSayWhatAndWhyInWords() {
        String insp = Api.concludedInspection();
        String rec = id(Api.recommendationsOf(insp).get(1));
        String verify = "/api/v1/recommendations/" + rec + "/verify";
        as(STEERING).body("{}").post(verify).then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("Không thể xác nhận hoàn thành khi kiến nghị đang ở trạng thái Đã ban hành."));
        as(STEERING).header("Accept-Language", "en").body("{}").post(verify).then().statusCode(409)
                .body("detail", equalTo("Cannot verify completion while the recommendation is Issued."));
        // The inspected ward's own steering committee sees the recommendation but does not decide on it.
        as(Tokens.steering("01855")).body("{}").post(verify).then().statusCode(403).body("code", equalTo("forbidden"))
                .body("detail", equalTo("Chỉ Ban Chỉ đạo của cấp đã kiểm tra (hoặc cấp có thẩm quyền công nhận) hoặc "
                        + "cấp trên mới được thực hiện thao tác này; đơn vị được kiểm tra chỉ xem và báo cáo."));
        as(Tokens.orgOfficer("01855", "WOMENS_UNION")).body(json(ReferenceScenario.progress()))
                .post("/api/v1/recommendations/" + rec + "/progress").then().statusCode(403)
                .body("detail", equalTo("Chỉ cơ quan, tổ chức được giao thực hiện kiến nghị mới được báo cáo về kiến "
                        + "nghị này."));
        as(Tokens.viewer("01855")).body("{}").post(verify).then().statusCode(403)
                .body("detail", equalTo("Vai trò của bạn không được thực hiện thao tác này."));
        String missing = UUID.randomUUID().toString();
        as(STEERING).get("/api/v1/recommendations/" + missing).then().statusCode(404)
                .body("detail", equalTo("Không tìm thấy kiến nghị có mã " + missing + "."));
        as(STEERING).get("/api/v1/recommendations/not-an-id").then().statusCode(400)
                .body("code", equalTo("invalid-parameter")).body("errors[0].field", equalTo("id"));
        // No body at all: the error names the body, not the Java parameter.
        as(OFFICER).post("/api/v1/recommendations/" + rec + "/progress").then().statusCode(400)
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].message", equalTo("Yêu cầu cần có nội dung JSON."));
    }

    @Test
    void listFiltersOverdueSearchAndCursor() {
        var recs = ReferenceScenario.conclusion().recommendations();
        String marker = "mã" + UUID.randomUUID().toString().substring(0, 8);
        var future = Api.withDue(recs.get(2), LocalDate.of(2099, 1, 1), recs.get(2).content() + " " + marker);
        var past = Api.withDue(recs.get(3), LocalDate.of(2021, 3, 31), recs.get(3).content() + " " + marker);
        String insp = Api.concludedInspection(Api.conclusionWith(List.of(future, past)));
        String base = "/api/v1/recommendations";
        // Diacritics-insensitive search over content and unit name.
        as(STEERING).queryParam("q", java.text.Normalizer.normalize("TUYÊN TRUYỀN. " + marker.toUpperCase(),
                java.text.Normalizer.Form.NFD)).get(base).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].dueDate", equalTo("2099-01-01"));
        as(STEERING).queryParam("q", "XUAT HOA").queryParam("inspection", insp).get(base).then()
                .body("items", hasSize(2));
        as(STEERING).queryParam("inspection", insp).queryParam("overdue", true).get(base).then()
                .body("items", hasSize(1)).body("items[0].dueDate", equalTo("2021-03-31"))
                .body("items[0].overdue", equalTo(true));
        as(STEERING).queryParam("inspection", insp).queryParam("overdue", false).get(base).then()
                .body("items", hasSize(1)).body("items[0].overdue", equalTo(false));
        as(STEERING).queryParam("inspection", insp).queryParam("addressee", "YOUTH_UNION").get(base).then()
                .body("items", hasSize(1)).body("items[0].addressees.bodyType", hasItem("YOUTH_UNION"));
        as(STEERING).queryParam("inspection", insp).queryParam("dueFrom", "2022-01-01").queryParam("dueTo",
                "2100-01-01").get(base).then().body("items", hasSize(1));
        as(STEERING).queryParam("inspection", insp).queryParam("status", "ISSUED").queryParam("year", 2020)
                .get(base).then().body("items", hasSize(2));
        as(STEERING).queryParam("inspection", insp).queryParam("year", 2019).get(base).then().body("items",
                hasSize(0));
        as(STEERING).queryParam("inspection", insp).queryParam("sort", "-dueDate").get(base).then()
                .body("items.dueDate", equalTo(List.of("2099-01-01", "2021-03-31")));
        // Today's Thái Nguyên province and today's merged ward both cover Xuất Hóa's records.
        as(Tokens.steering("19")).queryParam("unit", "19").queryParam("inspection", insp).get(base).then()
                .body("items", hasSize(2));
        as(Tokens.unitOfficer("01843")).queryParam("inspection", insp).get(base).then().body("items", hasSize(2));
        as(Tokens.unitOfficer("03127")).queryParam("inspection", insp).get(base).then().body("items", hasSize(0));
        as(Tokens.unitOfficer("03127")).queryParam("unit", "01855").get(base).then().statusCode(403);
        as(STEERING).queryParam("status", "ISSUED").get(base).then().body("items.status", everyItem(equalTo(
                "ISSUED"))).body("items.status", not(hasItem("VERIFIED")));
    }

    @Test
    void cursorWalksEveryRecommendationOnce() {
        Api.concludedInspection();
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var req = as(Tokens.admin()).queryParam("limit", 3).queryParam("sort", "-createdAt");
            if (cursor != null) {
                req = req.queryParam("cursor", cursor);
            }
            Response page = req.get("/api/v1/recommendations");
            page.then().statusCode(200);
            List<String> ids = page.jsonPath().getList("items.id");
            order.addAll(ids);
            seen.addAll(ids);
            cursor = page.jsonPath().getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 500);
        assertEquals(order.size(), seen.size(), "no duplicates across pages");
        long total = as(Tokens.admin()).queryParam("limit", 200).get("/api/v1/recommendations").jsonPath()
                .getList("items").size();
        assertTrue(seen.size() >= Math.min(total, 5));
        // A cursor of another sort order is refused.
        as(Tokens.admin()).queryParam("sort", "dueDate").queryParam("limit", 1).get("/api/v1/recommendations")
                .then().statusCode(200);
    }
}
