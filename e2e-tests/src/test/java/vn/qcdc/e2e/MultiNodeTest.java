package vn.qcdc.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import vn.qcdc.infra.DevTokens;

/**
 * The local multi-node rehearsal ({@code ./suite.sh --multi-node}) under a steady write load: three KRaft brokers
 * (replication factor 3, {@code min.insync.replicas=2}) and two replicas of each service. While portals change
 * deadlines and report progress through both inspection replicas, one broker (the controller quorum's leader) and
 * the second replica of every service are killed (kill -9) at once. Then: every acknowledged write is in the
 * database exactly once, every deadline change was published once and consumed once (event ids on both sides), the
 * follow-up state equals the inspection state, the reminders due afterwards are sent exactly once per channel, and
 * the launcher restarted every killed process.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiNodeTest {

    static final int INSPECTIONS = 2; // × 5 recommendations
    static final int THREADS = 4;
    static final Duration LOAD_BEFORE_KILL = Duration.ofSeconds(6);
    static final String START = "2020-12-03T07:30:00+07:00";

    ChannelsSuite channels;
    RunningSuite suite;
    final String admin = DevTokens.token("admin", null, null);
    final String steering = DevTokens.token("steering", "06", null);
    final List<String> recommendations = new ArrayList<>();

    @BeforeAll
    void startTheRehearsal() throws Exception {
        long t0 = System.nanoTime();
        channels = new ChannelsSuite("qcdc-e2e-multinode-", s -> {
            s.rehearseCluster(3, 2);
            // every process starts at the scenario's time, restarted ones too (their first tick must not see today)
            s.extraEnv.put("QCDC_CLOCK_START_AT", START);
        });
        suite = channels.suite;
        System.out.printf("multi-node rehearsal ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);

        Map<String, Object> contact = Map.of("bodyType", "GOVERNMENT", "unitCode", "01855", "name",
                "UBND phường Xuất Hóa", "language", "vi", "emails", List.of("ubnd.xuathoa@example.vn"),
                "webhooks", List.of(Map.of("url", channels.portal.url("/hooks/xuat-hoa"), "secrets",
                        List.of(channels.webhookSecret))),
                "inboxUsers", List.of(WriteLoad.UBND_USER));
        as(admin, suite.notificationPort).body(contact).post("/api/v1/contacts").then().statusCode(201);
        String delegation = as(steering, suite.inspectionPort).body(Scenario.DELEGATION)
                .post("/api/v1/delegations").then().statusCode(201).extract().path("id");
        for (int i = 0; i < INSPECTIONS; i++) {
            recommendations.addAll(conclude(delegation, WriteLoad.DUE_DATES.get(0).toString()));
        }
        for (String r : recommendations) {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> as(admin, suite.notificationPort)
                    .get("/api/v1/followups/" + r).then().statusCode(200));
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (channels != null) {
            channels.close();
        }
    }

    @Test
    void killingABrokerAndOneReplicaOfEachServiceUnderLoadLosesNothingAndDuplicatesNothing() throws Exception {
        long t0 = System.nanoTime();
        List<String> killed = List.of("inspection-service-2", "model-registry-service-2", "notification-service-2");
        Map<String, Long> pids = new HashMap<>();
        for (String name : killed) {
            pids.put(name, replica(name).pid());
        }
        WriteLoad load = new WriteLoad(recommendations, suite.apiPorts.get("inspection-service"), THREADS);
        load.start();
        Thread.sleep(LOAD_BEFORE_KILL.toMillis());
        long beforeKill = load.acknowledged.get();

        // The broker leading the controller quorum: its loss also moves the quorum and partition leadership.
        int leader = quorumLeader();
        String brokerName = "Kafka broker " + leader;
        ProcessHandle broker = suite.child("broker-" + leader + "/server.properties");
        pids.put(brokerName, broker.pid());
        broker.destroyForcibly();
        for (String name : killed) {
            replica(name).destroyForcibly();
        }
        long killedAt = System.nanoTime();
        List<String> all = new ArrayList<>(killed);
        all.add(brokerName);
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500)).until(() -> {
            String log = suite.launcherLog();
            return all.stream().allMatch(n -> log.contains("[suite] " + n + " ready again after"));
        });
        double recovered = (System.nanoTime() - killedAt) / 1e9;
        Thread.sleep(3_000); // the restarted replicas take writes too
        load.stop();
        System.out.println("multi-node load: " + load + "; " + beforeKill + " acknowledged before the kill; "
                + String.format(java.util.Locale.ROOT, "every killed process ready again %.1f s after the kill",
                        recovered));

        // Restarted by the launcher: it saw each die (137 = SIGKILL) and brought it back as a new process.
        String log = suite.launcherLog();
        for (String name : all) {
            assertTrue(log.contains("[suite] " + name + " exited (code 137"), name + " seen dead:\n" + log);
            Matcher m = Pattern.compile(Pattern.quote("[suite] " + name + " ready again after ") + "([0-9.]+) s")
                    .matcher(log);
            assertTrue(m.find(), name);
            System.out.println("  " + name + " ready again after " + m.group(1) + " s");
        }
        for (String name : killed) {
            assertNotEquals(pids.get(name), replica(name).pid(), name + " is a new process");
        }
        assertNotEquals(pids.get(brokerName), suite.child("broker-" + leader + "/server.properties").pid());

        assertEquals(List.of(), load.errors, "every write acknowledged (retried on the other replica if needed)");
        assertTrue(load.acknowledged.get() > beforeKill, "writes went on after the kill");

        // 0 acknowledged writes lost, none applied twice: what the inspection service holds is what was acknowledged.
        int deadlineChanges = 0;
        for (String r : recommendations) {
            WriteLoad.Acked a = load.acked.get(r);
            deadlineChanges += a.deadlineChanges;
            int port = suite.apiPorts.get("inspection-service").get(recommendations.indexOf(r) % 2);
            as(steering, port).get("/api/v1/recommendations/" + r).then().statusCode(200)
                    .body("dueDate", org.hamcrest.Matchers.equalTo(a.dueDate.toString()))
                    .body("status", org.hamcrest.Matchers.equalTo(a.progressReports > 0 ? "IN_PROGRESS" : "ISSUED"));
            if (a.progressReports > 0) {
                as(steering, port).get("/api/v1/recommendations/" + r).then()
                        .body("progressPercent", org.hamcrest.Matchers.equalTo(a.lastPercent));
            }
            List<String> kinds = as(steering, port).get("/api/v1/recommendations/" + r + "/reports").then()
                    .statusCode(200).extract().path("kind");
            assertEquals(a.progressReports, kinds.stream().filter("PROGRESS"::equals).count(),
                    "progress reports of " + r);
            List<String> actions = as(steering, port).get("/api/v1/recommendations/" + r + "/history").then()
                    .statusCode(200).extract().path("action");
            assertEquals(a.deadlineChanges, actions.stream().filter("DEADLINE_CHANGED"::equals).count(),
                    "deadline changes of " + r);
        }
        System.out.println("  " + deadlineChanges + " deadline changes acknowledged");

        // The follow-up state equals the inspection state, and every deadline change was consumed exactly once:
        // the events inspection-service published for them are the events notification-service recorded as
        // processed (by event id, a primary key there).
        for (String r : recommendations) {
            WriteLoad.Acked a = load.acked.get(r);
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> as(admin, suite.notificationPort)
                    .get("/api/v1/followups/" + r).then().statusCode(200)
                    .body("dueDate", org.hamcrest.Matchers.equalTo(a.dueDate.toString()))
                    .body("status", org.hamcrest.Matchers.equalTo("ACTIVE")));
        }
        Set<String> published = strings("inspection", "SELECT event_id::text FROM outbox_sent WHERE type LIKE '"
                + DEADLINE_CHANGED + "'");
        assertEquals(deadlineChanges, published.size(), "one event per acknowledged deadline change, all relayed");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(published, strings("notification",
                "SELECT event_id FROM processed_event WHERE event_type LIKE '" + DEADLINE_CHANGED + "'")));

        for (int port : List.of(suite.inspectionPort, suite.notificationPort)) {
            as(admin, port).get("/api/v1/admin/outbox/parked").then().statusCode(200)
                    .body("size()", org.hamcrest.Matchers.equalTo(0));
        }

        // Reminders exactly once: half the recommendations due on 31 March, the others a month later; on 18 March
        // (both notification replicas' clocks) only the 14-days-before reminders of the first half are due.
        List<String> dueInMarch = new ArrayList<>();
        for (int i = 0; i < recommendations.size(); i++) {
            String r = recommendations.get(i);
            if (i % 2 == 0) {
                dueInMarch.add(r);
            }
            as(steering, suite.inspectionPort).body("""
                    {"dueDate": "%s", "reason": "Chốt thời hạn"}""".formatted(due(i)))
                    .post("/api/v1/recommendations/" + r + "/deadline").then().statusCode(200);
        }
        for (int i = 0; i < recommendations.size(); i++) {
            String r = recommendations.get(i);
            String due = due(i);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(admin, suite.notificationPort)
                    .get("/api/v1/followups/" + r).then().body("dueDate", org.hamcrest.Matchers.equalTo(due)));
        }
        for (List<Integer> ports : suite.apiPorts.values()) {
            for (int port : ports) {
                as(admin, port).body("{\"now\": \"2021-03-18T08:30:00+07:00\"}").put("/api/v1/admin/clock").then()
                        .statusCode(200);
            }
        }
        int expected = dueInMarch.size();
        await().atMost(Duration.ofSeconds(120)).until(() -> channels.smtp.getReceivedMessages().length >= expected
                && channels.portal.distinctIds() >= expected && unread() >= expected);
        Thread.sleep(5_000); // several more ticks of both replicas: nothing more may come
        MimeMessage[] emails = channels.smtp.getReceivedMessages();
        Set<String> emailIds = new HashSet<>();
        for (MimeMessage m : emails) {
            emailIds.add(NotificationReplicasTest.deliveryId(m));
        }
        assertEquals(expected, emails.length, "one email per reminder");
        assertEquals(expected, emailIds.size());
        assertEquals(expected, channels.portal.calls.size(), "one webhook call per reminder");
        assertEquals(expected, channels.portal.distinctIds());
        assertEquals(expected, unread(), "one inbox entry per reminder");
        for (String r : dueInMarch) {
            List<String> statuses = as(admin, suite.notificationPort).queryParam("recommendationId", r)
                    .get("/api/v1/deliveries").then().statusCode(200).extract().path("items.status");
            assertEquals(List.of("SENT", "SENT", "SENT"), statuses, "email, webhook and inbox of " + r);
        }
        System.out.printf("multi-node test body: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    // --- helpers ---

    static String due(int index) {
        return index % 2 == 0 ? "2021-03-31" : "2021-04-30";
    }

    static final String DEADLINE_CHANGED = "%recommendation.deadline-changed.v1";

    /** The first column of a query's rows in one of the suite's databases. */
    Set<String> strings(String database, String sql) throws java.sql.SQLException {
        Set<String> values = new HashSet<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                + suite.dbPort + "/" + database, "postgres", "postgres");
                java.sql.ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    ProcessHandle replica(String name) {
        return suite.child("-Dqcdc.instance=" + name + " ");
    }

    int quorumLeader() throws Exception {
        try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, suite.bootstrapServers()))) {
            return kafka.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId();
        }
    }

    List<String> conclude(String delegation, String due) {
        String inspection = as(steering, suite.inspectionPort).body(Scenario.inspection(delegation))
                .post("/api/v1/inspections").then().statusCode(201).extract().path("id");
        as(steering, suite.inspectionPort).body("{}").post("/api/v1/inspections/" + inspection + "/start").then()
                .statusCode(200);
        StringBuilder recs = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            recs.append(i > 1 ? "," : "").append("""
                    {"content": "Kiến nghị %d (tải thử)", "addressees": [{"bodyType": "GOVERNMENT"}],
                     "area": "OTHER", "priority": "NORMAL", "dueDate": "%s"}""".formatted(i, due));
        }
        as(steering, suite.inspectionPort).body("""
                {"text": "Kết luận (tải thử)", "signer": "Phạm Duy Hưng", "date": "2020-12-03",
                 "recommendations": [%s]}""".formatted(recs)).post("/api/v1/inspections/" + inspection + "/conclusion")
                .then().statusCode(200);
        return as(steering, suite.inspectionPort).queryParam("inspection", inspection).get("/api/v1/recommendations")
                .then().statusCode(200).extract().path("items.id");
    }

    RequestSpecification as(String token, int port) {
        return given().port(port).auth().oauth2(token).contentType(ContentType.JSON);
    }

    int unread() {
        String token = DevTokens.token(DevTokens.TokenSpec.of("unit-officer", "01855", null)
                .withSubject(WriteLoad.UBND_USER));
        return given().port(suite.notificationPort).auth().oauth2(token).get("/api/v1/inbox").then().statusCode(200)
                .extract().path("unreadCount");
    }
}
