package vn.qcdc.notification.followup;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.notification.Events;
import vn.qcdc.notification.MutableClock;
import vn.qcdc.notification.Probe;
import vn.qcdc.notification.contact.ContactFixtures;
import vn.qcdc.notification.delivery.DeliveryWorker;
import vn.qcdc.testsupport.Tokens;

/**
 * The bug of a province entering its history: a 2021 conclusion whose recommendations were due in 2022, entered years
 * later, published {@code recommendation.overdue} and then {@code recommendation.escalated} to the province
 * ({@code daysOverdue: 1611}) within 30 s, and mailed the ward about it. A deadline already past when the plan starts
 * is history: with the default policy nothing is planned, sent or published for it.
 */
@QuarkusTest
class HistoryImportTest {

    @Inject
    FollowUpTick tick;

    @Inject
    DeliveryWorker worker;

    @Inject
    EntityManager em;

    static final String UNIT = "01843";

    @Test
    void aPastRecommendationSendsNoReminderOverdueNoticeOrEscalation() {
        // A ward of its own (Phùng Chí Kiên, Bắc Kạn, before the 2025 reform) and an address of its own: other tests
        // keep a contact for the government of Xuất Hóa, and their emails would count here.
        String email = "ubnd-" + UUID.randomUUID().toString().substring(0, 8) + "@phungchikien.example.vn";
        ContactFixtures.create(ContactFixtures.contact("GOVERNMENT", UNIT, "UBND phường Phùng Chí Kiên", email, null,
                null));
        UUID rec = UUID.randomUUID();
        // due 1611 days ago: the figure the escalation carried
        LocalDate due = MutableClock.now().toLocalDate().minusDays(1611);
        Events.send(Topics.INSPECTION.name(), EventTypes.RECOMMENDATION_ISSUED, rec.toString(),
                Events.recommendationIssued(rec, UNIT, "GOVERNMENT", due,
                        "Công khai thu chi các khoản đóng góp của Nhân dân"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                .get("/api/v1/followups/" + rec).then().statusCode(200));

        tick.tick();
        worker.runOnce();
        MutableClock.advance(Duration.ofMinutes(1));
        tick.tick();
        worker.runOnce();

        JsonPath p = Probe.plan(rec);
        assertEquals("ACTIVE", p.getString("status"));
        assertFalse(p.getBoolean("overdueAnnounced"), p.prettify());
        assertNull(p.getString("escalatedTo"), p.prettify());
        assertEquals(0, p.getList("steps").size(), p.prettify());
        assertEquals(0, p.getList("sent").size(), p.prettify());
        assertEquals(0, Probe.emailsTo(email, ""));
        // nothing went to the outbox for it (the only way an event leaves the service)
        long events = QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("SELECT count(*) FROM outbox_log WHERE record_key = ?1")
                        .setParameter(1, rec.toString()).getSingleResult()).longValue());
        assertEquals(0, events, "no recommendation.overdue or recommendation.escalated for a 2022 deadline");
    }
}
