package vn.qcdc.modelregistry.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.modelregistry.model.ModelFixtures;
import vn.qcdc.testsupport.Tokens;

/** Races on a unique row, and user text that a spreadsheet would run as a formula. */
@QuarkusTest
class HostileInputTest {

    static final String UNIT = ModelFixtures.DIEN_BIEN_PHU;
    final String officer = Tokens.orgOfficer(UNIT, "WOMENS_UNION");
    final String admin = Tokens.admin();

    @Test
    void concurrentContinuationsOfOneModelGiveOne201AndOtherwise409() throws Exception {
        String id = ModelFixtures.register(officer, ModelFixtures.model(UNIT, 2016)).then().statusCode(201).extract()
                .path("id");
        ModelFixtures.post(officer, id, "start", "{}").then().statusCode(200);
        ModelFixtures.post(officer, id, "self-evaluation", "{\"summary\": \"Đạt\"}").then().statusCode(200);
        ModelFixtures.post(officer, id, "proposal", "{\"level\": \"PROVINCE\", \"unitCode\": \"11\", \"body\":"
                + " \"Ban Chỉ đạo tỉnh\"}").then().statusCode(200);
        ModelFixtures.post(admin, id, "recognition", "{\"decisionNumber\": \"9/QĐ\", \"decisionDate\":"
                + " \"2016-12-01\", \"level\": \"PROVINCE\", \"body\": \"BCĐ tỉnh\"}").then().statusCode(200);
        List<Integer> statuses = race(8, n -> ModelFixtures.post(officer, id, "continuation",
                "{\"year\": " + (2017 + n) + "}").then().extract().statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s == 201 || s == 409), statuses.toString());
    }

    @Test
    void formulaLikeTextIsExportedAsText() {
        String body = ModelFixtures.model(UNIT, 2015).replace("\"Phụ nữ tiết kiệm giúp nhau (minh họa)\"",
                "\"=HYPERLINK(\\\"http://example.org\\\",\\\"x\\\")\"").replace("\"Chi hội Phụ nữ tổ 3\"",
                        "\"@SUM(1+1)\"");
        ModelFixtures.register(officer, body).then().statusCode(201);
        String csv = given().auth().oauth2(officer).queryParam("unit", UNIT).queryParam("year", 2015)
                .get("/api/v1/models/export.csv").then().statusCode(200).extract().asString();
        assertTrue(csv.contains("\"'=HYPERLINK(\"\"http://example.org\"\",\"\"x\"\")\""), csv);
        assertTrue(csv.contains(",'@SUM(1+1),"), csv);
        given().auth().oauth2(officer).queryParam("unit", UNIT).queryParam("year", 2015).get("/api/v1/models").then()
                .body("items[0].name", equalTo("=HYPERLINK(\"http://example.org\",\"x\")"));
    }

    interface Attempt {
        int run(int n) throws Exception;
    }

    static List<Integer> race(int n, Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                calls.add(() -> attempt.run(k));
            }
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
