package vn.qcdc.modelregistry.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import vn.qcdc.modelregistry.model.ModelFixtures;
import vn.qcdc.testsupport.Tokens;

/** Bad input on every endpoint is a 4xx application/problem+json in Vietnamese (English on request), never a 500. */
@QuarkusTest
class ErrorContractTest {

    static final String UNIT = ModelFixtures.XUAT_HOA;
    static final int YEAR = 2016;

    RequestSpecification admin() {
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON);
    }

    String valid() {
        return ModelFixtures.model(UNIT, YEAR);
    }

    String implementing() {
        String id = ModelFixtures.register(Tokens.admin(), valid()).then().statusCode(201).extract().path("id");
        ModelFixtures.post(Tokens.admin(), id, "start", "{}").then().statusCode(200);
        return id;
    }

    @Test
    void registrationRefusesEveryKindOfBadInput() {
        admin().body("{\"name\": ").post("/api/v1/models").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("malformed-json"));
        admin().post("/api/v1/models").then().statusCode(400).contentType("application/problem+json");
        admin().body(valid().replace("\"year\": " + YEAR, "\"year\": \"hai nghìn\"")).post("/api/v1/models").then()
                .statusCode(400).body("errors.field", hasItem("year"));
        admin().body(valid().replace("\"ECONOMIC\"", "\"GALAXY\"")).post("/api/v1/models").then().statusCode(400)
                .body("errors[0].field", equalTo("field")).body("errors[0].message", containsString("ECONOMIC"));
        admin().body(valid().replace("\"WOMENS_UNION\"", "\"CHESS_CLUB\"")).post("/api/v1/models").then()
                .statusCode(400).body("errors[0].field", equalTo("orgType"));
        admin().body("{}").post("/api/v1/models").then().statusCode(400).body("code", equalTo("validation"))
                .body("errors.field", hasItem("name")).body("errors.field", hasItem("unitCode"))
                .body("errors.field", hasItem("orgType")).body("errors.message", hasItem("không được để trống"));
        admin().header("Accept-Language", "en").body("{}").post("/api/v1/models").then().statusCode(400)
                .body("title", equalTo("Invalid input")).body("errors.message", hasItem("must not be blank"));
        admin().body(valid().replace("\"Mô tả minh họa\"", "\"" + "x".repeat(5001) + "\"")).post("/api/v1/models")
                .then().statusCode(400).body("errors.field", hasItem("description"));
        admin().body(valid().replace(YEAR + "-03-01", YEAR + "-02-30")).post("/api/v1/models").then()
                .statusCode(400).contentType("application/problem+json");
        admin().body(valid().replace(YEAR + "-03-01", "2001-03-01")).post("/api/v1/models").then().statusCode(400)
                .body("errors[0].field", equalTo("startDate"));
        admin().body(valid().replace("\"year\": " + YEAR, "\"year\": 1890")).post("/api/v1/models").then()
                .statusCode(400).body("errors.field", hasItem("year"));
        admin().body(valid().replace("\"unitCode\": \"01855\"", "\"unitCode\": \"99999\"")).post("/api/v1/models")
                .then().statusCode(400).body("errors[0].field", equalTo("unitCode"));
        admin().body(valid().replace("\"target\": 30", "\"target\": -1")).post("/api/v1/models").then()
                .statusCode(400).body("errors.field", hasItem(containsString("indicators")));
        admin().body(valid().replace("\"year\": " + YEAR, "\"year\": " + YEAR + ", \"yaer\": 1"))
                .post("/api/v1/models").then().statusCode(400).body("errors.field", hasItem("yaer"));
        admin().body(valid().replace("\"WOMENS_UNION\"", "\"STEERING_COMMITTEE\"")).post("/api/v1/models").then()
                .statusCode(400).body("errors[0].field", equalTo("orgType"));
        admin().body("{\"name\":\"" + "x".repeat(7 * 1024 * 1024) + "\"}").post("/api/v1/models").then()
                .statusCode(413);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.XML).body("<a/>").post("/api/v1/models")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void transitionsRefuseBadInput() {
        String id = implementing();
        for (String action : List.of("start", "reports", "self-evaluation", "proposal", "recognition", "rejection",
                "withdrawal", "commendation-proposal", "continuation")) {
            admin().body("{\"x\": ").post("/api/v1/models/" + id + "/" + action).then().statusCode(400)
                    .contentType("application/problem+json");
            admin().post("/api/v1/models/" + id + "/" + action).then().statusCode(400)
                    .contentType("application/problem+json");
            admin().body("[1, 2]").post("/api/v1/models/" + id + "/" + action).then().statusCode(400)
                    .contentType("application/problem+json");
            admin().body("{}").post("/api/v1/models/not-a-uuid/" + action).then().statusCode(400)
                    .contentType("application/problem+json");
            admin().body("{}").post("/api/v1/models/" + java.util.UUID.randomUUID() + "/" + action).then()
                    .statusCode(lessThan(500)).contentType("application/problem+json");
        }
        admin().body("{\"summary\": \"x\", \"periodEnd\": \"2016-13-01\"}").post("/api/v1/models/" + id + "/reports")
                .then().statusCode(400).contentType("application/problem+json");
        admin().body("{\"summary\": \"x\", \"indicatorValues\": [{\"name\": \"Hội viên được vay vốn\", \"achieved\":"
                + " \"nhiều\"}]}").post("/api/v1/models/" + id + "/reports").then().statusCode(400);
        admin().body("{\"summary\": \"x\", \"evidence\": [{\"uri\": \"https://a\", \"evidenceId\": \""
                + java.util.UUID.randomUUID() + "\"}]}").post("/api/v1/models/" + id + "/reports").then()
                .statusCode(400).body("errors[0].field", equalTo("evidence"));
        admin().body("{\"summary\": \"x\", \"evidence\": [{\"evidenceId\": \"" + java.util.UUID.randomUUID()
                + "\"}]}").post("/api/v1/models/" + id + "/reports").then().statusCode(400);
        admin().body("{\"summary\": \"" + "x".repeat(10001) + "\"}").post("/api/v1/models/" + id + "/reports").then()
                .statusCode(400).body("errors.field", hasItem("summary"));
        admin().body("{\"summary\": \"Đạt\"}").post("/api/v1/models/" + id + "/self-evaluation").then()
                .statusCode(200);
        admin().body("{\"level\": \"GALAXY\", \"unitCode\": \"01855\", \"body\": \"b\"}")
                .post("/api/v1/models/" + id + "/proposal").then().statusCode(400)
                .body("errors[0].field", equalTo("level"));
        admin().body("{\"level\": \"PROVINCE\", \"unitCode\": \"11\", \"body\": \"b\"}")
                .post("/api/v1/models/" + id + "/proposal").then().statusCode(400)
                .body("errors[0].field", equalTo("unitCode"));
        admin().body("{\"level\": \"PROVINCE\", \"unitCode\": \"06\", \"body\": \"b\"}")
                .post("/api/v1/models/" + id + "/proposal").then().statusCode(200);
        admin().body("{\"decisionNumber\": \"1\", \"decisionDate\": \"15/12/2016\", \"level\": \"PROVINCE\","
                + " \"body\": \"b\"}").post("/api/v1/models/" + id + "/recognition").then().statusCode(400);
        admin().body("{\"decisionNumber\": \"1\", \"decisionDate\": \"2099-12-15\", \"level\": \"PROVINCE\","
                + " \"body\": \"b\"}").post("/api/v1/models/" + id + "/recognition").then().statusCode(400)
                .body("errors[0].field", equalTo("decisionDate"));
        admin().body("{\"decisionNumber\": \"1\", \"decisionDate\": \"2016-12-15\", \"level\": \"PROVINCE\","
                + " \"body\": \"b\", \"outstanding\": \"có\"}").post("/api/v1/models/" + id + "/recognition").then()
                .statusCode(400);
        admin().body("{\"year\": 3000}").post("/api/v1/models/" + id + "/continuation").then().statusCode(400);
    }

    @Test
    void queriesRefuseBadParameters() {
        String token = Tokens.admin();
        for (String[] p : new String[][]{{"orgType", "CHESS_CLUB"}, {"field", "X"}, {"kind", "X"}, {"status", "X"},
                {"outstanding", "perhaps"}, {"sort", "colour"}, {"limit", "100000"}, {"cursor", "!!!"},
                {"unit", "99999"}, {"q", "x".repeat(201)}}) {
            given().auth().oauth2(token).queryParam(p[0], p[1]).get("/api/v1/models").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo(p[0]));
        }
        given().auth().oauth2(token).queryParam("year", "abc").get("/api/v1/models").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(token).queryParam("orgType", "X").get("/api/v1/models/export.csv").then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).queryParam("unit", "99999").get("/api/v1/model-statistics").then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).queryParam("year", "1000").get("/api/v1/model-statistics").then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).queryParam("year", "x").get("/api/v1/model-statistics/export.csv").then()
                .statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/public/models").then().statusCode(400).body("errors[0].field", equalTo("unit"));
        given().queryParam("unit", "01855").queryParam("cursor", "@@").get("/api/v1/public/models").then()
                .statusCode(400);
        given().get("/api/v1/public/models/not-a-uuid").then().statusCode(400)
                .contentType("application/problem+json");
        given().get("/api/v1/public/models/" + java.util.UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(token).get("/api/v1/models/not-a-uuid").then().statusCode(400);
        given().auth().oauth2(token).get("/api/v1/models/" + java.util.UUID.randomUUID() + "/history").then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token).get("/api/v1/models/" + java.util.UUID.randomUUID() + "/evidence/x").then()
                .statusCode(400);
        given().auth().oauth2(token).get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void updateRefusesBadInputAndBadIfMatch() {
        String id = ModelFixtures.register(Tokens.admin(), valid()).then().statusCode(201).extract().path("id");
        admin().body("{}").put("/api/v1/models/" + id).then().statusCode(400);
        admin().body("{\"name\": ").put("/api/v1/models/" + id).then().statusCode(400);
        admin().header("If-Match", "\"v9\"").body(valid()).put("/api/v1/models/" + id).then().statusCode(412);
        admin().body(valid()).put("/api/v1/models/" + java.util.UUID.randomUUID()).then().statusCode(404);
    }
}
