package vn.qcdc.inspection.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static vn.qcdc.inspection.Api.as;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import vn.qcdc.testsupport.Tokens;

/** The demo data is the reference scenario, loaded through the service layer, and loading it twice changes nothing. */
@QuarkusTest
class DemoDataTest {

    @Inject
    DemoData demo;

    @Test
    void loadsTheReferenceScenarioOnceOnly() {
        demo.load();
        int inspections = count();
        assertFalse(demo.load(), "second load is skipped");
        assertEquals(inspections, count());
        JsonPath recs = as(Tokens.viewer("06")).queryParam("q", "so lieu minh chung").queryParam("status", "VERIFIED")
                .queryParam("limit", 200)
                .get("/api/v1/recommendations").then().statusCode(200).extract().jsonPath();
        assertEquals(1, recs.getList("items.findAll { it.updatedBy == 'system (demo data)' }").size(),
                "the demo's verified recommendation, verified through the service layer");
    }

    int count() {
        return as(Tokens.admin()).queryParam("unit", "01855").queryParam("limit", 200).get("/api/v1/inspections")
                .jsonPath().getList("items.findAll { it.createdBy == 'system (demo data)' }").size();
    }
}
