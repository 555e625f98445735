package vn.qcdc.notification.followup;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.infra.DevTokens;
import vn.qcdc.notification.Events;
import vn.qcdc.notification.MutableClock;
import vn.qcdc.notification.Probe;
import vn.qcdc.notification.WebhookReceiver;
import vn.qcdc.notification.contact.ContactFixtures;
import vn.qcdc.notification.delivery.DeliveryWorker;
import vn.qcdc.testsupport.Tokens;

/**
 * A recommendation issued over real Kafka gets a plan; moving the clock delivers its reminders by email (a real SMTP
 * server receives them), signed webhook (a real HTTP server verifies the signature) and inbox (read through the API);
 * a redelivered event changes nothing; completion pauses, rejection resumes, verification ends the plan.
 */
@QuarkusTest
class FollowUpFlowTest {

    static final String UNIT = ContactFixtures.XUAT_HOA;
    static final String EMAIL = "phunu@xuathoa.example.vn";
    static WebhookReceiver portal;
    static DevTokens.TokenSpec officer = DevTokens.TokenSpec.of("org-officer", UNIT, "WOMENS_UNION")
            .withSubject("chu-tich-hoi-phu-nu-xuat-hoa");

    @Inject
    FollowUpTick tick;

    @Inject
    DeliveryWorker worker;

    @BeforeAll
    static void portal() {
        portal = new WebhookReceiver(List.of(ContactFixtures.SECRET));
    }

    @AfterAll
    static void close() {
        portal.close();
    }

    static JsonPath plan(UUID id) {
        return Probe.plan(id);
    }

    static OffsetDateTime stepDue(UUID id, String suffix) {
        return Probe.stepDue(id, suffix);
    }

    static long emailsTo(String address, String containing) {
        return Probe.emailsTo(address, containing);
    }

    static int inboxCount(String token) {
        return given().auth().oauth2(token).get("/api/v1/inbox").then().statusCode(200).extract().path(
                "items.size()");
    }

    void runScheduler() {
        tick.tick();
        worker.runOnce();
    }

    @Test
    void remindersAreDeliveredOnEveryChannelOnceAndTheLifeCycleIsFollowed() {
        String contactId = ContactFixtures.create(ContactFixtures.womensUnion(UNIT, EMAIL, portal.url("/hooks/qcdc"),
                officer.subject()));
        UUID rec = UUID.randomUUID();
        LocalDate due = MutableClock.now().toLocalDate().plusDays(30);
        String issued = Events.recommendationIssued(rec, UNIT, "WOMENS_UNION", due,
                "Niêm yết công khai các khoản thu, chi của phường theo quy định");
        String eventId = Events.send(Topics.INSPECTION.name(), EventTypes.RECOMMENDATION_ISSUED, rec.toString(),
                issued);
        // the broker redelivers the same event, and the producer publishes the same fact again under a new id
        Events.sendWithId(eventId, Topics.INSPECTION.name(), EventTypes.RECOMMENDATION_ISSUED, rec.toString(), issued);
        Events.send(Topics.INSPECTION.name(), EventTypes.RECOMMENDATION_ISSUED, rec.toString(), issued);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                .get("/api/v1/followups/" + rec).then().statusCode(200));
        JsonPath p = plan(rec);
        assertEquals("ACTIVE", p.getString("status"));
        List<String> steps = p.getList("steps.step");
        assertEquals(List.of(due + "/before-14d", due + "/before-3d", due + "/due", due + "/overdue",
                due + "/overdue-7d", due + "/escalate"), steps);
        // 08:00 local time on a working day
        OffsetDateTime first = stepDue(rec, "/before-14d");
        assertEquals(8, first.atZoneSameInstant(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).getHour());

        // time moves to the first reminder
        MutableClock.moveTo(first.plusMinutes(1));
        runScheduler();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Probe.letRetriesComeDue(List.of(rec));
            String log = "delivery log: " + Probe.deliveries(rec);
            assertEquals(1, emailsTo(EMAIL, due.toString()), "one email; " + log);
            assertEquals(1, portal.callsContaining(rec.toString()).size(), "one webhook call; " + log);
            assertEquals(1, inboxCount(Tokens.of(officer)), "one inbox item; " + log);
        });
        WebhookReceiver.Call call = portal.callsContaining(rec.toString()).get(0);
        assertTrue(call.verified(), "the portal verified the Standard Webhooks signature: " + call.signature());
        assertTrue(call.signature().startsWith("v1,"));
        given().auth().oauth2(Tokens.of(officer)).get("/api/v1/inbox").then().statusCode(200)
                .body("unreadCount", org.hamcrest.Matchers.equalTo(1))
                .body("items[0].recommendationId", org.hamcrest.Matchers.equalTo(rec.toString()))
                .body("items[0].title", org.hamcrest.Matchers.containsString("Nhắc việc"));

        // running everything again sends nothing again
        runScheduler();
        runScheduler();
        assertEquals(1, emailsTo(EMAIL, due.toString()));
        assertEquals(1, portal.callsContaining(rec.toString()).size());
        assertEquals(1, inboxCount(Tokens.of(officer)));
        JsonPath after = plan(rec);
        assertEquals(3, after.getList("sent").size(), "one delivery per channel");
        assertEquals(List.of("SENT", "SENT", "SENT"), after.getList("sent.status"));

        // completion reported: paused, the 3-days reminder is not sent
        Events.send(Topics.INSPECTION.name(), EventTypes.RECOMMENDATION_COMPLETION_REPORTED, rec.toString(),
                Events.completionReported(rec, UNIT));
        await().atMost(Duration.ofSeconds(30)).until(() -> "PAUSED".equals(plan(rec).getString("status")));
        MutableClock.moveTo(stepDue(rec, "/before-3d").plusMinutes(1));
        runScheduler();
        assertEquals(3, plan(rec).getList("sent").size(), "nothing sent while paused");

        // rejected: resumed; missed reminders are not sent late, the due-date one is
        Events.send(Topics.INSPECTION.name(), EventTypes.RECOMMENDATION_REJECTED, rec.toString(),
                Events.rejected(rec, UNIT));
        await().atMost(Duration.ofSeconds(30)).until(() -> "ACTIVE".equals(plan(rec).getString("status")));
        MutableClock.moveTo(stepDue(rec, "/due").plusMinutes(1));
        runScheduler();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Probe.letRetriesComeDue(List.of(rec));
            assertEquals(2, emailsTo(EMAIL, due.toString()), "delivery log: " + Probe.deliveries(rec));
        });
        assertEquals(6, plan(rec).getList("sent").size());

        // verified: the plan ends, nothing more is sent even long after the due date
        Events.send(Topics.INSPECTION.name(), EventTypes.RECOMMENDATION_VERIFIED, rec.toString(),
                Events.verified(rec, UNIT));
        await().atMost(Duration.ofSeconds(30)).until(() -> "ENDED".equals(plan(rec).getString("status")));
        MutableClock.advance(Duration.ofDays(60));
        runScheduler();
        JsonPath ended = plan(rec);
        assertEquals("VERIFIED", ended.getString("endReason"));
        assertEquals(6, ended.getList("sent").size());
        assertTrue(ended.getList("steps.status").contains("CANCELLED"));
        assertEquals(2, emailsTo(EMAIL, due.toString()));
        assertEquals(2, portal.callsContaining(rec.toString()).size());
        // one ReminderSent per delivery went out on Kafka
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            var records = vn.qcdc.testsupport.KafkaTestConsumer.pollAll(Events.bootstrap(),
                    Topics.NOTIFICATION.name(), Duration.ofSeconds(10));
            List<String> mine = records.stream().filter(r -> rec.toString().equals(r.key()))
                    .map(r -> vn.qcdc.testsupport.KafkaTestConsumer.header(r, "ce_type")).toList();
            assertEquals(6, mine.stream().filter(EventTypes.REMINDER_SENT::equals).count(),
                    "ReminderSent events of " + rec + " among " + records.size() + " records: " + mine);
        });
        org.junit.jupiter.api.Assertions.assertNotNull(contactId);
    }
}
