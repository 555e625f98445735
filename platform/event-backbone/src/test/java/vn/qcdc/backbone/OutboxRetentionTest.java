package vn.qcdc.backbone;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.backbone.outbox.OutboxRelay;
import vn.qcdc.testsupport.RealInfraResource;

/**
 * Sent events leave the outbox for the retention copy ({@code outbox_sent}); sent events and processed event ids
 * older than the retention (7 days here) are purged, younger ones stay.
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class OutboxRetentionTest {

    @Inject
    EntityManager em;

    @Inject
    OutboxRelay relay;

    long count(String sql, Object param) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql)
                .setParameter(1, param).getSingleResult()).longValue());
    }

    @Test
    void aSentEventMovesToTheRetentionCopyWithItsPayloadAndSendTime() {
        Map<String, String> created = given().queryParam("note", "kept").post("/probe").then().statusCode(200)
                .extract().jsonPath().getMap("");
        UUID eventId = UUID.fromString(created.get("eventId"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("SELECT count(*) FROM outbox_sent WHERE event_id = ?1", eventId) == 1);
        assertEquals(0, count("SELECT count(*) FROM outbox_event WHERE event_id = ?1", eventId),
                "no longer in the outbox");
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "SELECT payload, sent_at, attempts, aggregate_version, created_at <= sent_at FROM outbox_sent"
                        + " WHERE event_id = ?1")
                .setParameter(1, eventId).getSingleResult());
        assertTrue(((String) row[0]).contains("\"note\":\"kept\""), (String) row[0]);
        assertNotNull(row[1], "sent_at");
        assertTrue(((Number) row[2]).intValue() >= 1, "attempts count the successful one");
        assertEquals(1L, ((Number) row[3]).longValue(), "aggregate version");
        assertEquals(Boolean.TRUE, row[4]);
        assertEquals(1, count("SELECT count(*) FROM outbox_log WHERE event_id = ?1", eventId), "in the log view");
    }

    @Test
    void sentEventsAndProcessedIdsPastTheRetentionArePurgedYoungerOnesStay() {
        String marker = "purge-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int ageDays : List.of(8, 6)) {
                em.createNativeQuery("INSERT INTO outbox_sent (seq, event_id, topic, record_key, type, source,"
                        + " occurred_at, payload, created_at, sent_at, attempts) VALUES (-1, gen_random_uuid(),"
                        + " 'qcdc.probe.events.v1', ?1, 'probe', '/qcdc/test', now(), 'null', now() - make_interval("
                        + "days => ?2), now() - make_interval(days => ?2), 1)").setParameter(1, marker)
                        .setParameter(2, ageDays).executeUpdate();
                em.createNativeQuery("INSERT INTO processed_event (consumer, source, event_id, event_type,"
                        + " processed_at) VALUES (?1, '/qcdc/test', gen_random_uuid(), 'probe',"
                        + " now() - make_interval(days => ?2))").setParameter(1, marker).setParameter(2, ageDays)
                        .executeUpdate();
            }
        });
        int purged = QuarkusTransaction.requiringNew().call(relay::purgeExpired);
        assertTrue(purged >= 2, "purged " + purged);
        assertEquals(1, count("SELECT count(*) FROM outbox_sent WHERE record_key = ?1", marker),
                "the 6-day-old sent event stays, the 8-day-old one is gone");
        assertEquals(0, count("SELECT count(*) FROM outbox_sent WHERE record_key = ?1"
                + " AND sent_at < now() - interval '7 days'", marker));
        assertEquals(1, count("SELECT count(*) FROM processed_event WHERE consumer = ?1", marker),
                "the 6-day-old processed id stays, the 8-day-old one is gone");
        assertEquals(0, count("SELECT count(*) FROM processed_event WHERE consumer = ?1"
                + " AND processed_at < now() - interval '7 days'", marker));
    }
}
