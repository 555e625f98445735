package vn.qcdc.web.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.apache.http.entity.mime.HttpMultipartMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;

import vn.qcdc.infra.DevTokens;

/**
 * The console's evidence routes against a stand-in for inspection-service: the recommendation page links each file
 * its reports name to the console itself (name, size, date), and the console passes the download on with the
 * officer's token, the service's media type and its UTF-8 Content-Disposition.
 */
@QuarkusTest
@QuarkusTestResource(value = StubInspectionService.class, restrictToAnnotatedClass = true)
class EvidencePagesTest {

    static final String OFFICER = DevTokens.token("unit-officer", "01855", null);
    static final String REC = "/console/recommendations/" + StubInspectionService.RECOMMENDATION;
    static final String FILE = REC + "/evidence/" + StubInspectionService.FILE;
    /** A browser's multipart: part headers (the file name) in UTF-8. */
    static final RestAssuredConfig UTF8 = RestAssuredConfig.config()
            .httpClient(HttpClientConfig.httpClientConfig().httpMultipartMode(HttpMultipartMode.RFC6532));

    @BeforeEach
    void clear() {
        StubInspectionService.CALLS.clear();
        StubInspectionService.reportStatus = 200;
    }

    @Test
    void theRecommendationPageListsItsFilesWithLinksToTheConsoleOnly() {
        String page = given().cookie(Session.COOKIE, OFFICER).get(REC).then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        assertEquals(2, page.split("href=\"" + FILE + "\"", -1).length - 1,
                "the file in the table, and the report's evidence, link to the console: " + page);
        org.hamcrest.MatcherAssert.assertThat(page, containsString(StubInspectionService.FILE_NAME));
        org.hamcrest.MatcherAssert.assertThat(page, containsString("15 KB"));
        org.hamcrest.MatcherAssert.assertThat(page, containsString("10/12/2020 09:30"));
        org.hamcrest.MatcherAssert.assertThat(page, not(containsString("/api/v1/")));
        org.hamcrest.MatcherAssert.assertThat(page, not(containsString("127.0.0.1")));
    }

    @Test
    void aFileIsPassedOnWithTheOfficersTokenUnderItsOriginalName() {
        byte[] got = given().cookie(Session.COOKIE, OFFICER).get(FILE).then().statusCode(200)
                .contentType("application/pdf").header("Content-Disposition", StubInspectionService.DISPOSITION)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store").extract()
                .asByteArray();
        assertArrayEquals(StubInspectionService.PDF, got);
        var call = StubInspectionService.CALLS.stream().filter(c -> c.path().endsWith("/content")).findFirst()
                .orElseThrow();
        assertEquals("Bearer " + OFFICER, call.header("Authorization"), "the officer's own token");
    }

    @Test
    void aFileTheServiceDoesNotServeIsNotFoundAndNobodySignedInIsSentToSignIn() {
        given().cookie(Session.COOKIE, OFFICER).get(REC + "/evidence/" + java.util.UUID.randomUUID()).then()
                .statusCode(404).contentType(containsString("text/html"));
        given().cookie(Session.COOKIE, OFFICER).get(REC + "/evidence/not-an-id").then().statusCode(404);
        given().redirects().follow(false).get(FILE).then().statusCode(303)
                .header("Location", containsString("/console/sign-in"));
        assertEquals(1, StubInspectionService.CALLS.stream().filter(c -> c.path().endsWith("/content")).count(),
                "only the unknown file was asked of the service: not a malformed id, nothing without a session");
    }

    /**
     * A file sent with the report form goes to the service as the officer chose it: its media type (not
     * application/octet-stream) and its Vietnamese name and title in UTF-8; the report then names it by its id.
     */
    @Test
    void aReportedFileGoesToTheServiceWithItsTypeAndName() {
        given().config(UTF8).redirects().follow(false).cookie(Session.COOKIE, OFFICER)
                .header("Origin", "http://localhost:" + io.restassured.RestAssured.port)
                .multiPart("etag", "\"3\"").multiPart("kind", "PROGRESS").multiPart(utf8("text", "Đang thực hiện"))
                .multiPart("percent", "40").multiPart(utf8("evidenceTitle", "Kế hoạch số 12"))
                .multiPart("evidenceFile", StubInspectionService.FILE_NAME, StubInspectionService.PDF,
                        "application/pdf")
                .post(REC + "/report").then().statusCode(303).header("Location", containsString("done=reported"));
        var upload = StubInspectionService.CALLS.stream().filter(c -> c.path().endsWith("/evidence/upload"))
                .findFirst().orElseThrow();
        String body = new String(upload.body(), StandardCharsets.UTF_8);
        org.hamcrest.MatcherAssert.assertThat(body, containsString("filename=\"" + StubInspectionService.FILE_NAME
                + "\"\r\nContent-Type: application/pdf"));
        org.hamcrest.MatcherAssert.assertThat(body, containsString("Kế hoạch số 12"));
        org.hamcrest.MatcherAssert.assertThat(body, not(containsString("application/octet-stream")));
        var progress = StubInspectionService.CALLS.stream().filter(c -> c.path().endsWith("/progress")).findFirst()
                .orElseThrow();
        org.hamcrest.MatcherAssert.assertThat(new String(progress.body(), StandardCharsets.UTF_8),
                containsString("\"evidenceId\":\"" + StubInspectionService.FILE + "\""));
    }

    /** A report the service refuses (here a stale ETag) is the recommendation's page with the service's words. */
    @Test
    void aRefusedReportIsThePageWithTheServicesOwnWords() {
        StubInspectionService.reportStatus = 412;
        for (String kind : new String[]{"PROGRESS", "COMPLETION"}) {
            given().config(UTF8).cookie(Session.COOKIE, OFFICER)
                    .header("Origin", "http://localhost:" + io.restassured.RestAssured.port)
                    .multiPart("etag", "\"2\"").multiPart("kind", kind).multiPart("text", "Xong")
                    .multiPart("percent", "50").multiPart("evidenceTitle", "Cong")
                    .multiPart("evidenceUri", "https://backan.gov.vn/kh").post(REC + "/report").then().statusCode(412)
                    .contentType(containsString("text/html")).body(containsString("Từ chối (412)"));
        }
        assertEquals(2, StubInspectionService.CALLS.stream()
                .filter(c -> c.path().endsWith("/progress") || c.path().endsWith("/completion"))
                .filter(c -> "\"2\"".equals(c.header("If-Match"))).count(), "each sent with the page's ETag");
        given().cookie(Session.COOKIE, OFFICER).multiPart("kind", "PROGRESS").post(REC + "/report").then()
                .statusCode(403);
    }

    static io.restassured.specification.MultiPartSpecification utf8(String name, String value) {
        return new io.restassured.builder.MultiPartSpecBuilder(value).controlName(name).mimeType("text/plain")
                .charset(StandardCharsets.UTF_8).build();
    }
}
