package vn.qcdc.notification.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.testsupport.SqlStatements;
import vn.qcdc.testsupport.Tokens;

/**
 * A province's scope is hundreds of unit codes (Thái Nguyên's includes the whole former Bắc Kạn). The delivery log and
 * the contacts bind them as one array ({@code AnyOf}), not one parameter per code.
 */
@QuarkusTest
class ScopeStatementsTest {

    @Test
    void aProvincesListsBindItsScopeAsOneArray() {
        // the province's integration: the one role, with the administrator, that reads both
        String integration = Tokens.integration("19");
        List<String> sql = SqlStatements.during(() -> {
            given().auth().oauth2(integration).get("/api/v1/deliveries").then().statusCode(200);
            given().auth().oauth2(integration).get("/api/v1/contacts").then().statusCode(200);
        });
        assertEquals(List.of(), SqlStatements.expandedLists(sql));
        for (String table : List.of("from delivery ", "from contact ")) {
            assertTrue(sql.stream().anyMatch(s -> s.toLowerCase().contains(table) && s.contains("unit_code = any(?)")),
                    () -> table + "… unit_code = any(?) in none of " + sql);
        }
    }
}
