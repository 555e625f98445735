package vn.qcdc.inspection.imports;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import vn.qcdc.testsupport.Tokens;

/**
 * A file that carries its delegation before the inspections that name it by the delegation's external id: checked in
 * a dry run (a delegation without a head refused in its column, the inspection naming it refused too), written, and
 * re-imported with the delegation renamed: updated, not duplicated. Its recommendations all verified, the inspection is
 * closed as the last verification closes it in live operation.
 */
@QuarkusTest
class DelegationImportTest {

    @Inject
    EntityManager em;

    private static final String HEAD = "\uFEFFLoại bản ghi,Mã bản ghi,Tên đoàn,Ban chỉ đạo,Cấp ban chỉ đạo,"
            + "Mã đơn vị ban chỉ đạo,Năm,Chủ đề kiểm tra,Trưởng đoàn,Thành viên,Mã buổi kiểm tra,Đoàn kiểm tra,"
            + "Mã đơn vị,Ngày kiểm tra,Ngày kết luận,Người ký,Lĩnh vực,Nội dung,Thời hạn,Cơ quan thực hiện,Trạng thái,"
            + "Ngày báo cáo hoàn thành,Ngày xác nhận\r\n";

    private static String csv(String p, String delegationName, String head) {
        String insp = p + "-KT," + p + "-D,01855,2021-03-10,2021-03-20,Phạm Duy Hưng,";
        return HEAD
                + "đoàn kiểm tra," + p + "-D," + delegationName + ",Ban Chỉ đạo QCDC tỉnh Bắc Kạn,Cấp tỉnh,06,2021,"
                + "Quy chế dân chủ ở cơ sở;DAN_VAN_KHEO," + head
                + ",\"Nguyễn Thị Lan, Chuyên viên Ban Dân vận; Hoàng Văn Nam, Chuyên viên, Thư ký\",,,,,,,,,,,,,\r\n"
                + "kiến nghị," + p + "-1,,,,,,,,," + insp + "PETITIONS,Đối thoại định kỳ,2021-09-30,UBND,"
                + "VERIFIED,2021-06-01,2021-06-15\r\n"
                + "kiến nghị," + p + "-2,,,,,,,,," + insp + "PUBLIC_DISCLOSURE,Niêm yết công khai,2021-09-30,"
                + "Đảng ủy,Đã xác nhận hoàn thành,2021-07-01,2021-07-10\r\n";
    }

    private static JsonPath upload(String body, String query) {
        return given().auth().oauth2(Tokens.steering("06")).header("Accept-Language", "vi")
                .multiPart("file", "doan-2021.csv", body.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/v1/imports/inspections" + query).then().statusCode(201).extract().jsonPath();
    }

    private String one(String sql, String p) {
        return QuarkusTransaction.requiringNew().call(() -> String.valueOf(em.createNativeQuery(sql)
                .setParameter(1, p).getSingleResult()));
    }

    @Test
    void aDelegationAndItsInspectionsAreImportedTogetherAndUpdatedByExternalId() {
        String p = "D" + UUID.randomUUID().toString().substring(0, 8);
        String head = "\"Phạm Duy Hưng, Phó Chủ tịch UBND tỉnh Bắc Kạn\"";

        // dry run: a delegation without a head is refused in its members' column, its inspection with it
        JsonPath dry = upload(csv(p, "Đoàn kiểm tra năm 2021", ""), "?dryRun=true");
        assertEquals("INVALID", dry.getString("status"), dry.prettify());
        assertEquals(3, dry.getInt("rowsInvalid"));
        assertEquals(2, dry.getInt("errors[0].row"));
        assertEquals("members", dry.getString("errors[0].column"));
        assertEquals("delegation_id", dry.getString("errors[1].column"));
        assertEquals(p + "-D", dry.getString("errors[1].value"));
        assertEquals("0", one("SELECT count(*) FROM delegation WHERE external_id = ?1", p + "-D"));

        // valid: the delegation first, then the inspection naming it by its external id
        JsonPath job = upload(csv(p, "Đoàn kiểm tra năm 2021", head), "");
        assertEquals("DONE", job.getString("status"), job.prettify());
        assertEquals(1, job.getInt("delegationsCreated"));
        assertEquals(1, job.getInt("inspectionsCreated"));
        assertEquals(2, job.getInt("recommendationsCreated"));
        String delegation = one("SELECT CAST(id AS text) FROM delegation WHERE external_id = ?1", p + "-D");
        given().auth().oauth2(Tokens.steering("06")).get("/api/v1/delegations/" + delegation).then().statusCode(200)
                .body("committeeUnitCode", equalTo("06")).body("members.role", hasItem("HEAD"))
                .body("members.role", hasItem("SECRETARY")).body("topics", hasItem("QCDC"));
        String inspection = one("SELECT CAST(id AS text) FROM inspection WHERE external_id = ?1", p + "-KT");
        // every recommendation verified: closed, as live operation closes it
        given().auth().oauth2(Tokens.steering("06")).get("/api/v1/inspections/" + inspection).then().statusCode(200)
                .body("delegationId", equalTo(delegation)).body("status", equalTo("CLOSED"));

        // re-imported renamed: the same delegation updated, nothing duplicated
        JsonPath again = upload(csv(p, "Đoàn kiểm tra (đổi tên)", head), "");
        assertEquals("DONE", again.getString("status"), again.prettify());
        assertEquals(0, again.getInt("delegationsCreated"));
        assertEquals(1, again.getInt("delegationsUpdated"));
        assertEquals("1", one("SELECT count(*) FROM delegation WHERE external_id = ?1", p + "-D"));
        assertTrue(one("SELECT name FROM delegation WHERE external_id = ?1", p + "-D").contains("đổi tên"));
    }
}
