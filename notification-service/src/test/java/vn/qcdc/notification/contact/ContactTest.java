package vn.qcdc.notification.contact;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import vn.qcdc.testsupport.Tokens;

/** The contact directory: who receives what, managed by admin and integration accounts. */
@QuarkusTest
class ContactTest {

    @Test
    void createReadUpdateWithETagAndIdempotencyKey() {
        String body = ContactFixtures.contact("FARMERS_ASSOCIATION", ContactFixtures.XUAT_HOA,
                "Hội Nông dân phường Xuất Hóa", "nongdan@xuathoa.example.vn", "https://portal.backan.example.vn/hook",
                "dev-org-officer-01855");
        String key = UUID.randomUUID().toString();
        Response created = given().auth().oauth2(Tokens.integration(ContactFixtures.BAC_KAN))
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(body).post("/api/v1/contacts");
        created.then().statusCode(201).header("ETag", notNullValue()).body("unitName", equalTo("Phường Xuất Hóa"))
                .body("webhooks[0].secretCount", equalTo(1)).body("webhooks[0].enabled", equalTo(true));
        String id = created.path("id");
        given().auth().oauth2(Tokens.integration(ContactFixtures.BAC_KAN)).contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body).post("/api/v1/contacts").then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(id));
        // a second contact for the same body and unit is a conflict
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body).post("/api/v1/contacts").then()
                .statusCode(409).contentType("application/problem+json");

        String etag = given().auth().oauth2(Tokens.admin()).get("/api/v1/contacts/" + id).then().statusCode(200)
                .extract().header("ETag");
        String changed = body.replace("nongdan@xuathoa.example.vn", "hnd@xuathoa.example.vn");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).header("If-Match", etag).body(changed)
                .put("/api/v1/contacts/" + id).then().statusCode(200).body("emails", hasItem("hnd@xuathoa.example.vn"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).header("If-Match", etag).body(changed)
                .put("/api/v1/contacts/" + id).then().statusCode(412).contentType("application/problem+json");
    }

    @Test
    void listFiltersByUnitBodyAndFoldedName() {
        ContactFixtures.create(ContactFixtures.contact("YOUTH_UNION", ContactFixtures.DIEN_BIEN,
                "Tỉnh đoàn Điện Biên", "doan@dienbien.example.vn", null, null));
        ContactFixtures.create(ContactFixtures.contact("VETERANS_ASSOCIATION", ContactFixtures.XUAT_HOA,
                "Hội Cựu chiến binh phường Xuất Hóa", "ccb@xuathoa.example.vn", null, null));
        given().auth().oauth2(Tokens.admin()).queryParam("unit", ContactFixtures.BAC_KAN).queryParam("q", "cuu chien")
                .get("/api/v1/contacts").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].bodyType", equalTo("VETERANS_ASSOCIATION"));
        given().auth().oauth2(Tokens.admin()).queryParam("bodyType", "YOUTH_UNION").get("/api/v1/contacts").then()
                .statusCode(200).body("items.unitCode", hasItem(ContactFixtures.DIEN_BIEN));
        given().auth().oauth2(Tokens.admin()).queryParam("limit", 1).get("/api/v1/contacts").then().statusCode(200)
                .body("items", hasSize(1)).body("nextCursor", notNullValue());
    }

    @Test
    void contactWithoutAnyChannelIs400() {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(ContactFixtures.contact("TRADE_UNION", ContactFixtures.XUAT_HOA, "Công đoàn", null, null, null))
                .post("/api/v1/contacts").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("emails"));
    }

    @Test
    void badSecretAndBadUrlAre400() {
        String body = ContactFixtures.contact("PEOPLES_COUNCIL", ContactFixtures.XUAT_HOA, "HĐND", null,
                "https://portal.example.vn/h", null);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(body.replace(ContactFixtures.SECRET, "not-a-secret")).post("/api/v1/contacts").then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(body.replace("https://portal.example.vn/h", "ftp://portal.example.vn/h"))
                .post("/api/v1/contacts").then().statusCode(400).body("errors[0].field", equalTo("webhooks[0].url"));
    }
}
