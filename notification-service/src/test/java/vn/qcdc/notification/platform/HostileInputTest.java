package vn.qcdc.notification.platform;

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
import io.restassured.http.ContentType;

import vn.qcdc.notification.contact.ContactFixtures;
import vn.qcdc.testsupport.Tokens;

/** Two clients registering the same contact at once; NUL in search parameters. */
@QuarkusTest
class HostileInputTest {

    @Test
    void concurrentCreatesOfOneContactGiveOne201AndOtherwise409() throws Exception {
        String body = ContactFixtures.contact("YOUTH_UNION", "01843", "Đoàn Thanh niên phường", "dtn@example.org",
                null, null);
        String admin = Tokens.admin();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> given().auth().oauth2(admin).contentType(ContentType.JSON).body(body)
                        .post("/api/v1/contacts").then().extract().statusCode());
            }
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s == 201 || s == 409), statuses.toString());
    }

    @Test
    void nulInSearchParametersIsRefusedNamingThem() {
        given().auth().oauth2(Tokens.admin()).queryParam("q", "a\u0000").get("/api/v1/contacts").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("q"));
        given().auth().oauth2(Tokens.admin()).queryParam("recipient", "a\u0000").get("/api/v1/deliveries").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("recipient"));
    }
}
