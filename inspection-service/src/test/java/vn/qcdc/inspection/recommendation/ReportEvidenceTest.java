package vn.qcdc.inspection.recommendation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.qcdc.inspection.Api.as;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.http.entity.mime.HttpMultipartMode;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;

import vn.qcdc.inspection.Api;
import vn.qcdc.testsupport.Tokens;

/**
 * A progress or completion report may point at uploaded evidence only if it is a document of the recommendation's
 * own inspection: not another inspection's (another province's) file, not an id that exists nowhere.
 */
@QuarkusTest
class ReportEvidenceTest {

    static final String OFFICER = Tokens.unitOfficer("01855");

    @Inject
    ReportEvidencePurge purge;

    @Inject
    Clock clock;

    static String upload(String inspection) {
        return given().auth().oauth2(Tokens.admin()).multiPart("file", "bien-ban.txt", "biên bản".getBytes())
                .multiPart("title", "Biên bản").multiPart("kind", "REPORT")
                .post("/api/v1/inspections/" + inspection + "/evidence/upload").then().statusCode(201).extract()
                .path("id");
    }

    static String completion(String evidenceId) {
        return "{\"text\":\"Đã hoàn thành\",\"evidence\":[{\"title\":\"Biên bản\",\"evidenceId\":\"" + evidenceId
                + "\"}]}";
    }

    @Test
    void aReportNamesOnlyEvidenceOfItsOwnInspection() {
        String inspection = Api.concludedInspection();
        String rec = (String) Api.recommendationsOf(inspection).get(1).get("id");
        String other = upload(Api.concludedInspection());

        for (String foreign : new String[]{other, UUID.randomUUID().toString()}) {
            as(OFFICER).body(completion(foreign)).post("/api/v1/recommendations/" + rec + "/completion").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("evidence[0].evidenceId"));
            as(OFFICER).body("{\"text\":\"Tiến độ\",\"percent\":50,\"evidence\":[{\"title\":\"x\",\"evidenceId\":\""
                    + foreign + "\"}]}").post("/api/v1/recommendations/" + rec + "/progress").then().statusCode(400)
                    .body("errors[0].field", equalTo("evidence[0].evidenceId"));
        }
        as(OFFICER).get("/api/v1/recommendations/" + rec).then().body("status", equalTo("ISSUED"));

        String own = upload(inspection);
        as(OFFICER).body(completion(own)).post("/api/v1/recommendations/" + rec + "/completion").then()
                .statusCode(200).body("status", equalTo("COMPLETION_REPORTED"));
        as(OFFICER).get("/api/v1/recommendations/" + rec + "/reports").then().body("[0].evidence[0].evidenceId",
                equalTo(own));
    }

    static RequestSpecification pdf(String token, byte[] content) {
        return given().auth().oauth2(token).multiPart("file", "bien-ban-khac-phuc.pdf", content, "application/pdf")
                .multiPart("title", "Biên bản khắc phục").multiPart("kind", "REPORT");
    }

    /**
     * The addressed ward's officer attaches the file of its own report (it may not touch the inspection's evidence)
     * and names it in the completion; another ward's officer does not see the recommendation, the committee does not
     * report for the ward, and a bad file is refused before anything is stored.
     */
    @Test
    void anAddressedOfficerUploadsTheEvidenceOfItsReport() {
        String inspection = Api.concludedInspection();
        String rec = (String) Api.recommendationsOf(inspection).get(1).get("id");
        String path = "/api/v1/recommendations/" + rec + "/evidence/upload";
        int stored = as(OFFICER).get("/api/v1/inspections/" + inspection + "/evidence").then().extract().path("size()");
        byte[] file = "%PDF-1.4\n% biên bản khắc phục (minh họa)\n".getBytes(StandardCharsets.UTF_8);

        pdf(Tokens.unitOfficer("01840"), file).post(path).then().statusCode(404)
                .contentType("application/problem+json");
        pdf(Tokens.steering("06"), file).post(path).then().statusCode(403).contentType("application/problem+json");
        pdf(OFFICER, new byte[0]).header("Accept-Language", "en").post(path).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("file"))
                .body("errors[0].message", equalTo("The file is empty."));
        pdf(OFFICER, new byte[0]).header("Accept-Language", "vi").post(path).then().statusCode(400)
                .body("errors[0].message", equalTo("Tệp rỗng (không có nội dung)."));
        pdf(OFFICER, new byte[10 * 1024 * 1024 + 10]).post(path).then().statusCode(413)
                .contentType("application/problem+json");
        given().auth().oauth2(OFFICER).multiPart("file", "a.pdf", file, "pdf").multiPart("title", "x")
                .multiPart("kind", "REPORT").post(path).then().statusCode(400).body("errors[0].field", equalTo("file"));
        as(OFFICER).get("/api/v1/inspections/" + inspection + "/evidence").then().body("size()", equalTo(stored));

        String evidence = pdf(OFFICER, file).header("Idempotency-Key", UUID.randomUUID().toString()).post(path).then()
                .statusCode(201).body("fileName", equalTo("bien-ban-khac-phuc.pdf"))
                .body("contentType", equalTo("application/pdf")).body("downloadUrl", notNullValue()).extract()
                .path("id");
        as(OFFICER).body(completion(evidence)).post("/api/v1/recommendations/" + rec + "/completion").then()
                .statusCode(200).body("status", equalTo("COMPLETION_REPORTED"));
        as(OFFICER).get("/api/v1/recommendations/" + rec + "/reports").then().body("[0].evidence[0].evidenceId",
                equalTo(evidence));
        as(Tokens.steering("06")).get("/api/v1/recommendations/" + rec + "/history").then()
                .body("findAll { it.action == 'EVIDENCE_UPLOADED' }.detail.evidenceId", hasItem(evidence))
                .body("findAll { it.action == 'EVIDENCE_UPLOADED' }.actor", hasItem(notNullValue()));
    }

    /**
     * The files a recommendation's reports name are listed and downloaded through the recommendation by whoever reads
     * it, under their original (Vietnamese) name and stored type; a file no report names (uploaded for a report that
     * then failed), the inspection's own documents and another ward's reader get 404.
     */
    @Test
    void whoeverReadsTheRecommendationDownloadsTheFilesItsReportsName() {
        String inspection = Api.concludedInspection();
        String rec = (String) Api.recommendationsOf(inspection).get(1).get("id");
        String path = "/api/v1/recommendations/" + rec + "/evidence/upload";
        String name = "Kế hoạch khắc phục.pdf";
        byte[] file = "%PDF-1.4\n% kế hoạch khắc phục (minh họa)\n".getBytes(StandardCharsets.UTF_8);
        // RFC 6532: the part's headers in UTF-8, as browsers send a file name
        RestAssuredConfig utf8 = RestAssuredConfig.config()
                .httpClient(HttpClientConfig.httpClientConfig().httpMultipartMode(HttpMultipartMode.RFC6532));
        String named = given().config(utf8).auth().oauth2(OFFICER).multiPart("file", name, file, "application/pdf")
                .multiPart("title", "Ke hoach").multiPart("kind", "PLAN").post(path).then().statusCode(201)
                .body("fileName", equalTo(name)).extract().path("id");
        String unnamed = pdf(OFFICER, file).post(path).then().statusCode(201).extract().path("id");
        String committees = upload(inspection);
        as(OFFICER).body("{\"text\":\"Đang thực hiện\",\"percent\":40,\"evidence\":[{\"title\":\"Kế hoạch\","
                + "\"evidenceId\":\"" + named + "\"},{\"title\":\"Cổng\",\"uri\":\"https://backan.gov.vn/kh\"}]}")
                .post("/api/v1/recommendations/" + rec + "/progress").then().statusCode(200);

        String download = "/api/v1/recommendations/" + rec + "/evidence/" + named + "/content";
        as(Tokens.steering("06")).get("/api/v1/recommendations/" + rec + "/evidence").then().statusCode(200)
                .body("", hasSize(1)).body("[0].id", equalTo(named)).body("[0].fileName", equalTo(name))
                .body("[0].sizeBytes", equalTo(file.length)).body("[0].contentType", equalTo("application/pdf"))
                .body("[0].createdAt", notNullValue()).body("[0].downloadUrl", equalTo(download));
        byte[] back = given().auth().oauth2(Tokens.viewer("01855")).get(download).then().statusCode(200)
                .contentType("application/pdf").header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition",
                        equalTo("attachment; filename=\"Ke hoach khac phuc.pdf\"; filename*=UTF-8''"
                                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")))
                .extract().asByteArray();
        assertArrayEquals(file, back);

        for (String notNamed : new String[]{unnamed, committees, UUID.randomUUID().toString()}) {
            as(Tokens.steering("06")).get("/api/v1/recommendations/" + rec + "/evidence/" + notNamed + "/content")
                    .then().statusCode(404).contentType("application/problem+json");
        }
        as(Tokens.unitOfficer("01840")).get("/api/v1/recommendations/" + rec + "/evidence").then().statusCode(404);
        as(Tokens.unitOfficer("01840")).get(download).then().statusCode(404);
    }

    /**
     * Only documents are evidence: the part's media type, or for a part sent as application/octet-stream the
     * extension of its name, must be a PDF, an image, an office or OpenDocument file, RTF, text or CSV; anything else
     * is 415 in the caller's language and nothing is stored.
     */
    @Test
    void onlyDocumentsAreAcceptedAsEvidence() {
        String inspection = Api.concludedInspection();
        String rec = (String) Api.recommendationsOf(inspection).get(1).get("id");
        String path = "/api/v1/recommendations/" + rec + "/evidence/upload";
        int stored = as(OFFICER).get("/api/v1/inspections/" + inspection + "/evidence").then().extract().path("size()");
        byte[] file = "nội dung".getBytes(StandardCharsets.UTF_8);

        given().auth().oauth2(OFFICER).multiPart("file", "trang.html", file, "text/html").multiPart("title", "x")
                .multiPart("kind", "REPORT").post(path).then().statusCode(415).contentType("application/problem+json")
                .body("code", equalTo("unsupported-file-type")).body("errors[0].field", equalTo("file"))
                .body("errors[0].message", org.hamcrest.Matchers.startsWith("Chỉ nhận tệp PDF, ảnh"));
        given().auth().oauth2(OFFICER).header("Accept-Language", "en")
                .multiPart("file", "bao-cao.pdf.exe", file, "application/pdf").multiPart("title", "x")
                .multiPart("kind", "REPORT").post(path).then().statusCode(415)
                .body("errors[0].message", org.hamcrest.Matchers.startsWith("Only PDF, images"));
        for (String[] refused : new String[][]{{"ghi-chu", "application/octet-stream"}, {"anh.svg", "image/svg+xml"},
                {"anh.png", "text/html"}, {"goi.zip", "application/octet-stream"}}) {
            given().auth().oauth2(OFFICER).multiPart("file", refused[0], file, refused[1]).multiPart("title", "x")
                    .multiPart("kind", "REPORT").post(path).then().statusCode(415);
        }
        as(OFFICER).get("/api/v1/inspections/" + inspection + "/evidence").then().body("size()", equalTo(stored));

        // An untyped part takes the type of its name; an alias is stored under the usual name of its type.
        for (String[] accepted : new String[][]{{"anh-chup.jpg", "application/octet-stream", "image/jpeg"},
                {"anh.jpg", "image/jpg", "image/jpeg"}, {"so-lieu.xlsx", "application/octet-stream",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
                {"Biên bản 03.12.2020", "application/pdf", "application/pdf"}}) {
            given().auth().oauth2(OFFICER).multiPart("file", accepted[0], file, accepted[1]).multiPart("title", "x")
                    .multiPart("kind", "REPORT").post(path).then().statusCode(201)
                    .body("contentType", equalTo(accepted[2]));
        }
    }

    /**
     * A report that fails after its file was uploaded leaves the file named by nothing: once the grace period is
     * over the purge deletes it (with its bytes, written to the recommendation's history) and keeps every file a
     * report names; a report naming the purged file afterwards is refused.
     */
    @Test
    void anUploadNoReportNamesIsPurgedAfterTheGracePeriod() {
        String inspection = Api.concludedInspection();
        String rec = (String) Api.recommendationsOf(inspection).get(1).get("id");
        String other = (String) Api.recommendationsOf(inspection).get(2).get("id");
        String path = "/api/v1/recommendations/" + rec + "/evidence/upload";
        byte[] file = "%PDF-1.4\n% báo cáo (minh họa)\n".getBytes(StandardCharsets.UTF_8);
        String orphan = pdf(OFFICER, file).post(path).then().statusCode(201).extract().path("id");
        // The report that was to name it fails (another officer changed the recommendation meanwhile).
        as(OFFICER).header("If-Match", "\"v999\"").body(completion(orphan))
                .post("/api/v1/recommendations/" + rec + "/completion").then().statusCode(412);
        String named = pdf(OFFICER, file).post(path).then().statusCode(201).extract().path("id");
        as(OFFICER).body(completion(named)).post("/api/v1/recommendations/" + rec + "/completion").then()
                .statusCode(200);

        OffsetDateTime now = OffsetDateTime.now(clock);
        purge.purgePendingBefore(now.minusHours(1)); // within the grace period: kept
        as(OFFICER).get("/api/v1/inspections/" + inspection + "/evidence").then().body("id", hasItem(orphan));
        assertTrue(purge.purgePendingBefore(now.plusSeconds(1)) >= 1);
        as(OFFICER).get("/api/v1/inspections/" + inspection + "/evidence").then()
                .body("id", not(hasItem(orphan))).body("id", hasItem(named));
        as(Tokens.steering("06")).get("/api/v1/recommendations/" + rec + "/evidence/" + named + "/content").then()
                .statusCode(200);
        as(Tokens.steering("06")).get("/api/v1/recommendations/" + rec + "/history").then()
                .body("findAll { it.action == 'EVIDENCE_PURGED' }.detail.evidenceId", hasItem(orphan));
        as(OFFICER).body(completion(orphan)).post("/api/v1/recommendations/" + other + "/completion").then()
                .statusCode(400).body("errors[0].field", equalTo("evidence[0].evidenceId"));
    }
}
