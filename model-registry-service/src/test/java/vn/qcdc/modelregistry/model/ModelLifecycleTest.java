package vn.qcdc.modelregistry.model;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import vn.qcdc.testsupport.Tokens;

/** The life cycle of one model: transitions, history, result reports with evidence, recognition, continuation. */
@QuarkusTest
class ModelLifecycleTest {

    static final String UNIT = ModelFixtures.XUAT_HOA;
    final String officer = Tokens.orgOfficer(UNIT, "WOMENS_UNION");
    final String steering = Tokens.steering(ModelFixtures.BAC_KAN_CITY);

    String registered(int year) {
        return ModelFixtures.register(officer, ModelFixtures.model(UNIT, year)).then().statusCode(201)
                .header("ETag", "\"v0\"").header("Location", notNullValue()).extract().path("id");
    }

    String proposed(int year) {
        String id = registered(year);
        ModelFixtures.post(officer, id, "start", "{}").then().statusCode(200);
        ModelFixtures.post(officer, id, "self-evaluation", "{\"summary\": \"Đạt\"}").then().statusCode(200);
        ModelFixtures.post(officer, id, "proposal", "{\"level\": \"DISTRICT\", \"unitCode\": \"058\", \"body\":"
                + " \"Ban Chỉ đạo thành phố Bắc Kạn\"}").then().statusCode(200)
                .body("proposal.unitCode", equalTo("058"));
        return id;
    }

    @Test
    void fullLifeCycleRecordsWhoWhenWhy() {
        String id = proposed(2022);
        ModelFixtures.post(steering, id, "recognition", "{\"decisionNumber\": \"45/QĐ-BCĐ\", \"decisionDate\":"
                + " \"2022-12-20\", \"level\": \"DISTRICT\", \"body\": \"Ban Chỉ đạo thành phố Bắc Kạn\","
                + " \"outstanding\": true}").then().statusCode(200).body("status", equalTo("RECOGNISED"))
                .body("outstanding", equalTo(true)).body("recognition.decisionNumber", equalTo("45/QĐ-BCĐ"))
                .body("recognition.decisionDate", equalTo("2022-12-20"));
        given().auth().oauth2(officer).get("/api/v1/models/" + id + "/history").then().statusCode(200)
                .body("action", equalTo(List.of("REGISTERED", "STATUS_CHANGED", "STATUS_CHANGED", "STATUS_CHANGED",
                        "STATUS_CHANGED")))
                .body("to", equalTo(List.of("REGISTERED", "IMPLEMENTING", "SELF_EVALUATED", "PROPOSED",
                        "RECOGNISED")))
                .body("[4].from", equalTo("PROPOSED")).body("[4].reason", containsString("45/QĐ-BCĐ"))
                .body("actor", hasItem(notNullValue())).body("[4].at", notNullValue());
        // A recognised model can later be proposed for commendation, once.
        ModelFixtures.post(officer, id, "commendation-proposal", "{\"level\": \"PROVINCE\", \"body\":"
                + " \"UBND tỉnh\"}").then().statusCode(200).body("commendationProposal.level", equalTo("PROVINCE"))
                .body("status", equalTo("RECOGNISED"));
        ModelFixtures.post(officer, id, "commendation-proposal", "{\"level\": \"PROVINCE\", \"body\": \"UBND tỉnh\"}")
                .then().statusCode(409);
    }

    @Test
    void invalidTransitionIs409WithAClearMessage() {
        String id = registered(2022);
        ModelFixtures.post(steering, id, "recognition", "{\"decisionNumber\": \"1\", \"decisionDate\": \"2022-12-01\","
                + " \"level\": \"DISTRICT\", \"body\": \"BCĐ\"}").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("model-invalid-transition"))
                .body("title", equalTo("Không thể chuyển trạng thái"))
                .body("detail", equalTo("Mô hình đang ở trạng thái Đã đăng ký, không thể chuyển sang Được công nhận;"
                        + " chỉ chuyển được từ: Đã đề nghị công nhận."));
        given().auth().oauth2(officer).header("Accept-Language", "en").contentType(ContentType.JSON)
                .body("{\"summary\": \"x\"}").post("/api/v1/models/" + id + "/self-evaluation").then()
                .statusCode(409).body("detail", containsString("only possible from: Implementing"));
        ModelFixtures.post(officer, id, "reports", "{\"summary\": \"x\"}").then().statusCode(409)
                .body("code", equalTo("model-report-not-implementing"));
        ModelFixtures.post(officer, id, "withdrawal", "{\"reason\": \"Không đủ điều kiện\"}").then().statusCode(200)
                .body("status", equalTo("WITHDRAWN")).body("statusReason", equalTo("Không đủ điều kiện"));
        ModelFixtures.post(officer, id, "withdrawal", "{\"reason\": \"lần nữa\"}").then().statusCode(409);
        ModelFixtures.post(officer, id, "start", "{}").then().statusCode(409);
        // Withdrawal needs a reason.
        ModelFixtures.post(officer, registered(2022), "withdrawal", "{}").then().statusCode(400)
                .body("errors.field", hasItem("reason"));
    }

    @Test
    void resultReportsCarryIndicatorValuesAndEvidenceWithSha256() throws Exception {
        String id = registered(2022);
        ModelFixtures.post(officer, id, "start", "{}").then().statusCode(200);
        byte[] file = "Biên bản họp tổ dân phố – minh chứng".getBytes("UTF-8");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        Response up = given().auth().oauth2(officer).multiPart("file", "bien-ban.txt", file, "text/plain")
                .post("/api/v1/models/" + id + "/evidence");
        up.then().statusCode(201).body("sha256", equalTo(sha)).body("sizeBytes", equalTo(file.length))
                .body("fileName", equalTo("bien-ban.txt"));
        String evidenceId = up.jsonPath().getString("id");
        byte[] back = given().auth().oauth2(officer).get("/api/v1/models/" + id + "/evidence/" + evidenceId).then()
                .statusCode(200).header("X-Content-SHA256", sha).extract().asByteArray();
        assertArrayEquals(file, back);
        ModelFixtures.post(officer, id, "reports", "{\"summary\": \"Quý 3\", \"periodEnd\": \"2022-09-30\","
                + " \"indicatorValues\": [{\"name\": \"hoi vien duoc vay von\", \"achieved\": 18}],"
                + " \"evidence\": [{\"evidenceId\": \"" + evidenceId + "\"}, {\"uri\": \"https://example.vn/a.pdf\","
                + " \"title\": \"Ảnh\"}]}").then().statusCode(201).body("evidence[0].sha256", equalTo(sha))
                .body("indicatorValues[0].achieved", equalTo(18));
        given().auth().oauth2(officer).get("/api/v1/models/" + id + "/reports").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].evidence[1].uri", equalTo("https://example.vn/a.pdf"));
        // An indicator the model did not register is refused; so are non-http links and oversize files.
        ModelFixtures.post(officer, id, "reports", "{\"summary\": \"x\", \"indicatorValues\": [{\"name\":"
                + " \"Khác\", \"achieved\": 1}]}").then().statusCode(400).body("errors[0].field",
                        equalTo("indicatorValues"));
        ModelFixtures.post(officer, id, "reports", "{\"summary\": \"x\", \"evidence\": [{\"uri\":"
                + " \"javascript:alert(1)\"}]}").then().statusCode(400);
        given().auth().oauth2(officer).multiPart("file", "big.bin", new byte[5 * 1024 * 1024 + 1],
                "application/octet-stream").post("/api/v1/models/" + id + "/evidence").then().statusCode(413)
                .contentType("application/problem+json");
        given().auth().oauth2(officer).multiPart("other", "x").post("/api/v1/models/" + id + "/evidence").then()
                .statusCode(400).body("errors[0].field", equalTo("file"));
    }

    @Test
    void steeringOfTheWardCannotRecogniseForTheCityButTheCityCan() {
        String id = proposed(2022);
        ModelFixtures.post(Tokens.steering(UNIT), id, "rejection", "{\"reason\": \"x\"}").then().statusCode(403);
        ModelFixtures.post(Tokens.steering(ModelFixtures.DIEN_BIEN), id, "rejection", "{\"reason\": \"x\"}").then()
                .statusCode(404);
        ModelFixtures.post(steering, id, "rejection", "{\"reason\": \"Thiếu số liệu minh chứng\"}").then()
                .statusCode(200).body("status", equalTo("NOT_RECOGNISED"))
                .body("statusReason", equalTo("Thiếu số liệu minh chứng"));
    }

    @Test
    void staleIfMatchIs412AndIdempotencyKeyReplays() {
        String id = registered(2022);
        String body = ModelFixtures.model(UNIT, 2022).replace("30 hội viên", "35 hội viên");
        given().auth().oauth2(officer).contentType(ContentType.JSON).header("If-Match", "\"v0\"").body(body)
                .put("/api/v1/models/" + id).then().statusCode(200).header("ETag", "\"v1\"")
                .body("participants", equalTo("35 hội viên"));
        given().auth().oauth2(officer).contentType(ContentType.JSON).header("If-Match", "\"v0\"").body(body)
                .put("/api/v1/models/" + id).then().statusCode(412).body("code", equalTo("precondition-failed"));
        ModelFixtures.post(officer, id, "start", "{}").then().statusCode(200);
        given().auth().oauth2(officer).contentType(ContentType.JSON).header("If-Match", "\"v1\"")
                .body("{\"summary\": \"x\"}").post("/api/v1/models/" + id + "/self-evaluation").then()
                .statusCode(412);
        String key = UUID.randomUUID().toString();
        String report = "{\"summary\": \"Quý 4\"}";
        String first = given().auth().oauth2(officer).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(report).post("/api/v1/models/" + id + "/reports").then().statusCode(201).extract().path("id");
        given().auth().oauth2(officer).contentType(ContentType.JSON).header("Idempotency-Key", key).body(report)
                .post("/api/v1/models/" + id + "/reports").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first));
        given().auth().oauth2(officer).get("/api/v1/models/" + id + "/reports").then().body("$", hasSize(1));
        // Registration after IMPLEMENTING+: not editable.
        ModelFixtures.post(officer, id, "self-evaluation", "{\"summary\": \"x\"}").then().statusCode(200);
        given().auth().oauth2(officer).contentType(ContentType.JSON).body(body).put("/api/v1/models/" + id).then()
                .statusCode(409).body("code", equalTo("model-not-editable"));
    }

    @Test
    void continuationKeepsHistoryAndLinksTheYears() {
        String id = proposed(2021);
        ModelFixtures.post(steering, id, "recognition", "{\"decisionNumber\": \"7/QĐ\", \"decisionDate\":"
                + " \"2021-12-01\", \"level\": \"DISTRICT\", \"body\": \"BCĐ thành phố\"}").then().statusCode(200);
        ModelFixtures.post(officer, id, "continuation", "{\"year\": 2021}").then().statusCode(400)
                .body("errors[0].field", equalTo("year"));
        String next = ModelFixtures.post(officer, id, "continuation", "{\"year\": 2022}").then().statusCode(201)
                .body("previousModelId", equalTo(id)).body("year", equalTo(2022)).body("status", equalTo("REGISTERED"))
                .body("unitCode", equalTo(UNIT)).extract().path("id");
        ModelFixtures.post(officer, id, "continuation", "{\"year\": 2023}").then().statusCode(409);
        given().auth().oauth2(officer).get("/api/v1/models/" + id).then().body("nextModelId", equalTo(next))
                .body("status", equalTo("RECOGNISED")).body("recognition.decisionNumber", equalTo("7/QĐ"));
        given().auth().oauth2(officer).get("/api/v1/models/" + id + "/history").then()
                .body("action", hasItem("CONTINUED_INTO"));
        given().auth().oauth2(officer).get("/api/v1/models/" + next).then().body("recognition", nullValue());
        // Continued past the 2025 reform: registered at the successor ward, under its name.
        String late = proposed(2024);
        ModelFixtures.post(steering, late, "rejection", "{\"reason\": \"Chưa đạt\"}").then().statusCode(200);
        ModelFixtures.post(Tokens.orgOfficer(ModelFixtures.BAC_KAN_WARD, "WOMENS_UNION"), late, "continuation",
                "{\"year\": 2026}").then().statusCode(201).body("unitCode", equalTo("01843"))
                .body("unitName", equalTo("Phường Bắc Kạn"));
    }

    @Test
    void aModelKeepsTheVersionOfItsUnitValidOnItsDate() {
        // The same rule as inspections: 01843 is Phường Phùng Chí Kiên in 2021 and Phường Bắc Kạn from July 2025.
        String admin = Tokens.admin();
        ModelFixtures.register(admin, ModelFixtures.model(ModelFixtures.BAC_KAN_WARD, 2021)).then().statusCode(201)
                .body("unitName", equalTo("Phường Phùng Chí Kiên")).body("currentUnitName", equalTo("Phường Bắc Kạn"));
        ModelFixtures.register(admin, ModelFixtures.model(ModelFixtures.BAC_KAN_WARD, 2026)).then().statusCode(201)
                .body("unitName", equalTo("Phường Bắc Kạn"));
        // Xuất Hóa ended on 30 June 2025: a model starting in 2026 there has no unit to belong to.
        ModelFixtures.register(admin, ModelFixtures.model(UNIT, 2026)).then().statusCode(400)
                .body("errors[0].field", equalTo("startDate"));
        ModelFixtures.register(admin, ModelFixtures.model("99999", 2021)).then().statusCode(400)
                .body("errors[0].field", equalTo("unitCode"));
    }
}
