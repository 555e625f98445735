package vn.qcdc.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;

/**
 * What every service must show of the suite's labels: {@code GET /api/v1/labels} public and cacheable, and words for
 * every value of every enum schema its OpenAPI document publishes (a new enum value without words fails here).
 */
public final class LabelsCheck {

    private LabelsCheck() {
    }

    /** Every enum schema of the running service's {@code /q/openapi} has vi and en words for each of its values. */
    public static void everyEnumOfTheDocumentHasWords() {
        JsonPath doc = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath();
        JsonPath labels = given().get("/api/v1/labels").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> schemas = doc.getMap("components.schemas");
        List<String> missing = new ArrayList<>();
        int enums = 0;
        for (Map.Entry<String, Map<String, Object>> s : schemas.entrySet()) {
            Object values = s.getValue().get("enum");
            if (!(values instanceof List<?> list)) {
                continue;
            }
            enums++;
            for (Object v : list) {
                if (v == null) {
                    continue;
                }
                Map<String, String> words = labels.getMap("'" + s.getKey() + "'.'" + v + "'");
                if (words == null || blank(words.get("vi")) || blank(words.get("en"))) {
                    missing.add(s.getKey() + "." + v);
                }
            }
        }
        assertTrue(enums > 0, "the document publishes no enum schema");
        assertEquals(List.of(), missing, "enum values without words in labels.json");
    }

    /** No token needed; an entity tag that answers 304; one language on request; an unknown language is a 400. */
    public static void labelsArePublicAndCacheable() {
        String etag = given().get("/api/v1/labels").then().statusCode(200)
                .header("Cache-Control", "public, max-age=86400").header("ETag", notNullValue())
                .body("RecommendationStatus.IN_PROGRESS.vi", equalTo("Đang thực hiện"))
                .body("BodyType.PARTY_COMMITTEE.vi", equalTo("Đảng ủy")).extract().header("ETag");
        given().header("If-None-Match", etag).get("/api/v1/labels").then().statusCode(304);
        given().queryParam("lang", "en").get("/api/v1/labels").then().statusCode(200)
                .header("ETag", not(equalTo(etag))).body("BodyType.PARTY_COMMITTEE", equalTo("Party committee"));
        given().queryParam("lang", "fr").get("/api/v1/labels").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("lang"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
