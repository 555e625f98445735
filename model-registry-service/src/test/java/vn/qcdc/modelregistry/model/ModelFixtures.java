package vn.qcdc.modelregistry.model;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Request bodies and helpers of the model tests. Only the scenario test registers at Xuất Hóa in 2020, so its
 * statistics are exact; every other test uses other years or units.
 */
public final class ModelFixtures {

    public static final String XUAT_HOA = "01855";
    public static final String BAC_KAN_CITY = "058";
    public static final String BAC_KAN = "06";
    public static final String THAI_NGUYEN = "19";
    public static final String BAC_KAN_WARD = "01843";
    public static final String DIEN_BIEN = "11";
    public static final String DIEN_BIEN_PHU = "03127";

    private ModelFixtures() {
    }

    /** A Women's Union model at {@code unit} in {@code year}. */
    public static String model(String unit, int year, String orgType) {
        return """
                {
                  "name": "Phụ nữ tiết kiệm giúp nhau (minh họa)",
                  "unitCode": "%s",
                  "orgType": "%s",
                  "orgName": "Hội Liên hiệp Phụ nữ",
                  "year": %d,
                  "field": "ECONOMIC",
                  "kind": "COLLECTIVE",
                  "holderName": "Chi hội Phụ nữ tổ 3",
                  "description": "Mô tả minh họa",
                  "objectives": "Giúp hội viên phát triển kinh tế",
                  "startDate": "%d-03-01",
                  "participants": "30 hội viên",
                  "beneficiaries": "Hộ nghèo",
                  "indicators": [{"name": "Hội viên được vay vốn", "target": 30, "unit": "hội viên"}]
                }
                """.formatted(unit, orgType, year, year);
    }

    public static String model(String unit, int year) {
        return model(unit, year, "WOMENS_UNION");
    }

    public static Response register(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/models");
    }

    public static Response post(String token, String id, String action, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/models/" + id + "/" + action);
    }
}
