package vn.qcdc.modelregistry.model;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.qcdc.api.access.AccessMatrix.Request.get;
import static vn.qcdc.api.access.AccessMatrix.Request.post;
import static vn.qcdc.api.access.AccessMatrix.Request.put;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.api.access.AccessMatrix;
import vn.qcdc.api.access.AccessMatrix.Case;
import vn.qcdc.api.access.AccessTable;
import vn.qcdc.api.access.Target;
import vn.qcdc.modelregistry.access.ModelOperations;
import vn.qcdc.modelregistry.statistics.StatisticsResource;
import vn.qcdc.testsupport.Tokens;

/**
 * Who may do what, driven by the service's decision table ({@link ModelOperations}): every operation, every role,
 * every position around Xuất Hóa (its province 06 and 19, its city 058, the ward and its successor 01843, a sibling
 * ward, another province, no unit claim), on a Fatherland Front model of the ward, must answer exactly what
 * {@link vn.qcdc.api.access.AccessOracle} reads from the same table. Models proposed for recognition go to the
 * province (06): only its steering committee (or the one above) decides, never the ward's or the city's.
 */
@QuarkusTest
class AccessMatrixTest {

    static final String UNIT = ModelFixtures.XUAT_HOA;
    static final int YEAR = 2017;
    static final String ORG = AccessMatrix.ORG;
    /** A model of the ward's Front, decided on by the ward itself until it is proposed. */
    static final Target REGISTERED = Target.decidedBy(UNIT, UNIT).ofOrganisation(ORG);
    /** The same once proposed to the province. */
    static final Target PROPOSED = Target.decidedBy(UNIT, ModelFixtures.BAC_KAN).ofOrganisation(ORG);

    static final String BODY = ModelFixtures.model(UNIT, YEAR, ORG);

    /** A Front model of Xuất Hóa brought by the admin to {@code steps} (start, evaluate, propose, recognise). */
    static String model(int steps) {
        String admin = Tokens.admin();
        String id = ModelFixtures.register(admin, BODY).then().statusCode(201).extract().path("id");
        String[][] path = {{"start", "{}"}, {"self-evaluation", "{\"summary\": \"Đạt\"}"},
                {"proposal", "{\"level\": \"PROVINCE\", \"unitCode\": \"06\", \"body\": \"BCĐ tỉnh\"}"},
                {"recognition", RECOGNITION}};
        for (int k = 0; k < steps; k++) {
            ModelFixtures.post(admin, id, path[k][0], path[k][1]).then().statusCode(200);
        }
        return id;
    }

    static final String RECOGNITION = "{\"decisionNumber\": \"1/QĐ\", \"decisionDate\": \"2017-12-01\","
            + " \"level\": \"PROVINCE\", \"body\": \"BCĐ tỉnh\"}";

    static String evidenceOf(String model) {
        return given().auth().oauth2(Tokens.admin()).multiPart("file", "a.txt", "x".getBytes())
                .post("/api/v1/models/" + model + "/evidence").then().statusCode(201).extract().path("id");
    }

    static Map<ModelOperations, Case> cases() {
        String shared = model(0);
        String implementing = model(1);
        String proposed = model(3);
        String recognised = model(4);
        String evidence = evidenceOf(shared);
        String reason = "{\"reason\": \"r\"}";
        Map<ModelOperations, Case> c = new EnumMap<>(ModelOperations.class);
        c.put(ModelOperations.REGISTER_MODEL, new Case(Target.unit(UNIT).ofOrganisation(ORG), 201,
                fresh -> post("/api/v1/models", BODY)));
        c.put(ModelOperations.LIST_MODELS, new Case(Target.unit(UNIT), 200,
                fresh -> get("/api/v1/models?unit=" + UNIT + "&year=" + YEAR)));
        c.put(ModelOperations.EXPORT_MODELS, new Case(Target.unit(UNIT), 200,
                fresh -> get("/api/v1/models/export.csv?unit=" + UNIT + "&year=" + YEAR)));
        c.put(ModelOperations.READ_MODEL, new Case(REGISTERED, 200, fresh -> get("/api/v1/models/" + shared)));
        c.put(ModelOperations.UPDATE_MODEL, new Case(REGISTERED, 200,
                fresh -> put("/api/v1/models/" + (fresh ? model(0) : shared), BODY)));
        c.put(ModelOperations.START_MODEL, new Case(REGISTERED, 200,
                fresh -> post("/api/v1/models/" + (fresh ? model(0) : shared) + "/start", "{}")));
        c.put(ModelOperations.REPORT_RESULTS, new Case(REGISTERED, 201,
                fresh -> post("/api/v1/models/" + implementing + "/reports", "{\"summary\": \"Kết quả\"}")));
        c.put(ModelOperations.LIST_REPORTS, new Case(REGISTERED, 200,
                fresh -> get("/api/v1/models/" + shared + "/reports")));
        c.put(ModelOperations.UPLOAD_EVIDENCE, new Case(REGISTERED, 201,
                fresh -> AccessMatrix.Request.upload("/api/v1/models/" + shared + "/evidence")));
        c.put(ModelOperations.DOWNLOAD_EVIDENCE, new Case(REGISTERED, 200,
                fresh -> get("/api/v1/models/" + shared + "/evidence/" + evidence)));
        c.put(ModelOperations.SELF_EVALUATE, new Case(REGISTERED, 200,
                fresh -> post("/api/v1/models/" + (fresh ? model(1) : implementing) + "/self-evaluation",
                        "{\"summary\": \"Đạt\"}")));
        c.put(ModelOperations.PROPOSE, new Case(REGISTERED, 200,
                fresh -> post("/api/v1/models/" + (fresh ? model(2) : implementing) + "/proposal",
                        "{\"level\": \"PROVINCE\", \"unitCode\": \"06\", \"body\": \"BCĐ tỉnh\"}")));
        c.put(ModelOperations.RECOGNISE, new Case(PROPOSED, 200,
                fresh -> post("/api/v1/models/" + (fresh ? model(3) : proposed) + "/recognition", RECOGNITION)));
        c.put(ModelOperations.REJECT, new Case(PROPOSED, 200,
                fresh -> post("/api/v1/models/" + (fresh ? model(3) : proposed) + "/rejection", reason)));
        c.put(ModelOperations.WITHDRAW, new Case(REGISTERED, 200,
                fresh -> post("/api/v1/models/" + (fresh ? model(0) : shared) + "/withdrawal", reason)));
        c.put(ModelOperations.PROPOSE_COMMENDATION, new Case(PROPOSED, 200,
                fresh -> post("/api/v1/models/" + (fresh ? model(4) : recognised) + "/commendation-proposal",
                        "{\"level\": \"PROVINCE\", \"body\": \"UBND tỉnh\"}")));
        c.put(ModelOperations.CONTINUE_MODEL, new Case(REGISTERED, 201,
                fresh -> post("/api/v1/models/" + (fresh ? model(1) : implementing) + "/continuation",
                        "{\"year\": 2018}")));
        c.put(ModelOperations.READ_HISTORY, new Case(REGISTERED, 200,
                fresh -> get("/api/v1/models/" + shared + "/history")));
        c.put(ModelOperations.STATISTICS, new Case(Target.unit(UNIT), 200,
                fresh -> get("/api/v1/model-statistics?unit=" + UNIT + "&year=" + YEAR)));
        c.put(ModelOperations.EXPORT_STATISTICS, new Case(Target.unit(UNIT), 200,
                fresh -> get("/api/v1/model-statistics/export.csv?unit=" + UNIT + "&year=" + YEAR)));
        // a dry run of the province's (the matrix's upload holds one "Nội dung" column and no row)
        Target province = Target.unit(ModelFixtures.BAC_KAN);
        String job = given().auth().oauth2(Tokens.admin())
                .multiPart("file", "a.csv", "Mã mô hình,Nội dung\nx,y\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/imports/models?unit=06&dryRun=true").then().statusCode(201).extract().path("id");
        c.put(ModelOperations.IMPORT_MODELS, new Case(province, 201,
                fresh -> AccessMatrix.Request.upload("/api/v1/imports/models?unit=06&dryRun=true")));
        c.put(ModelOperations.LIST_IMPORTS, new Case(province, 200, fresh -> get("/api/v1/imports?unit=06")));
        c.put(ModelOperations.READ_IMPORT, new Case(province, 200, fresh -> get("/api/v1/imports/" + job)));
        c.put(ModelOperations.DOWNLOAD_IMPORT_ERRORS, new Case(province, 200,
                fresh -> get("/api/v1/imports/" + job + "/errors.csv")));
        return c;
    }

    @Test
    void everyOperationAnswersEveryCallerAsTheDecisionTableSays() {
        assertEquals(List.of(), AccessMatrix.run(List.of(ModelOperations.values()), cases()));
    }

    @Test
    void everyEndpointIsInTheTableWithTheSameRoles() {
        assertEquals(List.of(), AccessMatrix.rolesAllowedMatch(AccessTable.withPlatform(ModelOperations.values()),
                AccessTable.withPlatformResources(ModelResource.class, StatisticsResource.class,
                        vn.qcdc.modelregistry.imports.ImportResource.class)));
    }

    @Test
    void readmeShowsTheDecisionTable() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String table = AccessTable.markdown(AccessTable.withPlatform(ModelOperations.values()));
        assertEquals(table, AccessTable.section(readme).orElse(""),
                "README.md must hold the decision table between the access-table markers:\n" + table);
    }

    /** A token without a unit claim lists nothing and sees no model (scope fails closed). */
    @Test
    void aTokenWithoutUnitCoversNothing() {
        String id = model(0);
        for (String token : new String[]{Tokens.integration(), Tokens.of("viewer", null, null),
                Tokens.of("steering", null, null)}) {
            given().auth().oauth2(token).get("/api/v1/models").then().statusCode(403);
            given().auth().oauth2(token).get("/api/v1/model-statistics").then().statusCode(403);
            given().auth().oauth2(token).get("/api/v1/models/" + id).then().statusCode(404);
        }
    }

    @Test
    void organisationOfficerSeesOnlyItsOwnOrganisationInListsAndStatistics() {
        ModelFixtures.register(Tokens.admin(), ModelFixtures.model(UNIT, YEAR)).then().statusCode(201);
        String youth = Tokens.orgOfficer(UNIT, "YOUTH_UNION");
        ModelFixtures.register(youth, ModelFixtures.model(UNIT, YEAR, "YOUTH_UNION")).then().statusCode(201);
        List<String> orgs = given().auth().oauth2(youth).queryParam("year", YEAR).queryParam("limit", 200)
                .get("/api/v1/models").jsonPath().getList("items.orgType");
        assertEquals(List.of("YOUTH_UNION"), orgs.stream().distinct().toList());
        int womenSeenByYouth = given().auth().oauth2(youth).queryParam("unit", UNIT).queryParam("year", YEAR)
                .get("/api/v1/model-statistics").jsonPath().getInt("byOrgType.WOMENS_UNION");
        assertEquals(0, womenSeenByYouth);
    }
}
