package vn.qcdc.inspection.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** What operators and integrators rely on: readiness with database and Kafka, OpenAPI, Prometheus metrics. */
@QuarkusTest
class OperationsTest {

    @Test
    void readyWithDatabaseAndKafkaChecks() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("database"))
                .body("checks.name", hasItem("kafka"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void openApiDocumentsTheApi() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/delegations"))
                .body(containsString("/api/v1/units"));
    }

    @Test
    void openApiDocumentsEveryFeature() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/inspections/{id}/conclusion"))
                .body(containsString("/api/v1/inspections/{id}/evidence/upload"))
                .body(containsString("/api/v1/recommendations/{id}/verify"))
                .body(containsString("/api/v1/statistics/recommendations"))
                .body(containsString("/api/v1/public/inspections/{id}"));
    }

    @Test
    void prometheusMetricsIncludeTheOutbox() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("qcdc_outbox_pending"));
    }
}
