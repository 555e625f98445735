package vn.qcdc.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.icegreen.greenmail.util.GreenMail;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import vn.qcdc.infra.DevTokens;
import vn.qcdc.infra.FreePorts;

/**
 * notification-service as a cluster runs it: two replicas (two processes) on one database and one broker. Every
 * reminder is sent exactly once, and a replica killed in the middle of sending (kill -9 while a portal is slow to
 * answer its webhook) loses nothing when it comes back: what it was sending is sent again with the same
 * {@code webhook-id}, and nothing else is sent twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationReplicasTest {

    static final String UBND_USER = "ubnd-xuathoa";
    static final int PER_SET = 10; // two inspections × five recommendations, each addressed to the People's Committee

    ChannelsSuite channels;
    RunningSuite suite;
    GreenMail smtp;
    SignedWebhookReceiver portal;
    Process replica;
    final int replicaPort = FreePorts.find();
    final int replicaManagementPort = FreePorts.find();
    final String admin = DevTokens.token("admin", null, null);
    final String steering = DevTokens.token("steering", "06", null);
    final List<String> januarySet = new ArrayList<>();
    final List<String> marchSet = new ArrayList<>();

    @BeforeAll
    void startSuiteAndASecondReplica() throws Exception {
        // An email's send deadline of 10 s (the webhooks' own, instead of 30 s): a lease then ends 40 s after its
        // claim instead of 60 s, which is what the killed replica's delivery waits for below. A failed attempt is
        // tried again 2-3 s later instead of 30-45 s: in some runs each replica's first email got no SMTP answer
        // within its deadline (the two at the same second, 2026-11-29; the cause is not found), and the test then
        // waited 52 s for the retries. The retries themselves are covered by notification-service's own tests.
        channels = new ChannelsSuite("qcdc-e2e-replicas-", s -> {
            s.extraEnv.put("QCDC_DELIVERIES_SEND_TIMEOUT", "10s");
            s.extraEnv.put("QCDC_DELIVERIES_INITIAL_BACKOFF", "2s");
        });
        suite = channels.suite;
        smtp = channels.smtp;
        portal = channels.portal;
        String secret = channels.webhookSecret;
        replica = suite.startNotificationReplica(replicaPort, replicaManagementPort);
        RunningSuite.awaitReady(replicaManagementPort, Duration.ofMinutes(2));
        setClocks("2020-12-03T07:30:00+07:00");

        Map<String, Object> contact = Map.of("bodyType", "GOVERNMENT", "unitCode", "01855", "name",
                "UBND phường Xuất Hóa", "language", "vi", "emails", List.of("ubnd.xuathoa@example.vn"),
                "webhooks", List.of(Map.of("url", portal.url("/hooks/xuat-hoa"), "secrets", List.of(secret))),
                "inboxUsers", List.of(UBND_USER));
        as(admin, suite.notificationPort).body(contact).post("/api/v1/contacts").then().statusCode(201);

        String delegation = as(steering, suite.inspectionPort).body(Scenario.DELEGATION)
                .post("/api/v1/delegations").then().statusCode(201).extract().path("id");
        for (int i = 0; i < 2; i++) {
            januarySet.addAll(conclude(delegation, "2021-01-31"));
            marchSet.addAll(conclude(delegation, "2021-03-31"));
        }
        for (String r : concat(januarySet, marchSet)) {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> as(admin, suite.notificationPort)
                    .get("/api/v1/followups/" + r).then().statusCode(200));
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (replica != null) {
            replica.destroy();
            replica.waitFor(30, TimeUnit.SECONDS);
        }
        if (channels != null) {
            channels.close();
        }
    }

    @Test
    @Order(1)
    void twoReplicasSendEveryReminderExactlyOnce() throws Exception {
        setClocks("2021-01-18T08:30:00+07:00"); // the 14-days-before reminders of the January set are due
        long t0 = System.nanoTime();
        await().atMost(Duration.ofSeconds(120)).until(() -> smtp.getReceivedMessages().length >= PER_SET
                && portal.distinctIds() >= PER_SET && unread() >= PER_SET);
        // Usually 2-3 s; some CI runs took 41-55 s: one email whose first attempt did not succeed, sent again after the
        // lease or a back-off. Say which deliveries needed more than one attempt, when they were made and sent (a
        // success clears the last error), and what the replicas' logs say of them, for the next look.
        List<Map<String, Object>> retried = januarySet.stream().flatMap(r -> as(admin, suite.notificationPort)
                .queryParam("recommendationId", r).get("/api/v1/deliveries").then().statusCode(200)
                .extract().<List<Map<String, Object>>>path("items").stream())
                .filter(d -> ((Number) d.get("attempts")).intValue() > 1).toList();
        System.out.printf(
                "[e2e] January reminders on every channel after %.1f s; deliveries tried more than once: %s%n",
                (System.nanoTime() - t0) / 1e9, retried.stream().map(d -> d.get("channel") + " " + d.get("attempts")
                        + " attempts, made " + d.get("createdAt") + ", sent " + d.get("sentAt")).toList());
        for (Map<String, Object> d : retried) {
            logLinesAbout(String.valueOf(d.get("id"))).forEach(l -> System.out.println("[e2e]   " + l));
        }
        Thread.sleep(5_000); // several more ticks of both replicas: nothing more may come
        assertEquals(PER_SET, smtp.getReceivedMessages().length, "one email per reminder");
        assertEquals(PER_SET, deliveryIds().stream().distinct().count());
        assertEquals(PER_SET, portal.calls.size(), "one webhook call per reminder");
        assertEquals(PER_SET, portal.distinctIds());
        assertTrue(portal.calls.stream().allMatch(SignedWebhookReceiver.Call::verified));
        assertEquals(PER_SET, unread(), "one inbox entry per reminder");

        // The January set is cancelled so that only the March set is due later.
        for (String r : januarySet) {
            as(steering, suite.inspectionPort).body("{\"reason\": \"Kiểm thử: kết thúc theo dõi\"}")
                    .post("/api/v1/recommendations/" + r + "/cancel").then().statusCode(200);
        }
        for (String r : januarySet) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(admin, suite.notificationPort)
                    .get("/api/v1/followups/" + r).then().body("status", equalTo("ENDED")));
        }
    }

    @Test
    @Order(2)
    void aReplicaKilledMidSendLosesNoReminderAndSendsNoneTwice() throws Exception {
        int emailsBefore = smtp.getReceivedMessages().length;
        int callsBefore = portal.calls.size();
        // The portal is slow (within the 10 s webhook timeout): both replicas get caught in a webhook call.
        portal.hangNext(2, 6_000);
        setClocks("2021-03-18T08:30:00+07:00");
        await().atMost(Duration.ofSeconds(90)).until(() -> portal.inFlight() >= 2);

        replica.destroyForcibly(); // kill -9 in the middle of sending
        assertTrue(replica.waitFor(30, TimeUnit.SECONDS));
        // The new process starts at the test's time (its first tick must not see the real date).
        suite.extraEnv.put("QCDC_CLOCK_START_AT", "2021-03-18T08:31:00+07:00");
        replica = suite.startNotificationReplica(replicaPort, replicaManagementPort);
        RunningSuite.awaitReady(replicaManagementPort, Duration.ofMinutes(2));

        await().atMost(Duration.ofSeconds(180)).until(() -> portal.distinctIds() >= 2L * PER_SET
                && smtp.getReceivedMessages().length >= emailsBefore + PER_SET && unread() >= 2 * PER_SET);
        // The delivery the killed replica was sending is leased to it; once the lease expires (longest send deadline
        // + 30 s: 40 s here) the other replica sends it again with the same id and records it.
        for (String r : marchSet) {
            await().atMost(Duration.ofSeconds(150)).untilAsserted(() -> assertTrue(as(admin, suite.notificationPort)
                    .queryParam("recommendationId", r).get("/api/v1/deliveries").then().statusCode(200).extract()
                    .<List<String>>path("items.status").stream().allMatch("SENT"::equals)));
        }
        Thread.sleep(5_000);
        // An email the killed replica was handing to SMTP may go again after its lease, with the same delivery id
        // (the receiver drops it): every reminder arrives, and repeats are bounded by the emails in flight (2).
        MimeMessage[] all = smtp.getReceivedMessages();
        java.util.Set<String> emailIds = new java.util.HashSet<>();
        for (int i = emailsBefore; i < all.length; i++) {
            emailIds.add(all[i].getHeader("X-QCDC-Delivery-Id")[0]);
        }
        assertEquals(PER_SET, emailIds.size(), "no email lost");
        assertTrue(all.length - emailsBefore <= PER_SET + 2, "repeats only of emails in flight at the kill");
        assertEquals(2L * PER_SET, deliveryIds().stream().distinct().count());
        assertEquals(2 * PER_SET, unread(), "no inbox entry lost, none twice");
        assertEquals(2L * PER_SET, portal.distinctIds(), "no webhook lost");
        int marchCalls = portal.calls.size() - callsBefore;
        assertTrue(marchCalls >= PER_SET && marchCalls <= PER_SET + 1,
                "only the call in flight at the kill may come again (same webhook-id): " + marchCalls);
        for (String r : marchSet) {
            List<String> statuses = as(admin, suite.notificationPort).queryParam("recommendationId", r)
                    .get("/api/v1/deliveries").then().statusCode(200).extract().path("items.status");
            assertEquals(3, statuses.size(), "email, webhook and inbox of " + r + ": " + statuses);
            assertTrue(statuses.stream().allMatch("SENT"::equals), r + ": " + statuses);
        }
    }

    // --- helpers ---

    List<String> conclude(String delegation, String due) {
        String inspection = as(steering, suite.inspectionPort).body(Scenario.inspection(delegation))
                .post("/api/v1/inspections").then().statusCode(201).extract().path("id");
        as(steering, suite.inspectionPort).body("{}").post("/api/v1/inspections/" + inspection + "/start").then()
                .statusCode(200);
        StringBuilder recs = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            recs.append(i > 1 ? "," : "").append("""
                    {"content": "Kiến nghị %d hạn %s (minh họa)", "addressees": [{"bodyType": "GOVERNMENT"}],
                     "area": "OTHER", "priority": "NORMAL", "dueDate": "%s"}""".formatted(i, due, due));
        }
        as(steering, suite.inspectionPort).body("""
                {"text": "Kết luận (minh họa)", "signer": "Phạm Duy Hưng", "date": "2020-12-03",
                 "recommendations": [%s]}""".formatted(recs)).post("/api/v1/inspections/" + inspection + "/conclusion")
                .then().statusCode(200);
        return as(steering, suite.inspectionPort).queryParam("inspection", inspection).get("/api/v1/recommendations")
                .then().statusCode(200).extract().path("items.id");
    }

    RequestSpecification as(String token, int port) {
        return given().port(port).auth().oauth2(token).contentType(ContentType.JSON);
    }

    void setClocks(String now) {
        List<Integer> ports = new ArrayList<>(suite.servicePorts());
        ports.add(replicaPort);
        ports.forEach(p -> setClock(p, now));
    }

    void setClock(int port, String now) {
        as(admin, port).body("{\"now\": \"" + now + "\"}").put("/api/v1/admin/clock").then().statusCode(200);
    }

    int unread() {
        String token = DevTokens.token(DevTokens.TokenSpec.of("unit-officer", "01855", null).withSubject(UBND_USER));
        return given().port(suite.notificationPort).auth().oauth2(token).get("/api/v1/inbox").then().statusCode(200)
                .extract().path("unreadCount");
    }

    List<String> deliveryIds() {
        return Arrays.stream(smtp.getReceivedMessages()).map(NotificationReplicasTest::deliveryId).toList();
    }

    static String deliveryId(MimeMessage m) {
        try {
            String[] h = m.getHeader("X-QCDC-Delivery-Id");
            return h == null ? "?" : h[0];
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * Lines of the notification replicas' logs (in the suite's data folder) that name {@code deliveryId}, and their
     * warnings and errors (a send that failed unexpectedly does not name its delivery): the last 40.
     */
    List<String> logLinesAbout(String deliveryId) {
        List<String> lines = new ArrayList<>();
        try (var files = java.nio.file.Files.list(suite.dataDir.resolve("logs"))) {
            for (java.nio.file.Path f : files.filter(f -> f.getFileName().toString().startsWith("notification"))
                    .sorted().toList()) {
                for (String l : java.nio.file.Files.readAllLines(f)) {
                    if (l.contains(deliveryId) || l.contains(" WARN ") || l.contains(" ERROR ")) {
                        lines.add(f.getFileName() + ": " + l);
                    }
                }
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            lines.add("logs not readable: " + e);
        }
        return lines.subList(Math.max(0, lines.size() - 40), lines.size());
    }
}
