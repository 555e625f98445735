package vn.qcdc.inspection.imports;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
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
import vn.qcdc.inspection.Api;
import vn.qcdc.testsupport.Tokens;

/**
 * A province's first day: a spreadsheet of its 2021 inspections (Vietnamese headers, a byte-order mark, a quoted cell
 * with a comma and a line break) checked in a dry run with every row's errors, refused whole while a row is wrong,
 * written valid-rows-only with a downloadable error file, then re-imported corrected: updated, not duplicated. The
 * recommendations go out as issued events carrying their 2021 conclusion date.
 */
@QuarkusTest
class ImportTest {

    @Inject
    EntityManager em;

    private static String csv(String delegation, String prefix, String badDue) {
        String head = "\uFEFFLoại bản ghi,Mã bản ghi,Mã buổi kiểm tra,Mã đoàn kiểm tra,Mã đơn vị,Ngày kiểm tra,"
                + "Năm đánh giá,Ngày kết luận,Người ký,Lĩnh vực,Nội dung,Loại phát hiện,Mức ưu tiên,Thời hạn,"
                + "Cơ quan thực hiện,Trạng thái,Ngày báo cáo hoàn thành,Ngày xác nhận\r\n";
        String insp = prefix + "-KT," + delegation + ",01855,2021-03-10,2020,2021-03-20,Phạm Duy Hưng,";
        return head
                + "kiến nghị," + prefix + "-1," + insp
                + "\"Đối thoại, tiếp công dân\",\"Công khai thu, chi các khoản đóng góp\nhằng quý\","
                + ",Cao,2022-03-31,Đảng ủy;UBND,Đã ban hành,,\r\n"
                + "kiến nghị," + prefix + "-2," + insp + "PUBLIC_DISCLOSURE,Niêm yết công khai,,NORMAL," + badDue
                + ",GOVERNMENT,,,\r\n"
                + "kiến nghị," + prefix + "-3," + insp
                + "LAW_DISSEMINATION,Bổ sung số liệu minh chứng,,,2021-06-30,GOVERNMENT,"
                + "VERIFIED,2021-06-01,2021-06-15\r\n"
                + "phát hiện," + prefix + "-F1," + insp + "OTHER,Báo cáo thiếu số liệu minh chứng cụ thể.,LIMITATION,"
                + ",,,,,\r\n";
    }

    private static JsonPath upload(String body, String query, String language) {
        return given().auth().oauth2(Tokens.steering("06")).header("Accept-Language", language)
                .multiPart("file", "lich-su-2021.csv", body.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/v1/imports/inspections" + query).then().statusCode(201).extract().jsonPath();
    }

    private long count(String sql, String prefix) {
        return Api.count(em, sql, prefix + "%");
    }

    @Test
    void aYearOfHistoryIsCheckedWrittenAndReimportedWithoutDuplicates() {
        String delegation = Api.delegation();
        String prefix = "T" + UUID.randomUUID().toString().substring(0, 8);
        String recs = "SELECT count(*) FROM recommendation WHERE external_id LIKE ?1";

        // dry run: every error of the bad row, in English on request; nothing written
        JsonPath dry = upload(csv(delegation, prefix, "31/13/2022"), "?dryRun=true", "en");
        assertEquals("INVALID", dry.getString("status"));
        assertEquals(4, dry.getInt("rowsRead"));
        assertEquals(1, dry.getInt("rowsInvalid"));
        assertEquals(3, dry.getInt("errors[0].row"), dry.prettify());
        assertEquals("due_date", dry.getString("errors[0].column"));
        assertEquals("31/13/2022", dry.getString("errors[0].value"));
        assertEquals("Not a date (yyyy-MM-dd or dd/MM/yyyy).", dry.getString("errors[0].message"));
        assertEquals(0, count(recs, prefix));

        // the whole file must be valid: refused, nothing written; the error file in Vietnamese
        JsonPath refused = upload(csv(delegation, prefix, "31/13/2022"), "", "vi");
        assertEquals("INVALID", refused.getString("status"));
        assertEquals(0, count(recs, prefix));
        String file = given().auth().oauth2(Tokens.steering("06")).get(refused.getString("errorFile")).then()
                .statusCode(200).header("Content-Disposition", containsString("attachment")).extract().asString();
        assertTrue(file.contains("3,due_date,Không phải là ngày (yyyy-MM-dd hoặc dd/MM/yyyy).,31/13/2022"), file);

        // valid rows only: three rows written, the fourth listed
        JsonPath partial = upload(csv(delegation, prefix, "31/13/2022"), "?validRowsOnly=true", "vi");
        assertEquals("DONE", partial.getString("status"), partial.prettify());
        assertEquals(3, partial.getInt("rowsWritten"));
        assertEquals(1, partial.getInt("inspectionsCreated"));
        assertEquals(2, partial.getInt("recommendationsCreated"));
        assertEquals(1, partial.getInt("findingsCreated"));
        assertEquals(2, count(recs, prefix));

        // corrected and imported again: updated in place, the missing one added, nothing duplicated
        JsonPath again = upload(csv(delegation, prefix, "2022-06-30"), "", "vi");
        assertEquals("DONE", again.getString("status"), again.prettify());
        assertEquals(0, again.getInt("inspectionsCreated"));
        assertEquals(1, again.getInt("inspectionsUpdated"));
        assertEquals(1, again.getInt("recommendationsCreated"));
        assertEquals(2, again.getInt("recommendationsUpdated"));
        assertEquals(1, again.getInt("findingsUpdated"));
        assertEquals(3, count(recs, prefix));
        assertEquals(1, count("SELECT count(*) FROM inspection WHERE external_id LIKE ?1", prefix));

        // the records keep their real dates and the events carry them
        String inspection = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("SELECT CAST(id AS text) FROM inspection WHERE external_id = ?1")
                .setParameter(1, prefix + "-KT").getSingleResult().toString());
        given().auth().oauth2(Tokens.steering("06")).get("/api/v1/inspections/" + inspection).then().statusCode(200)
                .body("status", equalTo("CONCLUDED")).body("conclusion.date", equalTo("2021-03-20"));
        List<String> issued = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("SELECT o.payload"
                + " FROM outbox_log o JOIN recommendation r ON o.record_key = CAST(r.id AS text)"
                + " WHERE r.external_id LIKE ?1 AND o.type = ?2").setParameter(1, prefix + "%")
                .setParameter(2, EventTypes.RECOMMENDATION_ISSUED).getResultList());
        assertEquals(3, issued.size(), "one issued event per recommendation, none again on re-import");
        issued.forEach(p -> assertTrue(p.contains("\"conclusionDate\":\"2021-03-20\""), p));
        given().auth().oauth2(Tokens.steering("06")).queryParam("inspection", inspection)
                .get("/api/v1/recommendations").then().statusCode(200)
                .body("items.findAll { it.status == 'VERIFIED' }.verifiedOn", hasItem("2021-06-15"))
                .body("items.content", hasItem("Công khai thu, chi các khoản đóng góp hằng quý"));
    }

    @Test
    void jsonLinesAndWhoMayImport() {
        String delegation = Api.delegation();
        String prefix = "J" + UUID.randomUUID().toString().substring(0, 8);
        String line = ("{\"record\":\"recommendation\",\"externalId\":\"%s-1\",\"inspectionExternalId\":\"%s-KT\","
                + "\"delegationId\":\"%s\",\"unitCode\":\"01855\",\"scheduledDate\":\"2021-03-10\","
                + "\"conclusionDate\":\"2021-03-20\",\"signer\":\"Phạm Duy Hưng\",\"area\":\"PETITIONS\","
                + "\"content\":\"Đối thoại định kỳ\",\"dueDate\":\"2022-03-31\",\"addressees\":[\"PARTY_COMMITTEE\"]}")
                .formatted(prefix, prefix, delegation);
        JsonPath job = given().auth().oauth2(Tokens.steering("06"))
                .multiPart("file", "lich-su.jsonl", (line + "\n{not json}\n").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/imports/inspections?validRowsOnly=true").then().statusCode(201).extract().jsonPath();
        assertEquals("JSONL", job.getString("format"));
        assertEquals(1, job.getInt("recommendationsCreated"), job.prettify());
        assertEquals(2, job.getInt("errors[0].row"));
        // progress and the job are visible to the committee; another province's committee cannot import here
        given().auth().oauth2(Tokens.steering("06")).get("/api/v1/imports?unit=06").then().statusCode(200)
                .body("id", hasItem(job.getString("id")));
        given().auth().oauth2(Tokens.steering("11")).multiPart("file", "x.jsonl", line.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/imports/inspections?unit=06").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.unitOfficer("01855"))
                .multiPart("file", "x.jsonl", line.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/imports/inspections").then().statusCode(403);
        // an unknown header is a 400 for the whole file
        given().auth().oauth2(Tokens.steering("06")).header("Accept-Language", "en")
                .multiPart("file", "x.csv", "Mã bản ghi,Cột lạ\na,b\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/imports/inspections").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].message", equalTo("Column headers not in the import template: Cột lạ."));
    }
}
