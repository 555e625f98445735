package vn.qcdc.modelregistry.model;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.hibernate.query.sqm.internal.SqmInterpretationsKey;
import org.hibernate.query.sqm.spi.InterpretationsKeySource;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import vn.qcdc.api.AnyOf;
import vn.qcdc.testsupport.SqlStatements;
import vn.qcdc.testsupport.Tokens;

/** Lists: scope (units below and merged units), filters, sorting, cursor pages and diacritics-insensitive search. */
@QuarkusTest
class ModelListTest {

    /** Sông Cầu ward (01837), 2019: nobody else registers there. */
    static final String WARD = "01837";
    static final int YEAR = 2019;

    @Test
    void filtersSortCursorAndSearch() {
        String unitOfficer = Tokens.unitOfficer(WARD);
        String[][] models = {
                {"Hóa Thủy tự quản", "FATHERLAND_FRONT", "POLITICAL_SYSTEM", "COLLECTIVE"},
                {"Bếp ăn tình thương", "WOMENS_UNION", "CULTURE_SOCIAL", "COLLECTIVE"},
                {"Nuôi cá lồng", "FARMERS_ASSOCIATION", "ECONOMIC", "INDIVIDUAL"},
                {"Đường hoa thanh niên", "YOUTH_UNION", "CULTURE_SOCIAL", "COLLECTIVE"},
                {"Chi bộ gương mẫu", "PARTY_CELL", "POLITICAL_SYSTEM", "COLLECTIVE"}};
        for (String[] m : models) {
            String body = ModelFixtures.model(WARD, YEAR, m[1])
                    .replace("Phụ nữ tiết kiệm giúp nhau (minh họa)", Normalizer.normalize(m[0], Normalizer.Form.NFD))
                    .replace("\"ECONOMIC\"", "\"" + m[2] + "\"").replace("\"COLLECTIVE\"", "\"" + m[3] + "\"");
            ModelFixtures.register(unitOfficer, body).then().statusCode(201);
        }
        // Stored NFC; found without diacritics and with the other tone-mark placement.
        given().auth().oauth2(unitOfficer).queryParam("q", "hoa thuy").get("/api/v1/models").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].name", equalTo("Hóa Thủy tự quản"));
        given().auth().oauth2(unitOfficer).queryParam("q", "Hoá Thuỷ").get("/api/v1/models").then()
                .body("items", hasSize(1));
        // Filters.
        given().auth().oauth2(unitOfficer).queryParam("field", "CULTURE_SOCIAL").queryParam("year", YEAR)
                .get("/api/v1/models").then().body("items", hasSize(2))
                .body("items.field", everyItem(equalTo("CULTURE_SOCIAL")));
        given().auth().oauth2(unitOfficer).queryParam("kind", "INDIVIDUAL").get("/api/v1/models").then()
                .body("items", hasSize(1)).body("items[0].orgType", equalTo("FARMERS_ASSOCIATION"));
        given().auth().oauth2(unitOfficer).queryParam("orgType", "PARTY_CELL").get("/api/v1/models").then()
                .body("items", hasSize(1));
        given().auth().oauth2(unitOfficer).queryParam("status", "RECOGNISED").get("/api/v1/models").then()
                .body("items", hasSize(0));
        // Sorted by name (folded), walked with cursors of 2: every model once, in order.
        List<String> names = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var req = given().auth().oauth2(unitOfficer).queryParam("sort", "name").queryParam("limit", 2)
                    .queryParam("year", YEAR);
            if (cursor != null) {
                req = req.queryParam("cursor", cursor);
            }
            Response page = req.get("/api/v1/models");
            page.then().statusCode(200);
            names.addAll(page.jsonPath().getList("items.name"));
            ids.addAll(page.jsonPath().getList("items.id"));
            cursor = page.jsonPath().getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(5, ids.size());
        assertEquals(List.of("Bếp ăn tình thương", "Chi bộ gương mẫu", "Đường hoa thanh niên", "Hóa Thủy tự quản",
                "Nuôi cá lồng"), names);
        assertEquals(3, pages);
        // Descending by creation time, too.
        given().auth().oauth2(unitOfficer).queryParam("sort", "-createdAt").queryParam("limit", 1)
                .get("/api/v1/models").then().body("items[0].name", equalTo("Chi bộ gương mẫu"));
    }

    @Test
    void unitCoverageIncludesUnitsBelowAndMergedUnits() {
        String id = ModelFixtures.register(Tokens.unitOfficer(WARD), ModelFixtures.model(WARD, 2018)).then()
                .statusCode(201).extract().path("id");
        for (String unit : List.of(WARD, "058", "06", "19", "01843")) {
            given().auth().oauth2(Tokens.admin()).queryParam("unit", unit).queryParam("year", 2018)
                    .get("/api/v1/models").then().statusCode(200).body("items.id", hasItem(id));
        }
        given().auth().oauth2(Tokens.admin()).queryParam("unit", "05443").queryParam("year", 2018)
                .get("/api/v1/models").then().statusCode(200).body("items.id", not(hasItem(id)));
        given().auth().oauth2(Tokens.admin()).queryParam("unit", "11").get("/api/v1/models").then()
                .body("items.id", not(hasItem(id)));
        // Statistics without a unit are the caller's own unit's.
        given().auth().oauth2(Tokens.viewer(WARD)).queryParam("year", 2018).get("/api/v1/model-statistics").then()
                .statusCode(200).body("unitCode", equalTo(WARD)).body("unitName", equalTo("Phường Sông Cầu"))
                .body("total", equalTo(1)).body("recordedUnits[0].unitCode", equalTo(WARD));
    }

    /**
     * The lists read their rows without Hibernate ({@link ModelRows}): the model list, its CSV export, the public list
     * and the public model. Through Hibernate a page was two statements (the models, then those continuing them), a
     * managed entity per row and a transaction: half of the service's CPU under a load of lists.
     */
    @Test
    void theListsReadTheirRowsWithoutHibernate() {
        String steering = Tokens.steering(ModelFixtures.THAI_NGUYEN);
        String recognised = recognisedAndContinued(2012)[0];
        List<String> sql = SqlStatements.during(() -> {
            given().auth().oauth2(steering).get("/api/v1/models").then().statusCode(200);
            given().auth().oauth2(steering).get("/api/v1/models/export.csv").then().statusCode(200);
            given().queryParam("unit", ModelFixtures.THAI_NGUYEN).get("/api/v1/public/models").then()
                    .statusCode(200);
            given().get("/api/v1/public/models/" + recognised).then().statusCode(200);
        });
        assertEquals(List.of(), sql.stream().filter(s -> s.contains("dvk_model")).toList(),
                "Hibernate's statements on dvk_model");
    }

    /**
     * A model in a list is the model GET answers, field for field: its JSON columns (indicators, self-evaluation,
     * proposal, recognition, commendation proposal, with their timestamps and dates) read as Hibernate reads them, and
     * the next year's model found in the same statement.
     */
    @Test
    void aModelInTheListIsTheModelGetAnswers() {
        String[] ids = recognisedAndContinued(2014);
        String admin = Tokens.admin();
        for (String id : ids) {
            Map<String, Object> one = given().auth().oauth2(admin).get("/api/v1/models/" + id).then().statusCode(200)
                    .extract().jsonPath().getMap("$");
            List<Map<String, Object>> listed = given().auth().oauth2(admin).queryParam("unit", ModelFixtures.XUAT_HOA)
                    .queryParam("year", one.get("year")).queryParam("limit", 100).get("/api/v1/models").then()
                    .statusCode(200).extract().jsonPath()
                    .getList("items");
            assertEquals(one, listed.stream().filter(m -> id.equals(m.get("id"))).findFirst().orElseThrow());
        }
        Map<String, Object> first = given().auth().oauth2(admin).get("/api/v1/models/" + ids[0]).then().extract()
                .jsonPath().getMap("$");
        assertEquals(ids[1], first.get("nextModelId"));
        assertNotNull(((Map<?, ?>) first.get("selfEvaluation")).get("at"));
        assertNotNull(((Map<?, ?>) first.get("commendationProposal")).get("level"));
        // The public view of the recognised one, listed and alone, is the same too.
        Map<String, Object> alone = given().get("/api/v1/public/models/" + ids[0]).then().statusCode(200).extract()
                .jsonPath().getMap("$");
        List<Map<String, Object>> published = given().queryParam("unit", ModelFixtures.XUAT_HOA)
                .queryParam("year", 2014).queryParam("limit", 100).get("/api/v1/public/models").then().statusCode(200)
                .extract().jsonPath()
                .getList("items");
        assertEquals(alone, published.stream().filter(m -> ids[0].equals(m.get("id"))).findFirst().orElseThrow());
        assertEquals("2022-12-20", alone.get("decisionDate"));
    }

    /**
     * A model of {@code year} at Xuất Hóa taken to recognition and proposed for commendation, and its continuation into
     * the next year: their ids.
     */
    private static String[] recognisedAndContinued(int year) {
        String officer = Tokens.orgOfficer(ModelFixtures.XUAT_HOA, "WOMENS_UNION");
        String steering = Tokens.steering(ModelFixtures.BAC_KAN_CITY);
        String id = ModelFixtures.register(officer, ModelFixtures.model(ModelFixtures.XUAT_HOA, year)).then()
                .statusCode(201).extract().path("id");
        ModelFixtures.post(officer, id, "start", "{}").then().statusCode(200);
        ModelFixtures.post(officer, id, "self-evaluation", "{\"summary\": \"Đạt\"}").then().statusCode(200);
        ModelFixtures.post(officer, id, "proposal", "{\"level\": \"DISTRICT\", \"unitCode\": \"058\", \"body\":"
                + " \"Ban Chỉ đạo thành phố Bắc Kạn\"}").then().statusCode(200);
        ModelFixtures.post(steering, id, "recognition", "{\"decisionNumber\": \"45/QĐ-BCĐ\", \"decisionDate\":"
                + " \"2022-12-20\", \"level\": \"DISTRICT\", \"body\": \"Ban Chỉ đạo thành phố Bắc Kạn\","
                + " \"outstanding\": true}").then().statusCode(200);
        ModelFixtures.post(officer, id, "commendation-proposal", "{\"level\": \"PROVINCE\", \"body\":"
                + " \"UBND tỉnh\"}").then().statusCode(200);
        String next = ModelFixtures.post(officer, id, "continuation", "{\"year\": " + (year + 1) + "}").then()
                .statusCode(201).extract().path("id");
        return new String[]{id, next};
    }

    /**
     * A province's scope is hundreds of unit codes (Thái Nguyên's includes the whole former Bắc Kạn). Its lists bind
     * them as one array: with one parameter per code (about 500), Hibernate took half of the service's CPU under a
     * load of model lists. The model lists' condition ({@link ModelFilter#where}, SQL), and the import jobs' through
     * Hibernate ({@code AnyOf}).
     */
    @Test
    void aProvincesScopeIsOneArrayParameter() {
        Set<String> province = Set.of("19", "01837", "01840", "01843", "01855");
        ModelService scoped = new ModelService() {
            @Override
            public Set<String> scope(vn.qcdc.modelregistry.access.ModelOperations op, String unitCode) {
                return province;
            }

            @Override
            public vn.qcdc.events.BodyType confinedOrg(vn.qcdc.modelregistry.access.ModelOperations op) {
                return null;
            }
        };
        List<Object> params = new ArrayList<>();
        String where = ModelFilter.of(null, 2020, null, null, null, null, null, null).where(scoped,
                vn.qcdc.modelregistry.access.ModelOperations.LIST_MODELS, params);
        assertEquals("true AND m.unit_code = any(?) AND m.year = ?", where);
        assertEquals(2, params.size());
        assertEquals(province, Set.of((String[]) params.get(0)));

        String steering = Tokens.steering(ModelFixtures.THAI_NGUYEN);
        List<String> sql = SqlStatements.during(
                () -> given().auth().oauth2(steering).get("/api/v1/imports").then().statusCode(200));
        assertEquals(List.of(), SqlStatements.expandedLists(sql));
        assertTrue(sql.stream().anyMatch(s -> s.contains("from import_job") && s.contains("unit_code = any(?)")),
                () -> "the import list's statement: " + sql);
    }

    /**
     * Hibernate keeps a query's plan (its SQL, translated once) unless a parameter may take a list of values; a
     * parameter written as a function's argument may, unless the function says otherwise. {@code AnyOf}'s function
     * does, so a scoped list is translated once, not at each request.
     */
    @Test
    void aScopeConditionKeepsItsQueryPlan() {
        QuarkusTransaction.requiringNew().run(() -> {
            String byUnit = "from DvkModel where " + AnyOf.condition("unitCode", "units");
            String byPrevious = "from DvkModel where " + AnyOf.condition("previousModelId", 1);
            var named = DvkModel.getSession().createSelectionQuery(byUnit, DvkModel.class)
                    .setParameter("units", AnyOf.texts(List.of(WARD, "01840")));
            var positional = DvkModel.getSession().createSelectionQuery(byPrevious, DvkModel.class)
                    .setParameter(1, AnyOf.ids(List.of(UUID.randomUUID())));
            assertNotNull(SqmInterpretationsKey.createInterpretationsKey((InterpretationsKeySource) named),
                    () -> "Hibernate would translate this query at each execution: " + byUnit);
            assertNotNull(SqmInterpretationsKey.createInterpretationsKey((InterpretationsKeySource) positional),
                    () -> "Hibernate would translate this query at each execution: " + byPrevious);
            // And the condition selects what it names.
            assertTrue(named.getResultList().stream().allMatch(m -> Set.of(WARD, "01840").contains(m.unitCode)));
            assertEquals(List.of(), positional.getResultList());
        });
    }
}
