package vn.qcdc.modelregistry.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.api.security.TokenCases;
import vn.qcdc.modelregistry.model.ModelFixtures;
import vn.qcdc.testsupport.Tokens;

/** Bearer JWT on every endpoint but the public view: missing, forged or expired tokens are 401, wrong roles 403. */
@QuarkusTest
class SecurityTest {

    @Test
    void missingTokenIs401ProblemWithBearerChallenge() {
        for (String path : new String[]{"/api/v1/models", "/api/v1/model-statistics?unit=01855",
                "/api/v1/models/export.csv", "/api/v1/model-statistics/export.csv?unit=01855"}) {
            given().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("Bearer")).body("status", equalTo(401));
        }
    }

    @Test
    void tokenSignedByAnotherKeyIs401() {
        given().auth().oauth2(Tokens.stranger("admin", null)).get("/api/v1/models").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void expiredTokenIs401() {
        given().auth().oauth2(Tokens.expired("admin", null)).get("/api/v1/models").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void garbageTokenIs401() {
        given().auth().oauth2("not.a.jwt").get("/api/v1/models").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void viewerCannotRegister() {
        ModelFixtures.register(Tokens.viewer(ModelFixtures.XUAT_HOA), ModelFixtures.model(ModelFixtures.XUAT_HOA,
                2021)).then().statusCode(403).contentType("application/problem+json").body("code", equalTo("forbidden"))
                .body("detail", equalTo("Vai trò của bạn không được thực hiện thao tác này."));
    }

    @Test
    void orgOfficerCannotRegisterForAnotherOrganisationOrUnit() {
        String womens = Tokens.orgOfficer(ModelFixtures.XUAT_HOA, "WOMENS_UNION");
        ModelFixtures.register(womens, ModelFixtures.model(ModelFixtures.XUAT_HOA, 2021, "YOUTH_UNION")).then()
                .statusCode(403);
        ModelFixtures.register(womens, ModelFixtures.model(ModelFixtures.DIEN_BIEN_PHU, 2021)).then().statusCode(403);
        ModelFixtures.register(womens, ModelFixtures.model(ModelFixtures.XUAT_HOA, 2021)).then().statusCode(201);
    }

    @Test
    void publicViewNeedsNoToken() {
        given().queryParam("unit", ModelFixtures.XUAT_HOA).get("/api/v1/public/models").then().statusCode(200);
    }

    /** Issue 9: audience, maximum lifetime, iat in the future and claims of the wrong type are all 401. */
    @Test
    void tokensOfAnotherAudienceTooLongLivedOrWithMistypedClaimsAre401() {
        assertEquals(List.of(), TokenCases.check("/api/v1/models?unit=01855", "viewer", "06"));
    }
}
