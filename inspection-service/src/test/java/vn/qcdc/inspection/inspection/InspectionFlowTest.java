package vn.qcdc.inspection.inspection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.qcdc.inspection.Api.as;
import static vn.qcdc.inspection.Api.json;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.inspection.Api;
import vn.qcdc.inspection.demo.ReferenceScenario;
import vn.qcdc.testsupport.KafkaTestProducer;
import vn.qcdc.testsupport.RealInfraResource;
import vn.qcdc.testsupport.Tokens;

/** The life of an inspection through the API: schedule, run, findings, evidence, conclusion, history. */
@QuarkusTest
class InspectionFlowTest {

    static final String STEERING = Tokens.steering("06");

    @Test
    void lifeCycleAndInvalidTransitionsAre409() {
        String id = Api.plannedInspection();
        as(STEERING).get("/api/v1/inspections/" + id).then().statusCode(200).body("status", equalTo("PLANNED"))
                .body("unitName", equalTo("Phường Xuất Hóa")).body("steeringUnitCode", equalTo("06"))
                .header("ETag", "\"v0\"");
        // Concluding a planned inspection is not a valid transition.
        as(STEERING).body(json(ReferenceScenario.conclusion())).post("/api/v1/inspections/" + id + "/conclusion")
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("invalid-transition"));
        as(STEERING).header("If-Match", "\"v7\"").post("/api/v1/inspections/" + id + "/start").then()
                .statusCode(412);
        as(STEERING).header("If-Match", "\"v0\"").post("/api/v1/inspections/" + id + "/start").then()
                .statusCode(200).body("status", equalTo("IN_PROGRESS")).header("ETag", "\"v1\"");
        as(STEERING).post("/api/v1/inspections/" + id + "/start").then().statusCode(409);
        as(STEERING).body("{\"reason\":\"Trùng lịch (minh họa)\"}").post("/api/v1/inspections/" + id + "/cancel")
                .then().statusCode(200).body("status", equalTo("CANCELLED"))
                .body("cancelReason", equalTo("Trùng lịch (minh họa)"));
        as(STEERING).body("{\"reason\":\"again\"}").post("/api/v1/inspections/" + id + "/cancel").then()
                .statusCode(409);
        as(STEERING).get("/api/v1/inspections/" + id + "/history").then().statusCode(200)
                .body("action", equalTo(List.of("SCHEDULED", "STARTED", "CANCELLED")))
                .body("actor", hasItem("Dev steering (06)"));
    }

    @Test
    void anInspectionKeepsTheVersionOfItsUnitValidOnItsDate() {
        // 01843 named Phường Phùng Chí Kiên (Thành phố Bắc Kạn) until 30 June 2025, then Phường Bắc Kạn (Thái Nguyên).
        String d = Api.delegation();
        String base = json(ReferenceScenario.inspection(UUID.fromString(d)));
        String id = as(STEERING).body(base.replace("\"01855\"", "\"01843\"").replace("2020-12-03", "2021-12-03"))
                .post("/api/v1/inspections").then().statusCode(201).body("unitCode", equalTo("01843"))
                .body("unitName", equalTo("Phường Phùng Chí Kiên")).extract().path("id");
        // Đặc khu Bạch Long Vĩ (11948) was formed on 1 July 2025: no version of it on 2020-12-03.
        as(STEERING).body(base.replace("\"01855\"", "\"11948\"")).post("/api/v1/inspections").then()
                .statusCode(400).body("errors[0].field", equalTo("scheduledDate"));
        as(STEERING).get("/api/v1/inspections/" + id).then().statusCode(200)
                .body("unitName", equalTo("Phường Phùng Chí Kiên"));
    }

    @Test
    void unitMustBeAGrassrootsUnitWithinTheCommitteeAndExistOnTheDate() {
        String d = Api.delegation();
        String base = json(ReferenceScenario.inspection(UUID.fromString(d)));
        as(STEERING).body(base.replace("\"01855\"", "\"058\"")).post("/api/v1/inspections").then().statusCode(400)
                .body("errors[0].field", equalTo("unitCode"));
        as(STEERING).body(base.replace("\"01855\"", "\"03127\"")).post("/api/v1/inspections").then()
                .statusCode(400).body("errors[0].field", equalTo("unitCode"));
        // Xuất Hóa was merged away on 1 July 2025.
        as(STEERING).body(base.replace("2020-12-03", "2025-12-03").replace("\"yearAssessed\":2020",
                "\"yearAssessed\":2025")).post("/api/v1/inspections").then().statusCode(400)
                .body("errors[0].field", equalTo("scheduledDate"));
    }

    @Test
    void findingsAreFrozenByTheConclusionAndLaterChangesAreAmendments() {
        String id = Api.runningInspection();
        String fid = as(STEERING).body(json(ReferenceScenario.findings().get(3)))
                .post("/api/v1/inspections/" + id + "/findings").then().statusCode(201)
                .body("indicators[0].value", equalTo(7)).body("amendment", equalTo(false)).extract().path("id");
        // Before the conclusion: a change overwrites.
        String changed = json(ReferenceScenario.findings().get(3)).replace("07 mô hình", "bảy mô hình");
        as(STEERING).header("If-Match", "\"v0\"").body(changed).put("/api/v1/inspections/" + id + "/findings/" + fid)
                .then().statusCode(200).body("id", equalTo(fid)).header("ETag", "\"v1\"");
        as(STEERING).body(json(Api.conclusionWith(List.of()))).post("/api/v1/inspections/" + id + "/conclusion")
                .then().statusCode(200).body("status", equalTo("CLOSED"));
        // After: the change is a new finding amending the old one, which is kept.
        String amendment = as(STEERING).body(changed.replace("bảy", "7"))
                .put("/api/v1/inspections/" + id + "/findings/" + fid).then().statusCode(200)
                .body("amendment", equalTo(true)).body("amendsId", equalTo(fid)).extract().path("id");
        as(STEERING).get("/api/v1/inspections/" + id + "/findings").then().statusCode(200).body("", hasSize(2))
                .body("find { it.id == '" + fid + "' }.superseded", equalTo(true))
                .body("find { it.id == '" + fid + "' }.text", equalTo(
                        "Các tổ chức Hội, đoàn thể (MTTQ, Hội phụ nữ, Đoàn thanh niên, Hội nông dân, Hội cựu chiến"
                                + " binh …) đăng ký triển khai thực hiện bảy mô hình “Dân vận khéo”."))
                .body("find { it.id == '" + amendment + "' }.superseded", equalTo(false));
        as(STEERING).body(changed).put("/api/v1/inspections/" + id + "/findings/" + fid).then().statusCode(409);
        as(STEERING).get("/api/v1/inspections/" + id + "/history").then()
                .body("action", hasItem("FINDING_AMENDED")).body("action", hasItem("FINDING_CHANGED"));
    }

    @Test
    void evidenceLinkedAndUploadedWithSha256AndDownloadable() throws Exception {
        String id = Api.runningInspection();
        as(STEERING).body(json(ReferenceScenario.evidence())).post("/api/v1/inspections/" + id + "/evidence").then()
                .statusCode(201).body("kind", equalTo("REPORT")).body("sha256", equalTo(null));
        byte[] file = "Biên bản làm việc (minh họa)".getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        Response up = given().auth().oauth2(STEERING).multiPart("file", "bien-ban.txt", file, "text/plain")
                .multiPart("title", "Biên bản buổi làm việc").multiPart("kind", "MINUTES")
                .multiPart("documentDate", "2020-12-03").post("/api/v1/inspections/" + id + "/evidence/upload");
        up.then().statusCode(201).body("sha256", equalTo(sha)).body("sizeBytes", equalTo(file.length))
                .body("downloadUrl", notNullValue());
        byte[] back = given().auth().oauth2(Tokens.viewer("06")).get(up.jsonPath().getString("downloadUrl")).then()
                .statusCode(200).header("X-Content-SHA256", sha).extract().asByteArray();
        assertArrayEquals(file, back);
        as(Tokens.unitOfficer("01855")).get("/api/v1/inspections/" + id + "/evidence").then().statusCode(200)
                .body("", hasSize(2));
        // An upload repeated with the same Idempotency-Key is stored once.
        String key = UUID.randomUUID().toString();
        String first = null;
        for (int n = 0; n < 2; n++) {
            Response again = given().auth().oauth2(STEERING).header("Idempotency-Key", key)
                    .multiPart("file", "anh.jpg", file, "image/jpeg").multiPart("title", "Ảnh buổi làm việc")
                    .multiPart("kind", "PHOTO").post("/api/v1/inspections/" + id + "/evidence/upload");
            again.then().statusCode(201);
            if (first == null) {
                first = again.jsonPath().getString("id");
            } else {
                assertEquals(first, again.jsonPath().getString("id"));
            }
        }
        as(STEERING).get("/api/v1/inspections/" + id + "/evidence").then().body("", hasSize(3));
        // Uploads are bounded (10 MB) and validated.
        given().auth().oauth2(STEERING).multiPart("file", "big.bin", new byte[10 * 1024 * 1024 + 10])
                .multiPart("title", "Quá lớn").multiPart("kind", "PHOTO")
                .post("/api/v1/inspections/" + id + "/evidence/upload").then().statusCode(413)
                .contentType("application/problem+json");
        given().auth().oauth2(STEERING).multiPart("file", "a.txt", file).multiPart("title", "x")
                .multiPart("kind", "SELFIE").post("/api/v1/inspections/" + id + "/evidence/upload").then()
                .statusCode(400).body("errors[0].field", equalTo("kind"));
        given().auth().oauth2(STEERING).multiPart("title", "x").multiPart("kind", "PHOTO")
                .post("/api/v1/inspections/" + id + "/evidence/upload").then().statusCode(400)
                .body("errors[0].field", equalTo("file"));
    }

    @Test
    void dvkFiguresComeFromModelRegistryEvents() {
        String id = Api.plannedInspection();
        String bootstrap = RealInfraResource.kafka().bootstrapServers();
        String recognised = UUID.randomUUID().toString();
        send(bootstrap, recognised, EventTypes.MODEL_REGISTERED, "REGISTERED", 2020, "01855");
        send(bootstrap, recognised, EventTypes.MODEL_RECOGNISED, "RECOGNISED", 2020, "01855");
        send(bootstrap, UUID.randomUUID().toString(), EventTypes.MODEL_REGISTERED, "REGISTERED", 2020, "01855");
        // Another year and another ward do not count.
        send(bootstrap, UUID.randomUUID().toString(), EventTypes.MODEL_REGISTERED, "REGISTERED", 2021, "01855");
        send(bootstrap, UUID.randomUUID().toString(), EventTypes.MODEL_REGISTERED, "REGISTERED", 2020, "01834");
        Awaitility.await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> as(STEERING)
                .get("/api/v1/inspections/" + id).then().statusCode(200)
                .body("dvkModels.registered", equalTo(2)).body("dvkModels.recognised", equalTo(1)));
    }

    static void send(String bootstrap, String modelId, String type, String status, int year, String unit) {
        String data = json(Map.of("model", Map.of("modelId", modelId, "name", "Mô hình minh họa", "unitCode", unit,
                "orgType", "WOMENS_UNION", "year", year, "field", "ECONOMIC", "kind", "COLLECTIVE", "status", status,
                "outstanding", false), "registeredBy", "test"));
        KafkaTestProducer.send(bootstrap, Topics.MODEL.name(), modelId, data,
                Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_source",
                        "/qcdc/model-registry-service", "ce_type", type, "content-type", "application/json"));
    }

    @Test
    void listIsScopedAndSearchIgnoresDiacritics() {
        String id = Api.plannedInspection();
        assertEquals(true, allIds(Tokens.steering("19"), "q", "xuat hoa").contains(id));
        assertEquals(true, allIds(Tokens.unitOfficer("01855"), "q", "Xuất Hoá").contains(id));
        assertEquals(false, allIds(Tokens.viewer("11"), "year", "2020").contains(id));
        assertEquals(false, allIds(Tokens.steering("19"), "q", "dien bien").contains(id));
    }

    /** Every id of the list, walking the cursor pages. */
    static java.util.Set<String> allIds(String token, String param, String value) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var req = as(token).queryParam(param, value).queryParam("limit", 200);
            if (cursor != null) {
                req = req.queryParam("cursor", cursor);
            }
            Response page = req.get("/api/v1/inspections");
            page.then().statusCode(200);
            ids.addAll(page.jsonPath().getList("items.id"));
            cursor = page.jsonPath().getString("nextCursor");
        } while (cursor != null && ++pages < 100);
        return ids;
    }
}
