package vn.qcdc.inspection.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import vn.qcdc.testsupport.Tokens;

/** {@code GET /api/v1/units}: the official units, paged, filtered and searched without diacritics. */
@QuarkusTest
class UnitsApiTest {

    private static RequestSpecification as() {
        return given().auth().oauth2(Tokens.viewer("19"));
    }

    @Test
    void aCodeShowsEachOfItsVersionsWithSuccessorsAndPredecessors() {
        as().get("/api/v1/units/01843").then().statusCode(200).body("name", equalTo("Phường Bắc Kạn"))
                .body("type", equalTo("WARD")).body("parentCode", equalTo("19"))
                .body("validFrom", equalTo("2025-07-01"))
                .body("current", equalTo(true)).body("versions.name", equalTo(List.of("Phường Phùng Chí Kiên",
                        "Phường Bắc Kạn")))
                .body("predecessors.code", equalTo(List.of("01837", "01843", "01852", "01855")))
                .body("predecessors.find { it.code == '01855' }.basis", equalTo("1683/NQ-UBTVQH15 Điều 1 khoản 90"));
        as().queryParam("date", "2021-12-03").get("/api/v1/units/01843").then().statusCode(200)
                .body("name", equalTo("Phường Phùng Chí Kiên")).body("parentCode", equalTo("058"))
                .body("validTo", equalTo("2025-06-30")).body("validFrom", nullValue())
                .body("successorCode", equalTo("01843")).body("successors[0].name", equalTo("Phường Bắc Kạn"));
        as().queryParam("date", "2026-01-01").get("/api/v1/units/01855").then().statusCode(404);
        as().queryParam("date", "yesterday").get("/api/v1/units/01855").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("date"));
    }

    @Test
    void searchIgnoresDiacriticsAndFiltersByLevelParentAndDate() {
        as().queryParam("q", "xuat hoa").get("/api/v1/units").then().statusCode(200)
                .body("items.code", hasItem("01855")).body("items.name", hasItem("Phường Xuất Hóa"));
        as().queryParam("q", "XUẤT HOÁ").queryParam("date", "2026-01-01").get("/api/v1/units").then()
                .statusCode(200).body("items", hasSize(0));
        as().queryParam("parent", "058").queryParam("date", "2020-12-03").get("/api/v1/units").then()
                .statusCode(200).body("items", hasSize(8)).body("items.parentCode", everyItem(equalTo("058")));
        as().queryParam("level", "PROVINCE").queryParam("date", "2025-07-01").queryParam("limit", 200)
                .get("/api/v1/units").then().statusCode(200).body("items", hasSize(34))
                .body("nextCursor", nullValue());
        as().queryParam("level", "PROVINCE").queryParam("date", "2025-06-30").queryParam("limit", 200)
                .get("/api/v1/units").then().statusCode(200).body("items", hasSize(63));
        as().queryParam("type", "SPECIAL_ZONE").get("/api/v1/units").then().statusCode(200)
                .body("items", hasSize(13));
        as().queryParam("level", "TOWNSHIP").get("/api/v1/units").then().statusCode(400)
                .body("errors[0].field", equalTo("level"));
        as().queryParam("parent", "99999").get("/api/v1/units").then().statusCode(400)
                .body("errors[0].field", equalTo("parent"));
    }

    @Test
    void cursorPagesWalkEveryCommuneOfTheReformOnce() {
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification r = as().queryParam("level", "COMMUNE").queryParam("date", "2025-07-01")
                    .queryParam("limit", 200);
            if (cursor != null) {
                r.queryParam("cursor", cursor);
            }
            Response page = r.get("/api/v1/units");
            page.then().statusCode(200).body("items", notNullValue());
            List<String> codes = page.path("items.code");
            for (String c : codes) {
                assertTrue(seen.add(c), "seen twice: " + c);
            }
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(3_321, seen.size());
        assertEquals(17, pages);
        as().queryParam("cursor", "%%%").get("/api/v1/units").then().statusCode(400);
    }
}
