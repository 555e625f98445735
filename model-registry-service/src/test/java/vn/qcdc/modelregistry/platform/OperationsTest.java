package vn.qcdc.modelregistry.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * What operators and integrators rely on: readiness with database and Kafka and Prometheus metrics on the management
 * port, OpenAPI on the API port.
 */
@QuarkusTest
class OperationsTest {

    /** Health and metrics live on the management interface (its own port), not on the API port. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    RequestSpecification management() {
        return given().baseUri("http://" + management.getHost()).port(management.getPort());
    }

    @Test
    void readyWithDatabaseAndKafkaChecks() {
        management().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("database"))
                .body("checks.name", hasItem("kafka"));
        management().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void healthAndMetricsAreNotOnTheApiPort() {
        assertNotEquals(RestAssured.port, management.getPort());
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/health/live").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
    }

    @Test
    void swaggerUiIsOffUnlessEnabled() {
        // Production default; the local suite turns it on (QUARKUS_SWAGGER_UI_ENABLED=true).
        given().get("/q/swagger-ui/").then().statusCode(404);
    }

    @Test
    void openApiDocumentsTheApi() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/models"))
                .body(containsString("/api/v1/models/{id}/recognition"))
                .body(containsString("/api/v1/model-statistics")).body(containsString("/api/v1/public/models"))
                .body(containsString("/api/v1/units"));
    }

    @Test
    void prometheusMetricsIncludeTheOutbox() {
        management().get("/q/metrics").then().statusCode(200).body(containsString("qcdc_outbox_pending"));
    }
}
