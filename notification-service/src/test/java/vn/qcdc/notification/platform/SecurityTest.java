package vn.qcdc.notification.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import vn.qcdc.api.security.TokenCases;
import vn.qcdc.notification.contact.ContactFixtures;
import vn.qcdc.testsupport.Tokens;

/** Bearer JWT on every endpoint: missing, forged or expired tokens are 401, wrong roles 403, as problem+json. */
@QuarkusTest
class SecurityTest {

    static final String[] PROTECTED = {"/api/v1/contacts", "/api/v1/inbox", "/api/v1/deliveries",
            "/api/v1/followups/6f1c1c2e-0000-4000-8000-000000000000"};

    @Test
    void missingTokenIs401ProblemWithBearerChallenge() {
        for (String path : PROTECTED) {
            given().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("Bearer")).body("status", equalTo(401));
        }
    }

    @Test
    void forgedExpiredOrGarbageTokenIs401() {
        given().auth().oauth2(Tokens.stranger("admin", null)).get("/api/v1/contacts").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.expired("admin", null)).get("/api/v1/contacts").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2("not.a.jwt").get("/api/v1/contacts").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void onlyAdminAndIntegrationManageContacts() {
        String body = ContactFixtures.womensUnion(ContactFixtures.XUAT_HOA, "phunu-sec@xuathoa.example.vn", null,
                null);
        for (String token : new String[]{Tokens.unitOfficer(ContactFixtures.XUAT_HOA),
                Tokens.steering(ContactFixtures.BAC_KAN), Tokens.viewer(ContactFixtures.XUAT_HOA),
                Tokens.orgOfficer(ContactFixtures.XUAT_HOA, "WOMENS_UNION")}) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/contacts").then()
                    .statusCode(403).contentType("application/problem+json").body("code", equalTo("forbidden"));
            given().auth().oauth2(token).get("/api/v1/contacts").then().statusCode(403);
        }
    }

    @Test
    void validTokenOfAnyRoleReadsReferenceUnits() {
        given().auth().oauth2(Tokens.unitOfficer(ContactFixtures.XUAT_HOA)).get("/api/v1/units/01855").then()
                .statusCode(200).body("name", equalTo("Phường Xuất Hóa"));
    }

    /** Issue 9: audience, maximum lifetime, iat in the future and claims of the wrong type are all 401. */
    @Test
    void tokensOfAnotherAudienceTooLongLivedOrWithMistypedClaimsAre401() {
        assertEquals(List.of(), TokenCases.check("/api/v1/deliveries?unit=01855", "unit-officer", "058"));
    }
}
