package vn.qcdc.notification.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import vn.qcdc.notification.contact.ContactFixtures;
import vn.qcdc.testsupport.Tokens;

/** Bad input on every endpoint is a 4xx application/problem+json, in Vietnamese by default, never a 500. */
@QuarkusTest
class ErrorContractTest {

    static final String NO_SUCH = "6f1c1c2e-0000-4000-8000-000000000000";

    RequestSpecification admin() {
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON);
    }

    @Test
    void contactsRefuseBadBodies() {
        admin().body("{\"bodyType\": ").post("/api/v1/contacts").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("malformed-json"));
        admin().post("/api/v1/contacts").then().statusCode(400).contentType("application/problem+json");
        admin().body("{}").post("/api/v1/contacts").then().statusCode(400).body("code", equalTo("validation"))
                .body("title", equalTo("Dữ liệu không hợp lệ")).body("errors.field", hasItem("unitCode"));
        admin().header("Accept-Language", "en").body("{}").post("/api/v1/contacts").then().statusCode(400)
                .body("title", equalTo("Invalid input"));
        String good = ContactFixtures.contact("PARTY_CELL", ContactFixtures.XUAT_HOA, "Chi bộ", "cb@x.example.vn",
                null, null);
        admin().body(good.replace("\"PARTY_CELL\"", "\"GALAXY\"")).post("/api/v1/contacts").then().statusCode(400)
                .body("errors[0].field", equalTo("bodyType"));
        admin().body(good.replace("cb@x.example.vn", "not an email")).post("/api/v1/contacts").then().statusCode(400);
        admin().body(good.replace("\"vi\"", "\"fr\"")).post("/api/v1/contacts").then().statusCode(400);
        admin().body(good.replace("\"01855\"", "\"99999\"")).post("/api/v1/contacts").then().statusCode(400)
                .body("errors[0].field", equalTo("unitCode"));
        admin().body(good.replace("\"language\"", "\"langauge\"")).post("/api/v1/contacts").then().statusCode(400)
                .body("errors.field", hasItem("langauge"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.XML).body("<a/>").post("/api/v1/contacts")
                .then().statusCode(415).contentType("application/problem+json");
        admin().body(good).put("/api/v1/contacts/" + NO_SUCH).then().statusCode(404)
                .contentType("application/problem+json");
        admin().get("/api/v1/contacts/not-a-uuid").then().statusCode(400).contentType("application/problem+json");
        admin().delete("/api/v1/contacts/" + NO_SUCH).then().statusCode(404);
        admin().post("/api/v1/contacts/" + NO_SUCH + "/webhooks/" + NO_SUCH + "/enable").then().statusCode(404);
        admin().header("Idempotency-Key", "x".repeat(300)).body(good).post("/api/v1/contacts").then().statusCode(400);
    }

    @Test
    void listsRefuseBadParameters() {
        for (String path : new String[]{"/api/v1/contacts", "/api/v1/deliveries", "/api/v1/inbox"}) {
            admin().queryParam("limit", 100000).get(path).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
            admin().queryParam("cursor", "!!!").get(path).then().statusCode(400).body("errors[0].field",
                    equalTo("cursor"));
        }
        admin().queryParam("unit", "99999").get("/api/v1/contacts").then().statusCode(400);
        admin().queryParam("bodyType", "GALAXY").get("/api/v1/contacts").then().statusCode(400)
                .contentType("application/problem+json");
        admin().queryParam("status", "LOST").get("/api/v1/deliveries").then().statusCode(400)
                .contentType("application/problem+json");
        admin().queryParam("channel", "PIGEON").get("/api/v1/deliveries").then().statusCode(400);
        admin().queryParam("recommendationId", "nope").get("/api/v1/deliveries").then().statusCode(400);
    }

    @Test
    void unknownRecordsAndBadIdsAre4xx() {
        admin().get("/api/v1/followups/" + NO_SUCH).then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("not-found"));
        admin().get("/api/v1/followups/xyz").then().statusCode(400).contentType("application/problem+json");
        admin().get("/api/v1/deliveries/" + NO_SUCH).then().statusCode(404);
        admin().post("/api/v1/deliveries/" + NO_SUCH + "/retry").then().statusCode(404)
                .contentType("application/problem+json");
        admin().post("/api/v1/deliveries/xyz/retry").then().statusCode(400);
        admin().post("/api/v1/inbox/" + NO_SUCH + "/read").then().statusCode(404)
                .contentType("application/problem+json");
        admin().post("/api/v1/inbox/xyz/read").then().statusCode(400);
        admin().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
        admin().delete("/api/v1/inbox").then().statusCode(405).contentType("application/problem+json");
    }
}
