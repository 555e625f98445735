package vn.qcdc.inspection.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.qcdc.api.access.AccessMatrix.Request.get;
import static vn.qcdc.api.access.AccessMatrix.Request.post;
import static vn.qcdc.api.access.AccessMatrix.Request.put;
import static vn.qcdc.inspection.Api.as;
import static vn.qcdc.inspection.Api.json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.api.access.AccessMatrix;
import vn.qcdc.api.access.AccessMatrix.Case;
import vn.qcdc.api.access.AccessMatrix.Request;
import vn.qcdc.api.access.AccessOracle;
import vn.qcdc.api.access.AccessTable;
import vn.qcdc.api.access.Position;
import vn.qcdc.api.access.Target;
import vn.qcdc.inspection.Api;
import vn.qcdc.inspection.delegation.DelegationFixtures;
import vn.qcdc.inspection.delegation.DelegationResource;
import vn.qcdc.inspection.demo.ReferenceScenario;
import vn.qcdc.inspection.inspection.InspectionResource;
import vn.qcdc.inspection.recommendation.RecommendationResource;
import vn.qcdc.inspection.statistics.StatisticsResource;
import vn.qcdc.testsupport.Tokens;

/**
 * Who may do what, driven by the service's decision table ({@link InspectionOperations}): every operation is called
 * by every role from every position around the reference scenario (the committee 06 and above it 19, the city 058,
 * the inspected ward 01855 and its 2025 successor 01843, a sibling ward, another province, no unit claim) and must
 * answer exactly what {@link AccessOracle} reads from the same table. Records of another unit answer 404, exactly as
 * if they did not exist; a record the caller sees but may not act on answers 403.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    static final String WARD = "01855";
    static final String COMMITTEE = "06";
    /** The delegation of the Bắc Kạn committee. */
    static final Target DELEGATION = Target.unit(COMMITTEE);
    /** An inspection (and its findings, evidence, recommendations) of Xuất Hóa decided on by the committee 06. */
    static final Target INSPECTION = Target.decidedBy(WARD, COMMITTEE);
    /** The article's fourth recommendation: addressed to the Front and the four associations of the ward. */
    static final Target ASSOCIATIONS = INSPECTION.addressedTo(
            List.of("FATHERLAND_FRONT", "WOMENS_UNION", "YOUTH_UNION", "FARMERS_ASSOCIATION", "VETERANS_ASSOCIATION")
                    .stream().map(b -> new Target.Body(b, WARD)).toList());

    // Shared read-only fixtures.
    static String concluded;
    static String delegation;
    static String importJob;
    /** A recommendation of the associations whose progress report names an uploaded file, and that file. */
    static String reported;
    static String reportedFile;

    static synchronized void fixtures() {
        if (concluded == null) {
            concluded = Api.concludedInspection();
            delegation = Api.delegation();
            as(Tokens.steering("06")).body(json(ReferenceScenario.findings().get(0)))
                    .post("/api/v1/inspections/" + concluded + "/findings").then().statusCode(201);
            importJob = given().auth().oauth2(Tokens.admin())
                    .multiPart("file", "a.csv", "mã,nội dung\nx,y\n".getBytes(StandardCharsets.UTF_8))
                    .post("/api/v1/imports/inspections?unit=06&dryRun=true").then().statusCode(201).extract()
                    .path("id");
            reported = rec(Api.concludedInspection(), 3);
            reportedFile = given().auth().oauth2(Tokens.admin()).multiPart("file", "a.txt", "x".getBytes())
                    .multiPart("title", "t").multiPart("kind", "REPORT")
                    .post("/api/v1/recommendations/" + reported + "/evidence/upload").then().statusCode(201).extract()
                    .path("id");
            as(Tokens.admin()).body("{\"text\":\"Tiến độ\",\"percent\":50,\"evidence\":[{\"title\":\"t\","
                    + "\"evidenceId\":\"" + reportedFile + "\"}]}").post("/api/v1/recommendations/" + reported
                            + "/progress")
                    .then().statusCode(200);
        }
    }

    static String rec(String inspection, int index) {
        return (String) Api.recommendationsOf(inspection).get(index).get("id");
    }

    static String firstFinding(String inspection) {
        return as(Tokens.admin()).get("/api/v1/inspections/" + inspection + "/findings").jsonPath()
                .getString("[0].id");
    }

    static String uploaded(String inspection) {
        return given().auth().oauth2(Tokens.admin()).multiPart("file", "a.txt", "x".getBytes())
                .multiPart("title", "t").multiPart("kind", "PHOTO")
                .post("/api/v1/inspections/" + inspection + "/evidence/upload").then().statusCode(201).extract()
                .path("downloadUrl");
    }

    /** A recommendation whose completion has been reported (fresh). */
    static String completed() {
        String r = rec(Api.concludedInspection(), 1);
        as(Tokens.unitOfficer("01855")).body(json(ReferenceScenario.completion()))
                .post("/api/v1/recommendations/" + r + "/completion").then().statusCode(200);
        return r;
    }

    static String withFinding() {
        String fresh = Api.runningInspection();
        as(Tokens.admin()).body(json(ReferenceScenario.findings().get(1)))
                .post("/api/v1/inspections/" + fresh + "/findings").then().statusCode(201);
        return "/api/v1/inspections/" + fresh + "/findings/" + firstFinding(fresh);
    }

    /** How each operation of the table is exercised. */
    static Map<InspectionOperations, Case> cases() {
        fixtures();
        String i = concluded;
        String r = rec(i, 3);
        String download = uploaded(i);
        String deleg = json(ReferenceScenario.delegation());
        String reason = "{\"reason\":\"Lý do\"}";
        String inspectionBody = json(ReferenceScenario.inspection(UUID.fromString(delegation)));
        String scheduleUpdate = "{\"scheduledDate\":\"2020-12-04\",\"yearAssessed\":2020,\"topics\":[\"QCDC\"]}";
        Map<InspectionOperations, Case> c = new EnumMap<>(InspectionOperations.class);
        c.put(InspectionOperations.CREATE_DELEGATION, new Case(DELEGATION, 201,
                fresh -> post("/api/v1/delegations", deleg)));
        c.put(InspectionOperations.LIST_DELEGATIONS, new Case(Target.unit(COMMITTEE), 200,
                fresh -> get("/api/v1/delegations?unit=06")));
        c.put(InspectionOperations.READ_DELEGATION, new Case(DELEGATION, 200,
                fresh -> get("/api/v1/delegations/" + delegation)));
        c.put(InspectionOperations.UPDATE_DELEGATION, new Case(DELEGATION, 200,
                fresh -> put("/api/v1/delegations/" + (fresh ? Api.delegation() : delegation), deleg)));

        c.put(InspectionOperations.SCHEDULE_INSPECTION, new Case(DELEGATION, 201,
                fresh -> post("/api/v1/inspections", inspectionBody)));
        c.put(InspectionOperations.LIST_INSPECTIONS, new Case(Target.unit(WARD), 200,
                fresh -> get("/api/v1/inspections?unit=" + WARD)));
        c.put(InspectionOperations.READ_INSPECTION, new Case(INSPECTION, 200,
                fresh -> get("/api/v1/inspections/" + i)));
        c.put(InspectionOperations.UPDATE_INSPECTION, new Case(INSPECTION, 200,
                fresh -> put(Api.plannedInspection0(), scheduleUpdate)));
        c.put(InspectionOperations.START_INSPECTION, new Case(INSPECTION, 200,
                fresh -> post(Api.plannedInspection0() + "/start", null)));
        c.put(InspectionOperations.CANCEL_INSPECTION, new Case(INSPECTION, 200,
                fresh -> post(Api.plannedInspection0() + "/cancel", reason)));
        c.put(InspectionOperations.CONCLUDE_INSPECTION, new Case(INSPECTION, 200,
                fresh -> post("/api/v1/inspections/" + Api.runningInspection() + "/conclusion",
                        json(Api.conclusionWith(List.of())))));
        c.put(InspectionOperations.READ_INSPECTION_HISTORY, new Case(INSPECTION, 200,
                fresh -> get("/api/v1/inspections/" + i + "/history")));
        c.put(InspectionOperations.ADD_FINDING, new Case(INSPECTION, 201,
                fresh -> post("/api/v1/inspections/" + i + "/findings", json(ReferenceScenario.findings().get(1)))));
        c.put(InspectionOperations.LIST_FINDINGS, new Case(INSPECTION, 200,
                fresh -> get("/api/v1/inspections/" + i + "/findings")));
        c.put(InspectionOperations.CHANGE_FINDING, new Case(INSPECTION, 200,
                fresh -> put(withFinding(), json(ReferenceScenario.findings().get(2)))));
        c.put(InspectionOperations.LINK_EVIDENCE, new Case(INSPECTION, 201,
                fresh -> post("/api/v1/inspections/" + i + "/evidence", json(ReferenceScenario.evidence()))));
        c.put(InspectionOperations.UPLOAD_EVIDENCE, new Case(INSPECTION, 201,
                fresh -> AccessMatrix.Request.upload("/api/v1/inspections/" + i + "/evidence/upload")));
        c.put(InspectionOperations.LIST_EVIDENCE, new Case(INSPECTION, 200,
                fresh -> get("/api/v1/inspections/" + i + "/evidence")));
        c.put(InspectionOperations.DOWNLOAD_EVIDENCE, new Case(INSPECTION, 200, fresh -> get(download)));

        c.put(InspectionOperations.LIST_RECOMMENDATIONS, new Case(Target.unit(WARD), 200,
                fresh -> get("/api/v1/recommendations?unit=" + WARD)));
        c.put(InspectionOperations.READ_RECOMMENDATION, new Case(ASSOCIATIONS, 200,
                fresh -> get("/api/v1/recommendations/" + r)));
        c.put(InspectionOperations.READ_REPORTS, new Case(ASSOCIATIONS, 200,
                fresh -> get("/api/v1/recommendations/" + r + "/reports")));
        c.put(InspectionOperations.READ_RECOMMENDATION_HISTORY, new Case(ASSOCIATIONS, 200,
                fresh -> get("/api/v1/recommendations/" + r + "/history")));
        c.put(InspectionOperations.REPORT_PROGRESS, new Case(ASSOCIATIONS, 200,
                fresh -> post("/api/v1/recommendations/" + r + "/progress", json(ReferenceScenario.progress()))));
        c.put(InspectionOperations.REPORT_COMPLETION, new Case(ASSOCIATIONS, 200,
                fresh -> post("/api/v1/recommendations/" + (fresh ? rec(Api.concludedInspection(), 3) : r)
                        + "/completion", json(ReferenceScenario.completion()))));
        c.put(InspectionOperations.UPLOAD_REPORT_EVIDENCE, new Case(ASSOCIATIONS, 201,
                fresh -> AccessMatrix.Request.upload("/api/v1/recommendations/" + r + "/evidence/upload")));
        c.put(InspectionOperations.LIST_REPORT_EVIDENCE, new Case(ASSOCIATIONS, 200,
                fresh -> get("/api/v1/recommendations/" + reported + "/evidence")));
        c.put(InspectionOperations.DOWNLOAD_REPORT_EVIDENCE, new Case(ASSOCIATIONS, 200,
                fresh -> get("/api/v1/recommendations/" + reported + "/evidence/" + reportedFile + "/content")));
        c.put(InspectionOperations.VERIFY, new Case(INSPECTION, 200,
                fresh -> post("/api/v1/recommendations/" + (fresh ? completed() : r) + "/verify", "{}")));
        c.put(InspectionOperations.REJECT, new Case(INSPECTION, 200,
                fresh -> post("/api/v1/recommendations/" + (fresh ? completed() : r) + "/reject", reason)));
        c.put(InspectionOperations.CHANGE_DEADLINE, new Case(INSPECTION, 200,
                fresh -> post("/api/v1/recommendations/" + r + "/deadline",
                        "{\"dueDate\":\"2021-12-31\",\"reason\":\"Gia hạn\"}")));
        c.put(InspectionOperations.CANCEL_RECOMMENDATION, new Case(INSPECTION, 200,
                fresh -> post("/api/v1/recommendations/" + (fresh ? rec(Api.concludedInspection(), 0) : r)
                        + "/cancel", reason)));

        c.put(InspectionOperations.RECOMMENDATION_STATISTICS, new Case(Target.unit(WARD), 200,
                fresh -> get("/api/v1/statistics/recommendations?unit=" + WARD + "&year=2020")));

        c.put(InspectionOperations.IMPORT_INSPECTIONS, new Case(Target.unit(COMMITTEE), 201,
                fresh -> AccessMatrix.Request.upload("/api/v1/imports/inspections?unit=06&dryRun=true")));
        c.put(InspectionOperations.LIST_IMPORTS, new Case(Target.unit(COMMITTEE), 200,
                fresh -> get("/api/v1/imports?unit=06")));
        c.put(InspectionOperations.READ_IMPORT, new Case(Target.unit(COMMITTEE), 200,
                fresh -> get("/api/v1/imports/" + importJob)));
        c.put(InspectionOperations.DOWNLOAD_IMPORT_ERRORS, new Case(Target.unit(COMMITTEE), 200,
                fresh -> get("/api/v1/imports/" + importJob + "/errors.csv")));
        return c;
    }

    @Test
    void everyOperationAnswersEveryCallerAsTheDecisionTableSays() {
        assertEquals(List.of(), AccessMatrix.run(List.of(InspectionOperations.values()), cases()));
    }

    @Test
    void everyEndpointIsInTheTableWithTheSameRoles() {
        assertEquals(List.of(), AccessMatrix.rolesAllowedMatch(AccessTable.withPlatform(InspectionOperations.values()),
                AccessTable.withPlatformResources(DelegationResource.class, InspectionResource.class,
                        RecommendationResource.class, StatisticsResource.class,
                        vn.qcdc.inspection.imports.ImportResource.class)));
    }

    @Test
    void readmeShowsTheDecisionTable() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String table = AccessTable.markdown(AccessTable.withPlatform(InspectionOperations.values()));
        assertEquals(table, AccessTable.section(readme).orElse(""),
                "README.md must hold the decision table between the access-table markers:\n" + table);
    }

    /**
     * Issue 9: a steering token of the inspected ward (or of its city, or of the ward it was merged into) closed the
     * recommendations the province's delegation issued to it. The inspected side reads and reports, never decides.
     */
    @Test
    void theInspectedSideCannotDecideOnItsOwnInspection() {
        List<String> wrong = new ArrayList<>();
        for (String unit : new String[]{"01855", "058", "01843"}) {
            String token = Tokens.steering(unit);
            String i = Api.concludedInspection();
            String completedRec = completed();
            String open = rec(i, 3);
            Map<String, Request> calls = Map.of(
                    "verify", post("/api/v1/recommendations/" + completedRec + "/verify", "{}"),
                    "reject", post("/api/v1/recommendations/" + completedRec + "/reject", "{\"reason\":\"x\"}"),
                    "deadline", post("/api/v1/recommendations/" + open + "/deadline",
                            "{\"dueDate\":\"2021-12-31\",\"reason\":\"Gia hạn\"}"),
                    "cancel", post("/api/v1/recommendations/" + open + "/cancel", "{\"reason\":\"x\"}"),
                    "start", post(Api.plannedInspection0() + "/start", null),
                    "cancel inspection", post(Api.plannedInspection0() + "/cancel", "{\"reason\":\"x\"}"),
                    "conclusion", post("/api/v1/inspections/" + Api.runningInspection() + "/conclusion",
                            json(Api.conclusionWith(List.of()))),
                    "finding", post("/api/v1/inspections/" + i + "/findings",
                            json(ReferenceScenario.findings().get(1))),
                    "evidence", post("/api/v1/inspections/" + i + "/evidence", json(ReferenceScenario.evidence())));
            calls.forEach((what, call) -> {
                int got = AccessMatrix.send(token, call);
                if (got != 403) {
                    wrong.add("steering " + unit + " " + what + ": " + got);
                }
            });
            // It still reads what was decided about it.
            as(token).get("/api/v1/recommendations/" + open).then().statusCode(200);
            as(token).get("/api/v1/recommendations/" + completedRec + "/history").then().statusCode(200)
                    .body("action", not(hasItem("VERIFIED")));
        }
        assertEquals(List.of(), wrong);
        // The committee's own side does decide.
        as(Tokens.steering(COMMITTEE)).body("{}").post("/api/v1/recommendations/" + completed() + "/verify").then()
                .statusCode(200).body("status", equalTo("VERIFIED"));
    }

    /** A token whose unit claim is missing (a broken claim mapping) covers nothing, not the whole country. */
    @Test
    void aTokenWithoutUnitCoversNothing() {
        fixtures();
        for (String token : new String[]{Tokens.integration(), Tokens.of("steering", null, null),
                Tokens.of("viewer", null, null)}) {
            for (String list : new String[]{"/api/v1/inspections", "/api/v1/recommendations", "/api/v1/delegations"}) {
                given().auth().oauth2(token).get(list).then().statusCode(403)
                        .contentType("application/problem+json");
            }
            given().auth().oauth2(token).get("/api/v1/inspections/" + concluded).then().statusCode(404);
        }
        as(Tokens.of("steering", null, null)).body("{}").post("/api/v1/recommendations/" + completed() + "/verify")
                .then().statusCode(404);
        // The admin is the national administrator by decision: no unit, every unit.
        given().auth().oauth2(Tokens.admin()).get("/api/v1/inspections").then().statusCode(200);
    }

    /** The delegation's internal note is for the committee's side only, not for every reader of the ward. */
    @Test
    void theInternalNoteIsShownToTheCommitteeSideOnly() {
        fixtures();
        List<String> wrong = new ArrayList<>();
        for (String role : AccessTable.ROLES) {
            for (Position at : Position.values()) {
                String token = Tokens.of(role, at.unit, role.equals("org-officer") ? AccessMatrix.ORG : null);
                var response = given().auth().oauth2(token).get("/api/v1/inspections/" + concluded);
                if (response.statusCode() != 200) {
                    continue;
                }
                boolean shown = response.jsonPath().getString("internalNote") != null;
                boolean expected = AccessOracle.expected(InspectionOperations.READ_INTERNAL_NOTE, role, at,
                        AccessMatrix.ORG, INSPECTION, 200, AccessMatrix::enabled) == 200;
                if (shown != expected) {
                    wrong.add(role + "@" + at + ": note " + (shown ? "shown" : "hidden"));
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(given().auth().oauth2(Tokens.steering(COMMITTEE)).get("/api/v1/inspections/" + concluded)
                .jsonPath().getString("internalNote").contains("Ghi chú nội bộ"));
    }

    @Test
    void wardsCannotSeeEachOthersRecordsBothWaysAndTheAnswerLeaksNothing() {
        fixtures();
        // An inspection of Phan Đình Phùng ward (05443) by the Thái Nguyên committee (19), in 2025.
        String d19 = as(Tokens.steering("19")).body(DelegationFixtures.bacKanDelegation()
                .replace("\"committeeUnitCode\": \"06\"", "\"committeeUnitCode\": \"19\"").replace("2020", "2025"))
                .post("/api/v1/delegations").then().statusCode(201).extract().path("id");
        String i19 = as(Tokens.steering("19")).body("{\"delegationId\":\"" + d19 + "\",\"unitCode\":\"05443\","
                + "\"scheduledDate\":\"2025-09-10\",\"yearAssessed\":2025,\"topics\":[\"QCDC\"]}")
                .post("/api/v1/inspections").then().statusCode(201).extract().path("id");
        String missing = UUID.randomUUID().toString();
        // Xuất Hóa's officer cannot see Phan Đình Phùng's inspection, and vice versa.
        for (String[] c : new String[][]{{Tokens.unitOfficer("01855"), i19}, {Tokens.unitOfficer("05443"),
                concluded}}) {
            as(c[0]).get("/api/v1/inspections/" + c[1]).then().statusCode(404).body("code", equalTo("not-found"))
                    .body("title", equalTo("Không tìm thấy"));
            as(c[0]).get("/api/v1/inspections/" + missing).then().statusCode(404).body("code", equalTo("not-found"))
                    .body("title", equalTo("Không tìm thấy"));
        }
        // Writing is refused the same way: a record outside your unit does not exist for you.
        String r = rec(concluded, 1);
        as(Tokens.unitOfficer("05443")).body(json(ReferenceScenario.progress()))
                .post("/api/v1/recommendations/" + r + "/progress").then().statusCode(404);
        as(Tokens.unitOfficer("05443")).body(json(ReferenceScenario.progress()))
                .post("/api/v1/recommendations/" + missing + "/progress").then().statusCode(404);
        as(Tokens.steering("06")).body(reasonBody()).post("/api/v1/inspections/" + i19 + "/cancel").then()
                .statusCode(404);
        as(Tokens.steering("05443")).body(reasonBody()).post("/api/v1/inspections/" + concluded + "/cancel").then()
                .statusCode(404);
    }

    static String reasonBody() {
        return "{\"reason\":\"x\"}";
    }
}
