package vn.qcdc.inspection.delegation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.text.Normalizer;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import vn.qcdc.testsupport.Tokens;

@QuarkusTest
class DelegationTest {

    Response create(String token, String key, String body) {
        var req = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (key != null) {
            req = req.header("Idempotency-Key", key);
        }
        return req.post("/api/v1/delegations");
    }

    @Test
    void steeringCommitteeFormsTheReferenceDelegation() {
        Response r = create(Tokens.steering(DelegationFixtures.BAC_KAN), null, DelegationFixtures.bacKanDelegation());
        r.then().statusCode(201).header("Location", notNullValue()).header("ETag", "\"v0\"")
                .body("committeeUnitName", equalTo("Tỉnh Bắc Kạn"))
                .body("members.find { it.role == 'HEAD' }.name", equalTo("Phạm Duy Hưng"));
        String id = r.jsonPath().getString("id");
        given().auth().oauth2(Tokens.viewer(DelegationFixtures.BAC_KAN)).get("/api/v1/delegations/" + id).then()
                .statusCode(200).body("year", equalTo(2020));
    }

    @Test
    void sameIdempotencyKeySameBodyReplaysWithoutDuplicate() {
        String key = UUID.randomUUID().toString();
        String token = Tokens.steering(DelegationFixtures.BAC_KAN);
        String body = DelegationFixtures.bacKanDelegation().replace("\"year\": 2020", "\"year\": 2021");
        Response answer = create(token, key, body);
        answer.then().statusCode(201).contentType("application/json").header("Idempotent-Replayed", nullValue());
        String first = answer.path("id");
        Response again = create(token, key, body);
        again.then().statusCode(201).header("Idempotent-Replayed", "true").header("Location", notNullValue())
                .contentType("application/json");
        // The replay is the first answer as it was sent, byte for byte (the text recorded is the text sent).
        assertEquals(answer.asString(), again.asString());
        assertEquals(answer.header("ETag"), again.header("ETag"));
        assertEquals(answer.header("Location"), again.header("Location"));
        assertEquals(first, again.jsonPath().getString("id"), "same delegation, not a second one");
        // Different body, same key: refused.
        create(token, key, body.replace("2021", "2022")).then().statusCode(422).contentType("application/problem+json");
        // No key: a second, distinct delegation.
        String other = create(token, null, body).then().statusCode(201).extract().path("id");
        assertNotEquals(first, other);
    }

    @Test
    void staleIfMatchIs412AndCurrentOneSucceeds() {
        String token = Tokens.steering(DelegationFixtures.BAC_KAN);
        String body = DelegationFixtures.bacKanDelegation();
        String id = create(token, null, body).then().statusCode(201).extract().path("id");
        String changed = body.replace("\"year\": 2020", "\"year\": 2021");
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"v0\"").body(changed)
                .put("/api/v1/delegations/" + id).then().statusCode(200).header("ETag", "\"v1\"")
                .body("year", equalTo(2021));
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"v0\"").body(body)
                .put("/api/v1/delegations/" + id).then().statusCode(412).contentType("application/problem+json")
                .body("code", equalTo("precondition-failed"));
    }

    @Test
    void otherProvincesCannotSeeItAndSearchIgnoresDiacritics() {
        String body = DelegationFixtures.bacKanDelegation().replace("Đoàn kiểm tra Ban Chỉ đạo",
                Normalizer.normalize("Đoàn kiểm tra Hóa Thủy", Normalizer.Form.NFD));
        String id = create(Tokens.steering(DelegationFixtures.BAC_KAN), null, body).then().statusCode(201)
                .extract().path("id");
        given().auth().oauth2(Tokens.steering(DelegationFixtures.DIEN_BIEN)).get("/api/v1/delegations/" + id).then()
                .statusCode(404);
        given().auth().oauth2(Tokens.steering(DelegationFixtures.DIEN_BIEN)).get("/api/v1/delegations").then()
                .statusCode(200).body("items.id", not(hasItem(id)));
        // Today's Thái Nguyên (19) covers the Bắc Kạn records it took over in 2025.
        given().auth().oauth2(Tokens.steering("19")).queryParam("q", "hoa thuy").get("/api/v1/delegations").then()
                .statusCode(200).body("items.id", hasItem(id));
        given().auth().oauth2(Tokens.steering("19")).queryParam("q", "Hoá Thuỷ").get("/api/v1/delegations").then()
                .statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void cursorPagesWalkTheWholeListOnce() {
        String token = Tokens.steering("11");
        String body = DelegationFixtures.bacKanDelegation().replace("\"committeeUnitCode\": \"06\"",
                "\"committeeUnitCode\": \"11\"");
        for (int i = 0; i < 5; i++) {
            create(token, null, body.replace("2020", String.valueOf(2015 + i))).then().statusCode(201);
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var req = given().auth().oauth2(token).queryParam("limit", 2);
            if (cursor != null) {
                req = req.queryParam("cursor", cursor);
            }
            Response page = req.get("/api/v1/delegations");
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("items.id"));
            cursor = page.jsonPath().getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 20);
        assertEquals(5, seen.size());
    }

    @Test
    void aDelegationNeedsItsCommitteeUnitInForceInItsYear() {
        // Tỉnh Bắc Kạn (06) was merged into Thái Nguyên on 1 July 2025: a 2025 delegation is possible, a 2026 one not.
        String token = Tokens.admin();
        String y2026 = DelegationFixtures.bacKanDelegation().replace("\"year\": 2020", "\"year\": 2026");
        create(token, null, y2026).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("year"));
        given().auth().oauth2(token).header("Accept-Language", "en").contentType(ContentType.JSON).body(y2026)
                .post("/api/v1/delegations").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("year"));
        String id = create(token, null, DelegationFixtures.bacKanDelegation().replace("\"year\": 2020",
                "\"year\": 2025")).then().statusCode(201).extract().path("id");
        // moving an existing delegation to a year its unit did not live to see is refused the same way
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"v0\"").body(y2026)
                .put("/api/v1/delegations/" + id).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("year"));
    }
}
