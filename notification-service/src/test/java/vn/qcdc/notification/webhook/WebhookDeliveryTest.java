package vn.qcdc.notification.webhook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.notification.Events;
import vn.qcdc.notification.MutableClock;
import vn.qcdc.notification.Probe;
import vn.qcdc.notification.WebhookReceiver;
import vn.qcdc.notification.contact.ContactFixtures;
import vn.qcdc.notification.delivery.DeliveryWorker;
import vn.qcdc.notification.followup.FollowUpTick;
import vn.qcdc.testsupport.KafkaTestConsumer;
import vn.qcdc.testsupport.Tokens;

/** Webhooks towards a real HTTP server: retries with backoff, 410 disables, admin re-enables, rotation, a hung send. */
@QuarkusTest
class WebhookDeliveryTest {

    @Inject
    FollowUpTick tick;

    @Inject
    DeliveryWorker worker;

    /** Issues a recommendation to {@code body} at Xuất Hóa and moves time to its first reminder. */
    UUID remindNow(String body) {
        UUID rec = UUID.randomUUID();
        Events.send(Topics.INSPECTION.name(), EventTypes.RECOMMENDATION_ISSUED, rec.toString(),
                Events.recommendationIssued(rec, ContactFixtures.XUAT_HOA, body,
                        MutableClock.now().toLocalDate().plusDays(20), "Kiến nghị kiểm thử webhook " + rec));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                .get("/api/v1/followups/" + rec).then().statusCode(200));
        MutableClock.moveTo(Probe.stepDue(rec, "/before-14d").plusMinutes(1));
        tick.tick();
        return rec;
    }

    static Map<String, Object> delivery(UUID rec) {
        List<Map<String, Object>> sent = Probe.plan(rec).getList("sent");
        assertEquals(1, sent.size(), "one webhook delivery");
        return sent.get(0);
    }

    @Test
    void failuresAreRetriedWithBackoffAnd410DisablesTheEndpointUntilAnAdminReEnablesIt() {
        try (WebhookReceiver portal = new WebhookReceiver(List.of(ContactFixtures.SECRET))) {
            String contactId = ContactFixtures.create(ContactFixtures.contact("PEOPLES_COUNCIL",
                    ContactFixtures.XUAT_HOA, "HĐND phường Xuất Hóa", null, portal.url("/hdnd"), null));
            portal.answer(503);
            UUID rec = remindNow("PEOPLES_COUNCIL");
            // attempts are counted when a send starts; its outcome is recorded when it ends
            await().atMost(Duration.ofSeconds(30)).until(() -> delivery(rec).get("lastError") != null);
            Map<String, Object> d = delivery(rec);
            assertEquals("PENDING", d.get("status"));
            assertEquals("HTTP 503", d.get("lastError"));
            OffsetDateTime next = OffsetDateTime.parse((String) d.get("nextAttemptAt"));
            Duration wait = Duration.between(MutableClock.now(), next);
            assertTrue(wait.compareTo(Duration.ofSeconds(29)) > 0 && wait.compareTo(Duration.ofSeconds(46)) < 0,
                    "first backoff 30 s plus up to 50 % jitter: " + wait);
            worker.runOnce();
            assertEquals(1, ((Number) delivery(rec).get("attempts")).intValue(), "not retried before its time");

            // the portal is gone for good: 410 disables the endpoint, the delivery fails and says so on Kafka
            portal.answer(410);
            // (should an attempt meet a transient failure on this shared machine, the next one is due after its
            // backoff: time moves on until the 410 is seen)
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                MutableClock.advance(Duration.ofMinutes(10));
                worker.runOnce();
                return "FAILED".equals(delivery(rec).get("status"));
            });
            assertEquals("HTTP 410: endpoint gone, disabled", delivery(rec).get("lastError"));
            String deliveryId = (String) delivery(rec).get("id");
            given().auth().oauth2(Tokens.admin()).get("/api/v1/contacts/" + contactId).then().statusCode(200)
                    .body("webhooks[0].enabled", equalTo(false));
            await().atMost(Duration.ofSeconds(40)).until(() -> KafkaTestConsumer.pollAll(Events.bootstrap(),
                    Topics.NOTIFICATION.name(), Duration.ofSeconds(10)).stream()
                    .anyMatch(r -> deliveryId.equals(r.key())
                            && EventTypes.DELIVERY_FAILED.equals(KafkaTestConsumer.header(r, "ce_type"))));

            // an admin re-enables the endpoint and retries the delivery; the portal is back
            String webhookId = given().auth().oauth2(Tokens.admin()).get("/api/v1/contacts/" + contactId).then()
                    .extract().path("webhooks[0].id");
            given().auth().oauth2(Tokens.integration()).post("/api/v1/contacts/" + contactId + "/webhooks/"
                    + webhookId + "/enable").then().statusCode(403);
            given().auth().oauth2(Tokens.admin()).post("/api/v1/contacts/" + contactId + "/webhooks/" + webhookId
                    + "/enable").then().statusCode(200).body("webhooks[0].enabled", equalTo(true));
            portal.answer(200);
            given().auth().oauth2(Tokens.admin()).post("/api/v1/deliveries/" + deliveryId + "/retry").then()
                    .statusCode(202).body("status", equalTo("PENDING"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                worker.runOnce();
                if ("SENT".equals(delivery(rec).get("status"))) {
                    return true;
                }
                MutableClock.advance(Duration.ofMinutes(10));
                return false;
            });
            List<WebhookReceiver.Call> calls = portal.callsContaining(rec.toString());
            assertTrue(calls.stream().allMatch(WebhookReceiver.Call::verified));
            assertEquals(1, calls.stream().map(WebhookReceiver.Call::id).distinct().count(),
                    "every attempt carries the same webhook-id, so the portal can drop duplicates");
        }
    }

    @Test
    void duringASecretRotationBothSignaturesAreSent() {
        try (WebhookReceiver portal = new WebhookReceiver(List.of(ContactFixtures.NEW_SECRET))) {
            String body = ContactFixtures.contact("COMMUNITY_INVESTMENT_SUPERVISION_BOARD", ContactFixtures.XUAT_HOA,
                    "Ban giám sát đầu tư của cộng đồng", null, portal.url("/gsdt"), null)
                    .replace("[\"" + ContactFixtures.SECRET + "\"]",
                            "[\"" + ContactFixtures.NEW_SECRET + "\", \"" + ContactFixtures.SECRET + "\"]");
            given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body).post("/api/v1/contacts")
                    .then().statusCode(201).body("webhooks[0].secretCount", equalTo(2));
            UUID rec = remindNow("COMMUNITY_INVESTMENT_SUPERVISION_BOARD");
            worker.runOnce();
            await().atMost(Duration.ofSeconds(30)).until(() -> portal.callsContaining(rec.toString()).size() == 1);
            WebhookReceiver.Call call = portal.callsContaining(rec.toString()).get(0);
            assertEquals(2, call.signature().split(" ").length, call.signature());
            assertTrue(call.verified(), "the portal holding only the new secret verifies");
        }
    }

    /**
     * The portal accepts the call, answers 200 and never finishes the body. The send fails by its deadline (3 s in
     * tests), counted as an attempt; the email and inbox deliveries of the same reminder go out meanwhile; after the
     * last attempt the delivery is FAILED and says so on Kafka.
     */
    @Test
    void aWebhookThatNeverFinishesItsAnswerFailsByItsDeadlineWhileOtherChannelsDeliver() {
        try (WebhookReceiver portal = new WebhookReceiver(List.of(ContactFixtures.SECRET))) {
            ContactFixtures.create(ContactFixtures.contact("PARTY_COMMITTEE", ContactFixtures.XUAT_HOA,
                    "Đảng ủy phường Xuất Hóa", "dang-uy-xuat-hoa@qcdc.local", portal.url("/dang-uy"),
                    "dang-uy-xuat-hoa"));
            portal.stallBody(true);
            UUID rec = remindNow("PARTY_COMMITTEE");
            long start = System.nanoTime();
            await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(channel(rec, "INBOX").get("status"))
                    && "SENT".equals(channel(rec, "EMAIL").get("status")));
            long othersMs = (System.nanoTime() - start) / 1_000_000;
            await().atMost(Duration.ofSeconds(20)).until(() -> !portal.callsContaining(rec.toString()).isEmpty());

            await().atMost(Duration.ofSeconds(20)).until(() -> channel(rec, "WEBHOOK").get("lastError") != null);
            Map<String, Object> w = channel(rec, "WEBHOOK");
            assertEquals("PENDING", w.get("status"), "retried later");
            assertEquals(1, ((Number) w.get("attempts")).intValue(), "the attempt that ran out of time counts");
            assertTrue(((String) w.get("lastError")).contains("no complete answer within 3 s"),
                    (String) w.get("lastError"));
            assertTrue(othersMs < 10_000, "inbox and email did not wait behind the stalled webhook: " + othersMs);

            // every later attempt stalls too: after the last one the delivery has failed for good
            for (int i = 0; i < 6 && !"FAILED".equals(channel(rec, "WEBHOOK").get("status")); i++) {
                MutableClock.advance(Duration.ofHours(7));
                long attemptStart = System.nanoTime();
                worker.runOnce();
                assertTrue((System.nanoTime() - attemptStart) / 1_000_000 < 8_000, "each attempt ends by its deadline");
            }
            Map<String, Object> failed = channel(rec, "WEBHOOK");
            assertEquals("FAILED", failed.get("status"));
            assertEquals(3, ((Number) failed.get("attempts")).intValue(), "qcdc.deliveries.max-attempts in tests");
            String deliveryId = (String) failed.get("id");
            await().atMost(Duration.ofSeconds(40)).until(() -> KafkaTestConsumer.pollAll(Events.bootstrap(),
                    Topics.NOTIFICATION.name(), Duration.ofSeconds(5)).stream()
                    .anyMatch(r -> deliveryId.equals(r.key())
                            && EventTypes.DELIVERY_FAILED.equals(KafkaTestConsumer.header(r, "ce_type"))));
        }
    }

    static Map<String, Object> channel(UUID rec, String channel) {
        List<Map<String, Object>> sent = Probe.plan(rec).getList("sent");
        return sent.stream().filter(d -> channel.equals(d.get("channel"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + channel + " delivery of " + rec + ": " + sent));
    }
}
