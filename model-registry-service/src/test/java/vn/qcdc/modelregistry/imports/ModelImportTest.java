package vn.qcdc.modelregistry.imports;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import vn.qcdc.events.EventTypes;
import vn.qcdc.testsupport.Tokens;

/**
 * A province's "Dân vận khéo" models of 2021 from a spreadsheet (Vietnamese headers, a byte-order mark, labels for the
 * codes): checked in a dry run with every row's errors and nothing written, refused whole while a row is wrong,
 * written valid-rows-only with a downloadable error file, re-imported corrected (updated, not duplicated), and from
 * JSON lines. The models keep the real dates of their steps, and only registered/updated events go out: nothing that
 * would notify anyone of a 2021 proposal or recognition.
 */
@QuarkusTest
class ModelImportTest {

    @Inject
    EntityManager em;

    private static final String HEAD = "\uFEFFMã mô hình,Tên mô hình,Mã đơn vị,Tổ chức,Năm,Lĩnh vực,Tập thể/cá nhân,"
            + "Tên tập thể/cá nhân,Ngày bắt đầu,Trạng thái,Ngày đăng ký,Ngày triển khai,Ngày tự đánh giá,Ngày đề nghị,"
            + "Cấp đề nghị,Đơn vị xét công nhận,Cơ quan xét công nhận,Số quyết định,Ngày quyết định,Cấp công nhận,"
            + "Cơ quan công nhận,Tiêu biểu\r\n";

    private static String csv(String p) {
        return HEAD
                + p + "-1,\"Tổ liên gia tự quản, an toàn (minh họa)\",01843,Hội Liên hiệp Phụ nữ,2021,Kinh tế,Tập thể,"
                + "Chi hội Phụ nữ tổ 5,01/02/2021,Được công nhận,15/01/2021,2021-02-01,2021-10-20,2021-11-01,Cấp huyện,"
                + "058,BCĐ thành phố Bắc Kạn,123/QĐ-BCĐ,2021-12-10,Cấp huyện,BCĐ thành phố Bắc Kạn,Có\r\n"
                + p + "-2,Nuôi gà thả vườn (minh họa),01843,FARMERS_ASSOCIATION,2021,ECONOMIC,INDIVIDUAL,"
                + "Nguyễn Văn An,,Đang triển khai,2021-01-20,2021-03-01,,,,,,,,,,\r\n"
                + p + "-3,Dân vận khéo trong giải phóng mặt bằng (minh họa),01843,Hội Nông dân,2021,Kinh tế,Tập thể,"
                + "Chi hội tổ 7,,Đã đăng ký,2021-02-01,,,,,,,,,,,\r\n";
    }

    private static JsonPath upload(String body, String query, String language) {
        return given().auth().oauth2(Tokens.steering("06")).header("Accept-Language", language)
                .multiPart("file", "mo-hinh-2021.csv", body.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/v1/imports/models" + query).then().statusCode(201).extract().jsonPath();
    }

    private long count(String sql, String p) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql)
                .setParameter(1, p + "%").getSingleResult()).longValue());
    }

    @Test
    void modelsOf2021AreCheckedWrittenAndReimportedWithoutDuplicatesOrAlarms() {
        String p = "M" + UUID.randomUUID().toString().substring(0, 8);
        String models = "SELECT count(*) FROM dvk_model WHERE external_id LIKE ?1";
        String bad = csv(p).replace(p + "-3,Dân vận khéo trong giải phóng mặt bằng (minh họa),01843",
                p + "-3,Dân vận khéo trong giải phóng mặt bằng (minh họa),99999");

        // dry run: the bad row's error (row, column, Vietnamese message, value); nothing written
        JsonPath dry = upload(bad, "?dryRun=true", "vi");
        assertEquals("INVALID", dry.getString("status"), dry.prettify());
        assertEquals(3, dry.getInt("rowsRead"));
        assertEquals(1, dry.getInt("rowsInvalid"));
        assertEquals(4, dry.getInt("errors[0].row"));
        assertEquals("unit_code", dry.getString("errors[0].column"));
        assertEquals("Không có đơn vị hành chính mã 99999.", dry.getString("errors[0].message"));
        assertEquals("99999", dry.getString("errors[0].value"));
        assertEquals(0, count(models, p));

        // the whole file must be valid: refused, nothing written
        assertEquals("INVALID", upload(bad, "", "vi").getString("status"));
        assertEquals(0, count(models, p));

        // valid rows only: two written, the third in the error file
        JsonPath partial = upload(bad, "?validRowsOnly=true", "vi");
        assertEquals("DONE", partial.getString("status"), partial.prettify());
        assertEquals(2, partial.getInt("modelsCreated"));
        assertEquals(2, count(models, p));
        String file = given().auth().oauth2(Tokens.steering("06")).get(partial.getString("errorFile")).then()
                .statusCode(200).extract().asString();
        assertTrue(file.contains("4,unit_code,Không có đơn vị hành chính mã 99999.,99999"), file);

        // corrected and imported again: two updated, one added, nothing duplicated
        JsonPath again = upload(csv(p), "", "vi");
        assertEquals("DONE", again.getString("status"), again.prettify());
        assertEquals(1, again.getInt("modelsCreated"));
        assertEquals(2, again.getInt("modelsUpdated"));
        assertEquals(3, count(models, p));

        // the recognised model: its decision, "tiêu biểu", and each step on its real date
        String id = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("SELECT CAST(id AS text) FROM dvk_model WHERE external_id = ?1")
                .setParameter(1, p + "-1").getSingleResult().toString());
        given().auth().oauth2(Tokens.steering("06")).get("/api/v1/models/" + id).then().statusCode(200)
                .body("status", equalTo("RECOGNISED")).body("outstanding", equalTo(true))
                .body("recognition.decisionNumber", equalTo("123/QĐ-BCĐ"))
                .body("recognition.decisionDate", equalTo("2021-12-10")).body("proposal.unitCode", equalTo("058"))
                .body("orgType", equalTo("WOMENS_UNION"));
        JsonPath history = given().auth().oauth2(Tokens.steering("06")).get("/api/v1/models/" + id + "/history")
                .then().statusCode(200).extract().jsonPath();
        List<String> steps = history.<String>getList("to").stream().filter(java.util.Objects::nonNull).toList();
        assertEquals(List.of("REGISTERED", "IMPLEMENTING", "SELF_EVALUATED", "PROPOSED", "RECOGNISED"), steps,
                "the re-import replaced the imported steps: " + history.prettify());
        List<String> at = history.getList("at");
        List<String> to = history.getList("to");
        assertTrue(at.get(to.indexOf("RECOGNISED")).startsWith("2021-12-"), history.prettify());
        assertTrue(at.get(to.indexOf("REGISTERED")).startsWith("2021-01-1"), history.prettify());

        // no alarm: only registered and updated events, never a proposal, recognition or status change
        @SuppressWarnings("unchecked")
        List<String> types = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("SELECT o.type"
                + " FROM outbox_log o JOIN dvk_model m ON o.record_key = CAST(m.id AS text)"
                + " WHERE m.external_id LIKE ?1").setParameter(1, p + "%").getResultList());
        assertEquals(5, types.size(), types.toString());
        assertTrue(types.stream().allMatch(t -> t.equals(EventTypes.MODEL_REGISTERED)
                || t.equals(EventTypes.MODEL_UPDATED)), types.toString());
    }

    @Test
    void jsonLinesAndWhoMayImport() {
        String p = "J" + UUID.randomUUID().toString().substring(0, 8);
        String line = ("{\"externalId\":\"%s-1\",\"name\":\"Mô hình minh họa\",\"unitCode\":\"01843\","
                + "\"orgType\":\"YOUTH_UNION\",\"year\":2021,\"field\":\"CULTURE_SOCIAL\",\"kind\":\"COLLECTIVE\","
                + "\"holderName\":\"Chi đoàn tổ 2\",\"status\":\"WITHDRAWN\",\"registeredOn\":\"2021-02-01\","
                + "\"startedOn\":\"2021-03-01\",\"endedOn\":\"2021-06-01\",\"reason\":\"Chi đoàn sáp nhập\"}")
                .formatted(p);
        JsonPath job = given().auth().oauth2(Tokens.steering("06"))
                .multiPart("file", "mo-hinh.jsonl", (line + "\n{\"nope\":1}\n").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/imports/models?validRowsOnly=true").then().statusCode(201).extract().jsonPath();
        assertEquals("JSONL", job.getString("format"));
        assertEquals(1, job.getInt("modelsCreated"), job.prettify());
        assertEquals(2, job.getInt("errors[0].row"));
        assertEquals("nope", job.getString("errors[0].value"));
        given().auth().oauth2(Tokens.steering("06")).get("/api/v1/imports/" + job.getString("id")).then()
                .statusCode(200).body("rowsRead", equalTo(2)).body("rowsWritten", equalTo(1));
        given().auth().oauth2(Tokens.steering("06")).get("/api/v1/imports?unit=06").then().statusCode(200)
                .body("id", hasItem(job.getString("id")));
        // another province's committee, or an organisation's officer, may not import here
        given().auth().oauth2(Tokens.steering("11")).multiPart("file", "x.jsonl", line.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/imports/models?unit=06").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.orgOfficer("01843", "YOUTH_UNION"))
                .multiPart("file", "x.jsonl", line.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/imports/models").then().statusCode(403);
        given().auth().oauth2(Tokens.steering("11")).get("/api/v1/imports/" + job.getString("id")).then()
                .statusCode(404);
    }
}
