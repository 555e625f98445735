package vn.qcdc.inspection.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import vn.qcdc.inspection.delegation.DelegationFixtures;
import vn.qcdc.testsupport.Tokens;

/** Bad input is a 4xx application/problem+json in Vietnamese (English on request), never a 500. */
@QuarkusTest
class ErrorContractTest {

    RequestSpecification admin() {
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON);
    }

    @Test
    void malformedJsonIs400() {
        admin().body("{\"name\": ").post("/api/v1/delegations").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("malformed-json"))
                .body("title", equalTo("JSON không đúng cú pháp"));
    }

    @Test
    void emptyBodyIs400() {
        admin().post("/api/v1/delegations").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void wrongTypeNamesTheField() {
        String body = DelegationFixtures.bacKanDelegation().replace("\"year\": 2020", "\"year\": \"hai nghìn\"");
        admin().body(body).post("/api/v1/delegations").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("year"));
    }

    @Test
    void unknownEnumValueListsTheAllowedOnes() {
        String body = DelegationFixtures.bacKanDelegation().replace("\"PROVINCE\"", "\"GALAXY\"");
        admin().body(body).post("/api/v1/delegations").then().statusCode(400)
                .body("errors[0].field", equalTo("committeeLevel"))
                .body("errors[0].message", containsString("PROVINCE"));
    }

    @Test
    void missingFieldsAreListedInVietnameseByDefault() {
        admin().body("{}").post("/api/v1/delegations").then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("validation")).body("title", equalTo("Dữ liệu không hợp lệ"))
                .body("errors.field", hasItem("name")).body("errors.message", hasItem("không được để trống"));
    }

    @Test
    void englishOnRequest() {
        admin().header("Accept-Language", "en").body("{}").post("/api/v1/delegations").then().statusCode(400)
                .body("title", equalTo("Invalid input")).body("errors.message", hasItem("must not be blank"));
    }

    @Test
    void unknownFieldIsRefusedNotSilentlyDropped() {
        String body = DelegationFixtures.bacKanDelegation().replace("\"year\": 2020", "\"year\": 2020, \"yaer\": 1");
        admin().body(body).post("/api/v1/delegations").then().statusCode(400).body("errors.field", hasItem("yaer"));
    }

    @Test
    void oversizeTextIs400() {
        String body = DelegationFixtures.bacKanDelegation().replace("\"Đoàn kiểm tra Ban Chỉ đạo QCDC và Dân vận"
                + " khéo tỉnh\"", "\"" + "x".repeat(5000) + "\"");
        admin().body(body).post("/api/v1/delegations").then().statusCode(400).body("errors.field", hasItem("name"));
    }

    @Test
    void oversizeBodyIs413Problem() {
        admin().header("Accept-Language", "en").body("{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}")
                .post("/api/v1/delegations").then().statusCode(413).contentType("application/problem+json")
                .body("code", equalTo("payload-too-large")).body("title", equalTo("Payload too large"));
    }

    @Test
    void unknownUnitIs400() {
        String body = DelegationFixtures.bacKanDelegation().replace("\"committeeUnitCode\": \"06\"",
                "\"committeeUnitCode\": \"99999\"");
        admin().body(body).post("/api/v1/delegations").then().statusCode(400)
                .body("errors[0].field", equalTo("committeeUnitCode"));
    }

    @Test
    void delegationWithoutAHeadIs400() {
        String body = DelegationFixtures.bacKanDelegation().replace("\"HEAD\"", "\"MEMBER\"");
        admin().body(body).post("/api/v1/delegations").then().statusCode(400)
                .body("errors[0].message", equalTo("Đoàn kiểm tra phải có đúng một Trưởng đoàn."));
    }

    @Test
    void invalidPathParameterIs4xxProblem() {
        given().auth().oauth2(Tokens.admin()).get("/api/v1/delegations/not-a-uuid").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void unknownRouteIs404Problem() {
        given().auth().oauth2(Tokens.admin()).get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void wrongContentTypeIs415Problem() {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.XML).body("<a/>").post("/api/v1/delegations")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void invalidPaginationIs400() {
        given().auth().oauth2(Tokens.admin()).queryParam("limit", 100000).get("/api/v1/delegations").then()
                .statusCode(400).body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(Tokens.admin()).queryParam("cursor", "!!!").get("/api/v1/delegations").then()
                .statusCode(400).body("errors[0].field", equalTo("cursor"));
        given().auth().oauth2(Tokens.admin()).queryParam("year", "abc").get("/api/v1/delegations").then()
                .statusCode(400).contentType("application/problem+json").body("status", notNullValue());
    }
}
