package vn.qcdc.notification.followup;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.notification.Events;
import vn.qcdc.notification.MutableClock;
import vn.qcdc.notification.Probe;
import vn.qcdc.notification.contact.ContactFixtures;
import vn.qcdc.notification.delivery.DeliveryWorker;
import vn.qcdc.testsupport.KafkaTestConsumer;
import vn.qcdc.testsupport.Tokens;

/**
 * A recommendation left undone: announced overdue once, reminded every 7 days, and after the configured overdue days
 * escalated to the steering committee of the unit above (Xuất Hóa ward → Bắc Kạn city in 2021).
 */
@QuarkusTest
class EscalationTest {

    @Inject
    FollowUpTick tick;

    @Inject
    DeliveryWorker worker;

    @Test
    void overdueRecommendationIsAnnouncedRemindedAndEscalatedToTheUnitAbove() {
        ContactFixtures.create(ContactFixtures.contact("YOUTH_UNION", ContactFixtures.XUAT_HOA,
                "Đoàn Thanh niên phường Xuất Hóa", "doanthanhnien@xuathoa.example.vn", null, null));
        ContactFixtures.create(ContactFixtures.contact("STEERING_COMMITTEE", ContactFixtures.BAC_KAN_CITY,
                "Ban Chỉ đạo QCDC thành phố Bắc Kạn", "bcd@thanhpho.backan.example.vn", null, "bcd-thanh-pho"));
        UUID rec = UUID.randomUUID();
        LocalDate due = MutableClock.now().toLocalDate().plusDays(5);
        String content = "Tổ chức đối thoại định kỳ giữa người đứng đầu cấp ủy với Nhân dân (" + rec + ")";
        Events.send(Topics.INSPECTION.name(), EventTypes.RECOMMENDATION_ISSUED, rec.toString(),
                Events.recommendationIssued(rec, ContactFixtures.XUAT_HOA, "YOUTH_UNION", due, content));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                .get("/api/v1/followups/" + rec).then().statusCode(200));

        MutableClock.moveTo(Probe.stepDue(rec, "/escalate").plusMinutes(1));
        tick.tick();
        worker.runOnce();

        JsonPath p = Probe.plan(rec);
        assertEquals("058", p.getString("escalatedTo"));
        assertTrue(p.getBoolean("overdueAnnounced"));
        // missed overdue reminders are not caught up in a burst: exactly one is planned, and it lies ahead
        List<String> planned = p.getList("steps.findAll { it.status == 'PLANNED' }.dueAt");
        assertEquals(1, planned.size(), p.getList("steps").toString());
        assertTrue(java.time.OffsetDateTime.parse(planned.get(0)).isAfter(MutableClock.now()), planned.toString());
        // other tests' recommendations at Xuất Hóa, left open, escalate to the same committee: count this one's
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Probe.letRetriesComeDue(List.of(rec));
            assertEquals(1, Probe.emailsAbout("bcd@thanhpho.backan.example.vn", "quá hạn", content),
                    Probe.subjectsTo("bcd@thanhpho.backan.example.vn") + "; delivery log: " + Probe.deliveries(rec));
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Probe.letRetriesComeDue(List.of(rec));
            assertTrue(Probe.emailsAbout("doanthanhnien@xuathoa.example.vn", "Quá hạn", content) >= 1,
                    "delivery log: " + Probe.deliveries(rec));
        });
        String steering = Tokens.of(vn.qcdc.infra.DevTokens.TokenSpec.of("steering", "058", null)
                .withSubject("bcd-thanh-pho"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(steering)
                .get("/api/v1/inbox").then().statusCode(200)
                .body("items[0].kind", org.hamcrest.Matchers.equalTo("ESCALATION")));

        // a second tick escalates nothing more
        tick.tick();
        assertEquals(2, Probe.plan(rec).getList("sent.findAll { it.kind == 'ESCALATION' }").size(),
                "the steering committee by email and inbox, once");

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> records = KafkaTestConsumer.pollAll(Events.bootstrap(),
                    Topics.NOTIFICATION.name(), Duration.ofSeconds(10)).stream()
                    .filter(r -> rec.toString().equals(r.key())).toList();
            List<ConsumerRecord<String, String>> overdue = records.stream()
                    .filter(r -> EventTypes.RECOMMENDATION_OVERDUE.equals(KafkaTestConsumer.header(r, "ce_type")))
                    .toList();
            List<ConsumerRecord<String, String>> escalated = records.stream()
                    .filter(r -> EventTypes.RECOMMENDATION_ESCALATED.equals(KafkaTestConsumer.header(r, "ce_type")))
                    .toList();
            assertEquals(1, overdue.size(), "overdue announced once");
            assertEquals(1, escalated.size(), "escalated once");
            assertTrue(escalated.get(0).value().contains("\"escalatedToUnitCode\":\"058\""), escalated.get(0).value());
            assertTrue(overdue.get(0).value().contains("\"dueDate\":\"" + due + "\""), overdue.get(0).value());
        });
    }
}
