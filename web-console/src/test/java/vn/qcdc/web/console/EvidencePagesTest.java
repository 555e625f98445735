package vn.qcdc.web.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

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
}
