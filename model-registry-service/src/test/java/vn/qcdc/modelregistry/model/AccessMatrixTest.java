package vn.qcdc.modelregistry.model;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import vn.qcdc.testsupport.Tokens;

/**
 * Who may do what, for every endpoint, against one Women's Union model of Xuất Hóa: each row a caller, each column
 * an operation, each cell the expected status. 404 where the caller must not learn that the model exists.
 */
@QuarkusTest
class AccessMatrixTest {

    static final String UNIT = ModelFixtures.XUAT_HOA;
    static final int YEAR = 2017;

    static final Map<String, String> CALLERS = new LinkedHashMap<>();

    static {
        CALLERS.put("admin", Tokens.admin());
        CALLERS.put("unit-officer Xuất Hóa", Tokens.unitOfficer(UNIT));
        CALLERS.put("unit-officer Điện Biên Phủ", Tokens.unitOfficer(ModelFixtures.DIEN_BIEN_PHU));
        CALLERS.put("org-officer Xuất Hóa Women", Tokens.orgOfficer(UNIT, "WOMENS_UNION"));
        CALLERS.put("org-officer Xuất Hóa Youth", Tokens.orgOfficer(UNIT, "YOUTH_UNION"));
        CALLERS.put("org-officer Điện Biên Phủ Women", Tokens.orgOfficer(ModelFixtures.DIEN_BIEN_PHU,
                "WOMENS_UNION"));
        CALLERS.put("steering Bắc Kạn", Tokens.steering(ModelFixtures.BAC_KAN));
        CALLERS.put("steering Thái Nguyên", Tokens.steering(ModelFixtures.THAI_NGUYEN));
        CALLERS.put("steering Điện Biên", Tokens.steering(ModelFixtures.DIEN_BIEN));
        CALLERS.put("viewer Xuất Hóa", Tokens.viewer(UNIT));
        CALLERS.put("viewer Điện Biên", Tokens.viewer(ModelFixtures.DIEN_BIEN));
        CALLERS.put("integration", Tokens.integration());
    }

    /** Columns: get, history, reports, list-contains, update, start, withdraw, register, recognise, stats. */
    static final Map<String, int[]> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("admin", new int[]{200, 200, 200, 1, 200, 200, 200, 201, 200, 200});
        EXPECTED.put("unit-officer Xuất Hóa", new int[]{200, 200, 200, 1, 200, 200, 200, 201, 403, 200});
        EXPECTED.put("unit-officer Điện Biên Phủ", new int[]{404, 404, 404, 0, 404, 404, 404, 403, 403, 403});
        EXPECTED.put("org-officer Xuất Hóa Women", new int[]{200, 200, 200, 1, 200, 200, 200, 201, 403, 200});
        EXPECTED.put("org-officer Xuất Hóa Youth", new int[]{404, 404, 404, 0, 404, 404, 404, 403, 403, 200});
        EXPECTED.put("org-officer Điện Biên Phủ Women", new int[]{404, 404, 404, 0, 404, 404, 404, 403, 403, 403});
        EXPECTED.put("steering Bắc Kạn", new int[]{200, 200, 200, 1, 403, 403, 403, 403, 200, 200});
        EXPECTED.put("steering Thái Nguyên", new int[]{200, 200, 200, 1, 403, 403, 403, 403, 200, 200});
        EXPECTED.put("steering Điện Biên", new int[]{404, 404, 404, 0, 403, 403, 403, 403, 404, 403});
        EXPECTED.put("viewer Xuất Hóa", new int[]{200, 200, 200, 1, 403, 403, 403, 403, 403, 200});
        EXPECTED.put("viewer Điện Biên", new int[]{404, 404, 404, 0, 403, 403, 403, 403, 403, 403});
        EXPECTED.put("integration", new int[]{200, 200, 200, 1, 403, 403, 403, 403, 403, 200});
    }

    String fresh(boolean proposed) {
        String admin = Tokens.admin();
        String id = ModelFixtures.register(admin, ModelFixtures.model(UNIT, YEAR)).then().statusCode(201).extract()
                .path("id");
        if (proposed) {
            ModelFixtures.post(admin, id, "start", "{}").then().statusCode(200);
            ModelFixtures.post(admin, id, "self-evaluation", "{\"summary\": \"Đạt\"}").then().statusCode(200);
            ModelFixtures.post(admin, id, "proposal", "{\"level\": \"COMMUNE\", \"unitCode\": \"01855\", \"body\":"
                    + " \"BCĐ phường\"}").then().statusCode(200);
        }
        return id;
    }

    @Test
    void everyCallerGetsExactlyWhatTheMatrixSays() {
        String shared = fresh(false);
        List<String> mismatches = new ArrayList<>();
        for (var e : CALLERS.entrySet()) {
            String who = e.getKey();
            String token = e.getValue();
            int[] expected = EXPECTED.get(who);
            int[] actual = new int[expected.length];
            actual[0] = given().auth().oauth2(token).get("/api/v1/models/" + shared).statusCode();
            actual[1] = given().auth().oauth2(token).get("/api/v1/models/" + shared + "/history").statusCode();
            actual[2] = given().auth().oauth2(token).get("/api/v1/models/" + shared + "/reports").statusCode();
            var list = given().auth().oauth2(token).queryParam("limit", 200).queryParam("year", YEAR)
                    .get("/api/v1/models");
            actual[3] = list.statusCode() == 200 && list.jsonPath().getList("items.id").contains(shared) ? 1 : 0;
            // Writes each on a model of their own, so one caller's change does not decide the next one's answer.
            String own = fresh(false);
            actual[4] = given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(ModelFixtures.model(UNIT, YEAR)).put("/api/v1/models/" + own).statusCode();
            actual[5] = ModelFixtures.post(token, own, "start", "{}").statusCode();
            actual[6] = ModelFixtures.post(token, fresh(false), "withdrawal", "{\"reason\": \"r\"}").statusCode();
            actual[7] = ModelFixtures.register(token, ModelFixtures.model(UNIT, YEAR)).statusCode();
            actual[8] = ModelFixtures.post(token, fresh(true), "recognition", "{\"decisionNumber\": \"1/QĐ\","
                    + " \"decisionDate\": \"2017-12-01\", \"level\": \"COMMUNE\", \"body\": \"BCĐ\"}").statusCode();
            actual[9] = given().auth().oauth2(token).queryParam("unit", UNIT).queryParam("year", YEAR)
                    .get("/api/v1/model-statistics").statusCode();
            for (int i = 0; i < expected.length; i++) {
                if (expected[i] != actual[i]) {
                    mismatches.add(who + " column " + i + ": expected " + expected[i] + ", got " + actual[i]);
                }
            }
        }
        assertEquals(List.of(), mismatches);
    }

    @Test
    void organisationOfficerSeesOnlyItsOwnOrganisationInListsAndStatistics() {
        fresh(false);
        String youth = Tokens.orgOfficer(UNIT, "YOUTH_UNION");
        ModelFixtures.register(youth, ModelFixtures.model(UNIT, YEAR, "YOUTH_UNION")).then().statusCode(201);
        List<String> orgs = given().auth().oauth2(youth).queryParam("year", YEAR).queryParam("limit", 200)
                .get("/api/v1/models").jsonPath().getList("items.orgType");
        assertEquals(List.of("YOUTH_UNION"), orgs.stream().distinct().toList());
        int womenSeenByYouth = given().auth().oauth2(youth).queryParam("unit", UNIT).queryParam("year", YEAR)
                .get("/api/v1/model-statistics").jsonPath().getInt("byOrgType.WOMENS_UNION");
        assertEquals(0, womenSeenByYouth);
    }
}
