package vn.qcdc.inspection.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.testsupport.SqlStatements;
import vn.qcdc.testsupport.Tokens;

/**
 * A province's scope is hundreds of unit codes (Thái Nguyên's includes the whole former Bắc Kạn). The lists read
 * through Hibernate bind them as one array ({@code AnyOf}), not one parameter per code (about 500 in each statement
 * before).
 */
@QuarkusTest
class ScopeStatementsTest {

    @Test
    void aProvincesListsBindItsScopeAsOneArray() {
        String steering = Tokens.steering("19");
        List<String> sql = SqlStatements.during(() -> {
            given().auth().oauth2(steering).get("/api/v1/inspections").then().statusCode(200);
            given().auth().oauth2(steering).get("/api/v1/delegations").then().statusCode(200);
            given().queryParam("unit", "19").get("/api/v1/public/inspections").then().statusCode(200);
            given().auth().oauth2(steering).get("/api/v1/imports").then().statusCode(200);
        });
        assertEquals(List.of(), SqlStatements.expandedLists(sql));
        for (String condition : List.of("i1_0.unit_code = any(?)", "d1_0.committee_unit_code = any(?)",
                "i1_0.status = any(?)", "j1_0.unit_code = any(?)")) {
            assertTrue(sql.stream().anyMatch(s -> s.contains(condition)), () -> condition + " in none of " + sql);
        }
    }
}
