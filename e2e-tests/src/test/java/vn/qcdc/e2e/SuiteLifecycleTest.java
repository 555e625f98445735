package vn.qcdc.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.restassured.http.ContentType;

import vn.qcdc.infra.DevTokens;
import vn.qcdc.infra.FreePorts;

/**
 * The README's first command as a user lives it: the suite starts on real PostgreSQL and Kafka, every service gets
 * ready with its database and broker checks, a stop leaves no process behind, and a restart finds the data again.
 */
class SuiteLifecycleTest {

    @TempDir
    Path data;

    static final String DELEGATION = """
            {"name": "Đoàn kiểm tra Ban Chỉ đạo QCDC và Dân vận khéo tỉnh",
             "committeeName": "Ban Chỉ đạo thực hiện QCDC ở cơ sở và phong trào Dân vận khéo tỉnh Bắc Kạn",
             "committeeLevel": "PROVINCE", "committeeUnitCode": "06", "year": 2020, "topics": ["QCDC"],
             "members": [{"name": "Phạm Duy Hưng", "title": "Phó Chủ tịch UBND tỉnh", "role": "HEAD"}]}
            """;

    @Test
    void startsReadyStopsCleanlyAndKeepsDataAcrossRestarts() throws Exception {
        String token = DevTokens.token("steering", "06", null);
        String id;
        try (RunningSuite suite = new RunningSuite(data)) {
            suite.start("--no-build");
            suite.awaitReady(Duration.ofMinutes(4));
            for (int port : suite.servicePorts()) {
                given().port(port).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                        .body("checks.name", hasItem("database"))
                        .body("checks.name", hasItem("kafka"));
                given().port(port).get("/q/openapi").then().statusCode(200);
            }
            // The launcher prints where things are once it has seen every service ready itself.
            await().atMost(Duration.ofSeconds(30)).until(() -> suite.launcherLog().contains("/q/swagger-ui"));

            id = given().port(suite.inspectionPort).auth().oauth2(token).contentType(ContentType.JSON)
                    .body(DELEGATION).post("/api/v1/delegations").then().statusCode(201).extract().path("id");

            List<ProcessHandle> children = suite.children();
            long postgres = suite.postgresPid().orElseThrow();
            assertTrue(children.size() >= 4, "three services and the broker run as children: " + children.size());

            assertEquals(0, suite.stop(), "Ctrl-C/SIGTERM is a normal stop");
            await().atMost(Duration.ofSeconds(30)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ProcessHandle.of(postgres).map(p -> !p.isAlive()).orElse(true));
            for (int port : suite.servicePorts()) {
                assertTrue(FreePorts.isFree(port), "port " + port + " released");
            }
            assertTrue(FreePorts.isFree(suite.kafkaPort) && FreePorts.isFree(suite.dbPort));
            assertFalse(Files.exists(data.resolve("postgres/pgdata/postmaster.pid")), "PostgreSQL shut down");
        }

        try (RunningSuite again = new RunningSuite(data)) {
            again.start("--no-build");
            again.awaitReady(Duration.ofMinutes(4));
            given().port(again.inspectionPort).auth().oauth2(token).get("/api/v1/delegations/" + id).then()
                    .statusCode(200).body("members[0].name", equalTo("Phạm Duy Hưng"));
            assertEquals(0, again.stop());
        }
    }
}
