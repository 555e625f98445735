package vn.qcdc.notification.followup;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.notification.Events;
import vn.qcdc.notification.MutableClock;
import vn.qcdc.notification.Probe;
import vn.qcdc.notification.contact.ContactFixtures;
import vn.qcdc.testsupport.Tokens;

/**
 * A step the tick cannot process (here: a kind it does not know, as a bad row or a bug would make) fails alone: the
 * other steps due with it go out, and it stays planned for the next tick instead of rolling back its whole batch for
 * ever.
 */
@QuarkusTest
class FailingStepTest {

    @Inject
    FollowUpTick tick;

    @Inject
    EntityManager em;

    UUID issue(String content, LocalDate due) {
        UUID rec = UUID.randomUUID();
        Events.send(Topics.INSPECTION.name(), EventTypes.RECOMMENDATION_ISSUED, rec.toString(),
                Events.recommendationIssued(rec, ContactFixtures.XUAT_HOA, "FARMERS_ASSOCIATION", due, content));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(Tokens.admin())
                .get("/api/v1/followups/" + rec).then().statusCode(200));
        return rec;
    }

    String status(UUID rec, String suffix) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em
                .createNativeQuery("SELECT status FROM followup_step WHERE recommendation_id = ?1"
                        + " AND step_key LIKE ?2")
                .setParameter(1, rec).setParameter(2, "%" + suffix).getSingleResult());
    }

    @Test
    void aStepThatCannotBeProcessedWaitsAloneWhileTheOthersGoOut() {
        LocalDate due = MutableClock.now().toLocalDate().plusDays(40);
        UUID broken = issue("Kiến nghị có bước hỏng", due);
        UUID healthy = issue("Kiến nghị bình thường", due);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE followup_step SET kind = 'BOGUS'"
                + " WHERE recommendation_id = ?1 AND step_key LIKE '%/before-14d'").setParameter(1, broken)
                .executeUpdate());
        MutableClock.moveTo(Probe.stepDue(healthy, "/before-14d").plusMinutes(1));
        try {
            // Moving the clock makes earlier tests' steps due too; a woken tick may hold a batch of them (with ours)
            // for a while on a loaded machine, so wait for the healthy step rather than for one tick.
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                tick.tick();
                assertEquals("DONE", status(healthy, "/before-14d"), "the healthy step went out");
            });
            assertEquals("PLANNED", status(broken, "/before-14d"), "the failing step waits for the next tick");
            tick.tick();
            assertEquals("PLANNED", status(broken, "/before-14d"), "and fails alone again");
        } finally {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE followup_step"
                    + " SET status = 'CANCELLED' WHERE recommendation_id = ?1").setParameter(1, broken)
                    .executeUpdate());
        }
    }
}
