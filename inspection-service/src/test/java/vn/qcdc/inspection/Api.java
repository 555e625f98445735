package vn.qcdc.inspection;

import static io.restassured.RestAssured.given;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import vn.qcdc.inspection.demo.ReferenceScenario;
import vn.qcdc.inspection.inspection.InspectionDto.ConclusionInput;
import vn.qcdc.inspection.recommendation.RecommendationDto.RecommendationInput;
import vn.qcdc.testsupport.Tokens;

/** Test helpers that drive the real HTTP API: JSON of the scenario inputs, and a concluded inspection in one call. */
public final class Api {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Api() {
    }

    /** The number a {@code SELECT count(*) … ?1} answers for {@code value}, read in a transaction of its own. */
    public static long count(EntityManager em, String sql, Object value) {
        return QuarkusTransaction.requiringNew().call(
                () -> ((Number) em.createNativeQuery(sql).setParameter(1, value).getSingleResult()).longValue());
    }

    public static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** A delegation of the Bắc Kạn committee (06); returns its id. */
    public static String delegation() {
        return as(Tokens.steering("06")).body(json(ReferenceScenario.delegation())).post("/api/v1/delegations")
                .then().statusCode(201).extract().path("id");
    }

    /** A planned inspection of Xuất Hóa, 3 December 2020; returns its id. */
    public static String plannedInspection() {
        return as(Tokens.steering("06")).body(json(ReferenceScenario.inspection(java.util.UUID.fromString(
                delegation())))).post("/api/v1/inspections").then().statusCode(201).extract().path("id");
    }

    /** The path of a fresh planned inspection. */
    public static String plannedInspection0() {
        return "/api/v1/inspections/" + plannedInspection();
    }

    public static String runningInspection() {
        String id = plannedInspection();
        as(Tokens.steering("06")).post("/api/v1/inspections/" + id + "/start").then().statusCode(200);
        return id;
    }

    /** A concluded inspection with the article's five recommendations (optionally other due dates). */
    public static String concludedInspection() {
        return concludedInspection(ReferenceScenario.conclusion());
    }

    public static String concludedInspection(ConclusionInput conclusion) {
        String id = runningInspection();
        as(Tokens.steering("06")).body(json(conclusion)).post("/api/v1/inspections/" + id + "/conclusion").then()
                .statusCode(200);
        return id;
    }

    /** A conclusion with the given recommendations only. */
    public static ConclusionInput conclusionWith(List<RecommendationInput> recs) {
        ConclusionInput c = ReferenceScenario.conclusion();
        return new ConclusionInput(c.text(), c.signer(), c.signerTitle(), c.date(), c.publicDisclosure(), recs);
    }

    public static RecommendationInput withDue(RecommendationInput r, LocalDate due, String content) {
        return new RecommendationInput(content == null ? r.content() : content, r.addressees(), r.area(),
                r.priority(), due);
    }

    /** The recommendations of an inspection, in order (as admin). */
    public static List<Map<String, Object>> recommendationsOf(String inspectionId) {
        Response r = as(Tokens.admin()).queryParam("inspection", inspectionId).queryParam("sort", "createdAt")
                .get("/api/v1/recommendations");
        r.then().statusCode(200);
        List<Map<String, Object>> items = r.jsonPath().getList("items");
        items.sort(java.util.Comparator.comparing(m -> ((Number) m.get("seq")).intValue()));
        return items;
    }
}
