package vn.qcdc.inspection.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import vn.qcdc.api.security.TokenCases;
import vn.qcdc.inspection.delegation.DelegationFixtures;
import vn.qcdc.testsupport.Tokens;

/** Bearer JWT on every endpoint: missing, forged or expired tokens are 401, wrong roles 403, as problem+json. */
@QuarkusTest
class SecurityTest {

    @Test
    void missingTokenIs401ProblemWithBearerChallenge() {
        given().get("/api/v1/delegations").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer")).body("status", equalTo(401))
                .body("type", equalTo("https://qcdc.gov.vn/problems/unauthorized"));
    }

    @Test
    void tokenSignedByAnotherKeyIs401() {
        given().auth().oauth2(Tokens.stranger("admin", null)).get("/api/v1/delegations").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void expiredTokenIs401() {
        given().auth().oauth2(Tokens.expired("admin", null)).get("/api/v1/delegations").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aVerifiedTokenVouchesForNoOtherString() {
        // The service keeps tokens it verified; a viewer's accepted token with an admin's claims put in its place
        // (same signature) is another string and must still be refused.
        String viewer = Tokens.viewer(DelegationFixtures.BAC_KAN);
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(viewer).get("/api/v1/delegations").then().statusCode(200);
        }
        String[] parts = viewer.split("\\.");
        String forged = parts[0] + "." + Tokens.admin().split("\\.")[1] + "." + parts[2];
        given().auth().oauth2(forged).get("/api/v1/delegations").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(viewer).get("/api/v1/delegations").then().statusCode(200);
    }

    @Test
    void garbageTokenIs401() {
        given().auth().oauth2("not.a.jwt").get("/api/v1/delegations").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void wrongRoleIs403Problem() {
        given().auth().oauth2(Tokens.viewer(DelegationFixtures.BAC_KAN)).contentType(ContentType.JSON)
                .body(DelegationFixtures.bacKanDelegation()).post("/api/v1/delegations").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("forbidden"))
                .body("detail", equalTo("Vai trò của bạn không được thực hiện thao tác này."));
    }

    @Test
    void steeringCommitteeCannotActOutsideItsUnit() {
        given().auth().oauth2(Tokens.steering(DelegationFixtures.DIEN_BIEN)).contentType(ContentType.JSON)
                .body(DelegationFixtures.bacKanDelegation()).post("/api/v1/delegations").then().statusCode(403);
    }

    /** Issue 9: audience, maximum lifetime, iat in the future and claims of the wrong type are all 401. */
    @Test
    void tokensOfAnotherAudienceTooLongLivedOrWithMistypedClaimsAre401() {
        assertEquals(List.of(), TokenCases.check("/api/v1/inspections?unit=01855", "steering", "06"));
    }

    @Test
    void validTokenOfAnyRoleReadsReferenceUnits() {
        given().auth().oauth2(Tokens.unitOfficer(DelegationFixtures.XUAT_HOA)).get("/api/v1/units/01855").then()
                .statusCode(200).body("name", equalTo("Phường Xuất Hóa")).body("successorCode", equalTo("01843"));
    }
}
