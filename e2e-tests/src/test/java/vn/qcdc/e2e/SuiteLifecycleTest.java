package vn.qcdc.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import vn.qcdc.infra.DevTokens;
import vn.qcdc.infra.FreePorts;

/**
 * The README's first command as a user lives it: the suite starts on real PostgreSQL and Kafka, every service gets
 * ready with its database and broker checks (on its management port, loopback only), a part killed outright comes
 * back by itself while the others keep running, a stop leaves no process behind (SIGTERM, and SIGINT to a launcher a
 * script started in the background), and a restart finds the data again.
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
    static final String WARD_STEERING_USER = "bcd-xuathoa";

    final String admin = DevTokens.token("admin", null, null);
    final String steering = DevTokens.token("steering", "06", null);

    @Test
    void startsReadySurvivesCrashesStopsCleanlyAndKeepsDataAcrossRestarts() throws Exception {
        String id;
        try (RunningSuite suite = new RunningSuite(data)) {
            suite.start("--no-build");
            suite.awaitReady(Duration.ofMinutes(4));
            for (int i = 0; i < 3; i++) {
                int api = suite.servicePorts().get(i);
                int management = suite.managementPorts().get(i);
                given().port(management).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                        .body("checks.name", hasItem("database"))
                        .body("checks.name", hasItem("kafka"));
                given().port(management).get("/q/metrics").then().statusCode(200);
                // The API port serves the API and its documentation, not health or metrics.
                given().port(api).get("/q/health/ready").then().statusCode(404);
                given().port(api).get("/q/metrics").then().statusCode(404);
                given().port(api).get("/q/openapi").then().statusCode(200);
                given().port(api).get("/q/swagger-ui/").then().statusCode(200);
                assertOnlyOnLoopback(api);
                assertOnlyOnLoopback(management);
            }
            assertOnlyOnLoopback(suite.kafkaPort);
            assertOnlyOnLoopback(suite.dbPort);
            // The launcher prints where things are once it has seen every service ready itself, line by line: wait
            // for the lines read below, not only the first table's (a CI run read the log between the two tables).
            await().atMost(Duration.ofSeconds(30)).until(() -> suite.launcherLog().contains("/q/swagger-ui")
                    && suite.launcherLog().contains(
                            "http://localhost:" + suite.notificationManagementPort + "/q/health/ready"));
            String table = suite.launcherLog();
            assertTrue(table.contains("http://localhost:" + suite.notificationManagementPort + "/q/health/ready"),
                    table);
            assertTrue(table.contains("http://localhost:" + suite.notificationPort + "/q/openapi"), table);

            id = as(steering, suite.inspectionPort).body(DELEGATION).post("/api/v1/delegations").then().statusCode(201)
                    .extract().path("id");
            contactWithInbox(suite);

            crashNotificationServiceAndBrokerAndSeeThemComeBack(suite);
            deadlineChangesAndARejectionThroughBrokerKillsReachTheFollowUpPlans(suite);
            // What was published through those kills still matches docs/api/events.asyncapi.yaml, versions gap-free.
            EventContract.assertPublishedEventsConform("localhost:" + suite.kafkaPort, Set.of(
                    "vn.qcdc.recommendation.deadline-changed.v1", "vn.qcdc.recommendation.rejected.v1"));

            List<ProcessHandle> children = suite.children();
            long postgres = suite.postgresPid().orElseThrow();
            assertTrue(children.size() >= 4, "three services and the broker run as children: " + children.size());

            assertEquals(0, suite.stop(), "SIGTERM is a normal stop");
            assertStoppedCleanly(suite, children, postgres);
        }

        // A non-interactive script starts the suite in the background, then stops it with SIGINT.
        try (RunningSuite again = new RunningSuite(data)) {
            again.startInBackgroundOfScript();
            again.awaitReady(Duration.ofMinutes(4));
            as(steering, again.inspectionPort).get("/api/v1/delegations/" + id).then().statusCode(200)
                    .body("members[0].name", equalTo("Phạm Duy Hưng"));
            inbox(again).then().statusCode(200)
                    .body("items.findAll { it.kind == 'MODEL_PROPOSED' }.size()", equalTo(1));
            await().atMost(Duration.ofSeconds(30)).until(() -> again.launcherLog().contains("/q/swagger-ui"));
            assertFalse(again.launcherLog().contains("SIGINT is ignored"), again.launcherLog());

            List<ProcessHandle> children = again.children();
            long postgres = again.postgresPid().orElseThrow();
            assertEquals(0, again.interrupt(), "SIGINT (Ctrl-C) is a normal stop:\n" + again.launcherLog());
            assertTrue(again.launcherLog().contains("SIGINT received"), again.launcherLog());
            assertStoppedCleanly(again, children, postgres);
        }
    }

    /**
     * kill -9 of notification-service and of the broker: the launcher says so, brings both back on their ports, the
     * other services never stop, and a write made afterwards travels model-registry → Kafka → notification inbox.
     */
    void crashNotificationServiceAndBrokerAndSeeThemComeBack(RunningSuite suite) throws Exception {
        ProcessHandle inspection = suite.child("inspection-service");
        ProcessHandle models = suite.child("model-registry-service");
        ProcessHandle notification = suite.child("notification-service");
        ProcessHandle broker = suite.child("KafkaBrokerMain");

        notification.destroyForcibly();
        broker.destroyForcibly();

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String log = suite.launcherLog();
            return log.contains("notification-service ready again after") && log.contains(
                    "Kafka broker ready again after");
        });
        String log = suite.launcherLog();
        assertTrue(log.contains("[suite] notification-service exited (code 137) - restarting in 1 s (restart #1)"),
                log);
        assertTrue(log.contains("[suite] Kafka broker exited (code 137"), log);
        assertFalse(log.contains("inspection-service exited") || log.contains("model-registry-service exited"), log);
        assertTrue(inspection.isAlive() && models.isAlive(), "the other services kept running");
        assertEquals(inspection.pid(), suite.child("inspection-service").pid());
        assertEquals(models.pid(), suite.child("model-registry-service").pid());
        assertNotEquals(notification.pid(), suite.child("notification-service").pid(), "a new process");
        assertNotEquals(broker.pid(), suite.child("KafkaBrokerMain").pid());
        for (int management : suite.managementPorts()) {
            RunningSuite.awaitReady(management, Duration.ofMinutes(1));
        }

        String officer = DevTokens.token("org-officer", "01855", "WOMENS_UNION");
        String model = as(officer, suite.modelPort).body(Scenario.MODEL).post("/api/v1/models").then().statusCode(201)
                .extract().path("id");
        String values = "[{\"name\": \"Hội viên được vay vốn\", \"achieved\": 30}]";
        modelAction(suite, officer, model, "start", "{}");
        as(officer, suite.modelPort).body("{\"summary\": \"Kết quả 9 tháng\", \"periodEnd\": \"2021-08-31\","
                + " \"indicatorValues\": " + values + "}").post("/api/v1/models/" + model + "/reports").then()
                .statusCode(201);
        modelAction(suite, officer, model, "self-evaluation", "{\"summary\": \"Đạt chỉ tiêu\", \"indicators\": "
                + values + "}");
        modelAction(suite, officer, model, "proposal",
                "{\"level\": \"COMMUNE\", \"unitCode\": \"01855\", \"body\": \"Ban Chỉ đạo phường Xuất Hóa\"}");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> inbox(suite).then().statusCode(200)
                .body("items.findAll { it.kind == 'MODEL_PROPOSED' }.size()", equalTo(1)));
    }

    /**
     * The reliability tester's scenario, across the services: a steering officer changes one recommendation's deadline
     * several times while the broker is killed (kill -9; the launcher restarts it), and another recommendation is
     * reported complete then rejected while the broker is killed again. Every time, the follow-up plan ends on the
     * recommendation's final due date, and the rejected one's plan is active again (not left paused).
     */
    void deadlineChangesAndARejectionThroughBrokerKillsReachTheFollowUpPlans(RunningSuite suite) throws Exception {
        String delegation = as(steering, suite.inspectionPort).body(Scenario.DELEGATION)
                .post("/api/v1/delegations").then().statusCode(201).extract().path("id");
        String inspection = as(steering, suite.inspectionPort).body(Scenario.inspection(delegation))
                .post("/api/v1/inspections").then().statusCode(201).extract().path("id");
        as(steering, suite.inspectionPort).body("{}").post("/api/v1/inspections/" + inspection + "/start").then()
                .statusCode(200);
        as(steering, suite.inspectionPort).body(Scenario.CONCLUSION)
                .post("/api/v1/inspections/" + inspection + "/conclusion").then().statusCode(200);
        List<Map<String, Object>> recs = as(steering, suite.inspectionPort).queryParam("inspection", inspection)
                .get("/api/v1/recommendations").then().statusCode(200).extract().path("items");
        String moved = (String) recs.get(0).get("id");
        String rejected = (String) recs.get(1).get("id");
        for (String id : List.of(moved, rejected)) {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> as(admin, suite.notificationPort)
                    .get("/api/v1/followups/" + id).then().statusCode(200));
        }
        String wardOfficer = DevTokens.token("unit-officer", "01855", null);
        int brokerStarts = occurrences(suite.launcherLog(), "Kafka broker ready again after");
        for (int round = 1; round <= 2; round++) {
            suite.child("KafkaBrokerMain").destroyForcibly();
            String last = null;
            for (int k = 1; k <= 4; k++) {
                last = java.time.LocalDate.of(2027, round + 2, k * 5).toString();
                as(steering, suite.inspectionPort)
                        .body("{\"dueDate\": \"" + last + "\", \"reason\": \"Điều chỉnh lần " + k + "\"}")
                        .post("/api/v1/recommendations/" + moved + "/deadline").then().statusCode(200);
                Thread.sleep(1_000);
            }
            int expectedStarts = brokerStarts + round;
            await().atMost(Duration.ofMinutes(2)).until(() -> occurrences(suite.launcherLog(),
                    "Kafka broker ready again after") >= expectedStarts);
            String finalDue = last;
            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> as(admin, suite.notificationPort)
                    .get("/api/v1/followups/" + moved).then().statusCode(200).body("dueDate", equalTo(finalDue)));
        }
        int planVersion = as(admin, suite.notificationPort).get("/api/v1/followups/" + rejected).then()
                .statusCode(200).body("status", equalTo("ACTIVE")).extract().path("version");
        suite.child("KafkaBrokerMain").destroyForcibly();
        as(wardOfficer, suite.inspectionPort).body(Scenario.COMPLETION)
                .post("/api/v1/recommendations/" + rejected + "/completion").then().statusCode(200);
        Thread.sleep(1_000);
        as(steering, suite.inspectionPort).body("{\"reason\": \"Chưa đủ minh chứng\"}")
                .post("/api/v1/recommendations/" + rejected + "/reject").then().statusCode(200)
                .body("status", equalTo("IN_PROGRESS"));
        await().atMost(Duration.ofMinutes(2)).until(() -> occurrences(suite.launcherLog(),
                "Kafka broker ready again after") >= brokerStarts + 3);
        // paused by the completion, then resumed by the rejection (one change or two, as the consumer batches them):
        // it ends active, not left paused
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> as(admin, suite.notificationPort)
                .get("/api/v1/followups/" + rejected).then().statusCode(200)
                .body("version", org.hamcrest.Matchers.greaterThanOrEqualTo(planVersion + 1))
                .body("status", equalTo("ACTIVE")));
        // and the plan that moved stays on its final date after everything was redelivered
        as(admin, suite.notificationPort).get("/api/v1/followups/" + moved).then()
                .body("dueDate", equalTo(java.time.LocalDate.of(2027, 4, 20).toString()));
    }

    static int occurrences(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    void assertStoppedCleanly(RunningSuite suite, List<ProcessHandle> children, long postgres) {
        await().atMost(Duration.ofSeconds(30)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ProcessHandle.of(postgres).map(p -> !p.isAlive()).orElse(true));
        for (int port : suite.servicePorts()) {
            assertTrue(FreePorts.isFree(port), "port " + port + " released");
        }
        for (int port : suite.managementPorts()) {
            assertTrue(FreePorts.isFree(port), "management port " + port + " released");
        }
        assertTrue(FreePorts.isFree(suite.kafkaPort) && FreePorts.isFree(suite.dbPort));
        assertFalse(Files.exists(data.resolve("postgres/pgdata/postmaster.pid")), "PostgreSQL shut down");
    }

    /** Nothing answers on {@code port} at this machine's own network address: only loopback listens. */
    static void assertOnlyOnLoopback(int port) throws IOException {
        Optional<InetAddress> external = NetworkInterface.networkInterfaces()
                .filter(n -> {
                    try {
                        return n.isUp() && !n.isLoopback();
                    } catch (IOException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address).findFirst();
        if (external.isEmpty()) {
            return; // a machine without a network: nothing to be exposed to
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(external.get(), port), 2000);
            throw new AssertionError("port " + port + " answers on " + external.get() + ", not only on loopback");
        } catch (IOException refused) {
            // expected: nobody listens there
        }
    }

    void contactWithInbox(RunningSuite suite) {
        Map<String, Object> body = Map.of("bodyType", "STEERING_COMMITTEE", "unitCode", "01855", "name",
                "Ban Chỉ đạo QCDC phường Xuất Hóa", "language", "vi", "emails", List.of(), "webhooks", List.of(),
                "inboxUsers", List.of(WARD_STEERING_USER));
        as(admin, suite.notificationPort).body(body).post("/api/v1/contacts").then().statusCode(201);
    }

    io.restassured.response.Response inbox(RunningSuite suite) {
        String token = DevTokens.token(DevTokens.TokenSpec.of("unit-officer", "01855", null)
                .withSubject(WARD_STEERING_USER));
        return given().port(suite.notificationPort).auth().oauth2(token).get("/api/v1/inbox");
    }

    void modelAction(RunningSuite suite, String token, String id, String action, String body) {
        as(token, suite.modelPort).body(body).post("/api/v1/models/" + id + "/" + action).then().statusCode(200);
    }

    RequestSpecification as(String token, int port) {
        return given().port(port).auth().oauth2(token).contentType(ContentType.JSON);
    }
}
