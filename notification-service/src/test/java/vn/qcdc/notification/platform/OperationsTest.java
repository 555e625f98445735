package vn.qcdc.notification.platform;

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
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/contacts"))
                .body(containsString("/api/v1/inbox"))
                .body(containsString("/api/v1/deliveries")).body(containsString("/api/v1/followups"))
                .body(containsString("/api/v1/units"));
    }

    @jakarta.inject.Inject
    io.quarkus.scheduler.Scheduler scheduler;

    @Test
    void theTickAndTheDeliveryWorkerAreScheduled() {
        org.junit.jupiter.api.Assertions.assertTrue(scheduler.isRunning(), "scheduler running");
        java.util.List<String> jobs = scheduler.getScheduledJobs().stream().map(j -> j.getId()).toList();
        org.junit.jupiter.api.Assertions.assertTrue(jobs.contains("followup-tick"), jobs.toString());
        // the delivery worker is woken when deliveries are planned, with its own polling as a fallback
        org.junit.jupiter.api.Assertions.assertTrue(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("delivery-dispatcher") && t.isAlive()), "delivery dispatcher runs");
    }

    @Test
    void prometheusMetricsIncludeTheOutbox() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("qcdc_outbox_pending"));
    }
}
