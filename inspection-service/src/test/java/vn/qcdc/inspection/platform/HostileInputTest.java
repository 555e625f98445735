package vn.qcdc.inspection.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.qcdc.inspection.Api.as;
import static vn.qcdc.inspection.Api.json;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import vn.qcdc.inspection.Api;
import vn.qcdc.inspection.demo.ReferenceScenario;
import vn.qcdc.testsupport.Tokens;

/**
 * The hostile inputs of issue 9 one by one, each with the exact answer: which field is named, which type is sent
 * back, which headers travel with a download. {@code BadInputWalkTest} sends the same corpus to every operation.
 */
@QuarkusTest
class HostileInputTest {

    static final String STEERING = Tokens.steering("06");
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/")
    URL root;

    @Test
    void nulInTextOrQueryIsRefusedNamingTheField() {
        String body = json(ReferenceScenario.delegation()).replaceFirst("\"name\":\"", "\"name\":\"\\\\u0000");
        as(STEERING).body(body).post("/api/v1/delegations").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("name"));
        as(STEERING).queryParam("q", "a\u0000b").get("/api/v1/recommendations").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("q"));
    }

    @Test
    void aKeyGivenTwiceIsRefusedNamingIt() {
        String body = json(ReferenceScenario.delegation()).replaceFirst("\\{", "{\"name\":\"x\",");
        as(STEERING).body(body).post("/api/v1/delegations").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("name"));
    }

    @Test
    void aBodyWithoutContentTypeIs415() throws Exception {
        // plain client: RestAssured always names a type
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(root + "api/v1/delegations"))
                .header("Authorization", "Bearer " + STEERING)
                .POST(HttpRequest.BodyPublishers.ofString(json(ReferenceScenario.delegation()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(415, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void implausibleDueDatesAndFractionalPercentAreRefused() {
        String rec = (String) Api.recommendationsOf(Api.concludedInspection()).get(1).get("id");
        as(STEERING).body("{\"dueDate\":\"+99999-01-01\",\"reason\":\"r\"}")
                .post("/api/v1/recommendations/" + rec + "/deadline").then().statusCode(400)
                .body("errors[0].field", equalTo("dueDate"));
        String progress = json(ReferenceScenario.progress()).replaceFirst("\"percent\":\\d+", "\"percent\":99.9");
        as(Tokens.admin()).body(progress).post("/api/v1/recommendations/" + rec + "/progress").then()
                .statusCode(400).body("errors[0].field", equalTo("percent"));
        as(STEERING).queryParam("dueFrom", "+99999-01-01").get("/api/v1/recommendations").then().statusCode(400)
                .body("errors[0].field", equalTo("dueFrom"));
    }

    @Test
    void aChunkedJsonBodyOverTheJsonLimitIs413Problem() throws Exception {
        byte[] big = ("{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(root + "api/v1/delegations"))
                .header("Authorization", "Bearer " + STEERING).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void aChunkedJsonBodyWithinTheLimitIsReadAsUsual() throws Exception {
        byte[] body = json(ReferenceScenario.delegation()).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(root + "api/v1/delegations"))
                .header("Authorization", "Bearer " + STEERING).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
    }

    @Test
    void aMalformedMultipartBodyIs400EvenForAnUnknownInspection() throws Exception {
        HttpResponse<String> r = upload(UUID.randomUUID().toString(), "b", "--b\r\nContent-Disposition: form-da");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("malformed-multipart"), r.body());
    }

    @Test
    void uploadsWithUnusableNamesOrTypesAreRefusedAndGoodOnesComeBackIntact() throws Exception {
        String id = Api.runningInspection();
        HttpResponse<String> bad = upload(id, "b", multipart("b", "a\u0001b.pdf", "application/pdf"));
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("\"field\":\"file\""), bad.body());
        HttpResponse<String> noSlash = upload(id, "b", multipart("b", "a.pdf", "pdf"));
        assertEquals(400, noSlash.statusCode(), noSlash.body());

        HttpResponse<String> ok = upload(id, "b", multipart("b", "Báo cáo kết quả.pdf", "application/pdf"));
        assertEquals(201, ok.statusCode(), ok.body());
        String location = ok.headers().firstValue("Location").orElseThrow();
        Response down = given().auth().oauth2(STEERING).get(location + "/content");
        down.then().statusCode(200).contentType("application/pdf").header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store").header("Content-Disposition", equalTo("attachment; filename=\""
                        + "Bao cao ket qua.pdf\"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20k%E1%BA%BFt%20qu%E1%BA%A3.pdf"));

        // A page is no document: refused before it is stored (a stored active type would still be served as
        // bytes, see Downloads).
        HttpResponse<String> html = upload(id, "b", multipart("b", "page.html", "text/html"));
        assertEquals(415, html.statusCode(), html.body());
        assertTrue(html.body().contains("\"code\":\"unsupported-file-type\""), html.body());
        assertTrue(html.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    @Test
    void everyResponseSaysNosniffAndAuthenticatedOnesAreNotStored() {
        given().get("/api/v1/public/inspections?unit=06").then().header("X-Content-Type-Options", "nosniff");
        as(STEERING).get("/api/v1/delegations").then().statusCode(200).header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void tooLongAnAddressOrTooLargeHeadersAreProblems() {
        given().auth().oauth2(STEERING).get("/api/v1/delegations?q=" + "a".repeat(5000)).then().statusCode(414)
                .contentType("application/problem+json");
        given().auth().oauth2(STEERING).header("X-Big", "a".repeat(30_000)).get("/api/v1/delegations").then()
                .statusCode(431).contentType("application/problem+json");
    }

    static String multipart(String boundary, String fileName, String type) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nBáo cáo\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nREPORT\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + type + "\r\n\r\n%PDF-1.4 x\r\n--" + boundary + "--\r\n";
    }

    HttpResponse<String> upload(String inspection, String boundary, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(root + "api/v1/inspections/" + inspection
                + "/evidence/upload")).header("Authorization", "Bearer " + STEERING)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
