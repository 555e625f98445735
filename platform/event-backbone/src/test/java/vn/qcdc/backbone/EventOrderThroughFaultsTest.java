package vn.qcdc.backbone;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import vn.qcdc.backbone.outbox.Outbox;
import vn.qcdc.backbone.outbox.ParkedEvents;
import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.testsupport.KafkaTestConsumer;
import vn.qcdc.testsupport.KafkaTestProducer;
import vn.qcdc.testsupport.RealInfraResource;

/**
 * Per-aggregate order through faults: a burst of changes to one aggregate while the broker is killed (SIGKILL) ends,
 * every time, with the consumer holding the last change; a stale event changes nothing; a row the broker refuses is
 * parked and does not hold up the others.
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class EventOrderThroughFaultsTest {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    ParkedEvents parked;

    @Inject
    MeterRegistry registry;

    String bootstrap() {
        return RealInfraResource.kafka().bootstrapServers();
    }

    String state(String key) {
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("SELECT value FROM probe_state WHERE probe_id = ?1").setParameter(1, key)
                .getResultList());
        return rows.isEmpty() ? null : rows.get(0).toString();
    }

    void set(String key, int value) {
        given().queryParam("value", value).post("/probe/" + key + "/set").then().statusCode(200);
    }

    @Test
    void changesMadeWhileTheBrokerIsKilledEndWithTheLastChangeAppliedEveryTime() throws Exception {
        for (int round = 1; round <= 3; round++) {
            String key = "deadline-" + round + "-" + UUID.randomUUID();
            int changes = 8;
            boolean killed = false;
            try {
                for (int v = 1; v <= changes; v++) {
                    set(key, v);
                    if (v == 3) {
                        // some events of the burst are with the broker, some in the producer, some not yet written
                        Thread.sleep(150 * round);
                        RealInfraResource.kafka().kill();
                        killed = true;
                        long start = System.nanoTime();
                        given().get("/q/health/ready");
                        long tookMs = (System.nanoTime() - start) / 1_000_000;
                        assertTrue(tookMs < 2_000, "readiness answers within 2 s with the broker down: " + tookMs);
                    }
                    Thread.sleep(400);
                }
                if (round == 1) {
                    await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/q/health/ready")
                            .then().extract().statusCode() == 503);
                }
            } finally {
                if (killed) {
                    RealInfraResource.kafka().start();
                }
            }
            String expected = String.valueOf(changes);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> expected.equals(state(key)));
            // and it stays there: nothing older arrives later and wins
            assertTopicOrder(key, changes);
            assertEquals(expected, state(key), "round " + round + ": the last change is the state");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/q/health/ready")
                .then().extract().statusCode() == 200);
    }

    /**
     * On the topic, an aggregate's versions only move forward: a record is either the next version or a copy of one
     * already there (a bounded resend of what was in flight), never an older event arriving for the first time after
     * a newer one.
     */
    void assertTopicOrder(String key, int changes) {
        List<ConsumerRecord<String, String>> records = KafkaTestConsumer.poll(bootstrap(), Topics.PROBE.name(),
                r -> key.equals(r.key()) && String.valueOf(changes)
                        .equals(KafkaTestConsumer.header(r, "ce_" + Outbox.VERSION_EXTENSION)),
                Duration.ofSeconds(60)).stream().filter(r -> key.equals(r.key())).toList();
        long max = 0;
        Set<String> seen = new HashSet<>();
        for (ConsumerRecord<String, String> r : records) {
            String version = KafkaTestConsumer.header(r, "ce_" + Outbox.VERSION_EXTENSION);
            assertNotNull(version, "every event carries its aggregate's version");
            long v = Long.parseLong(version);
            String id = KafkaTestConsumer.header(r, "ce_id");
            if (v <= max) {
                assertTrue(seen.contains(id), "version " + v + " arrived first after version " + max + ": " + key);
            } else {
                assertEquals(max + 1, v, "no version skipped on " + key);
                max = v;
            }
            seen.add(id);
        }
        assertEquals(changes, max);
        assertTrue(records.size() <= 2L * changes, "duplicates bounded to what was in flight: " + records.size());
    }

    @Test
    void aStaleEventDeliveredAfterANewerOneChangesNothing() {
        String key = "stale-" + UUID.randomUUID();
        send(key, 5, "set:newer");
        send(key, 3, "set:older");
        String fence = send(key, 6, "fence");
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("SELECT count(*) FROM probe_effect WHERE event_id = ?1")
                        .setParameter(1, fence).getSingleResult()).longValue()) == 1);
        assertEquals("newer", state(key), "version 3 after version 5 is ignored");
    }

    String send(String key, long version, String note) {
        String id = UUID.randomUUID().toString();
        Map<String, String> headers = new HashMap<>(EventBackboneTest.cloudEventHeaders(id, EventTypes.PROBE_RECORDED));
        headers.put("ce_" + Outbox.VERSION_EXTENSION, String.valueOf(version));
        KafkaTestProducer.send(bootstrap(), Topics.PROBE.name(), key,
                "{\"probeId\":\"" + key + "\",\"note\":\"" + note + "\"}", headers);
        return id;
    }

    @Test
    void aRowTheBrokerRefusesIsParkedAndTheRowsBehindItFlow() {
        String huge = "x".repeat(1_200_000); // above the producer's max.request.size: refused, not an outage
        String tooLarge = QuarkusTransaction.requiringNew().call(() -> outbox.publish(Topics.PROBE,
                EventTypes.PROBE_RECORDED, "too-large", null, Map.of("probeId", "big", "note", huge)).toString());
        Map<String, String> after = given().queryParam("note", "behind-the-refused-one").post("/probe").then()
                .statusCode(200).extract().jsonPath().getMap("");
        String afterId = after.get("eventId");
        List<ConsumerRecord<String, String>> records = KafkaTestConsumer.poll(bootstrap(), Topics.PROBE.name(),
                r -> afterId.equals(KafkaTestConsumer.header(r, "ce_id")), Duration.ofSeconds(60));
        assertTrue(records.stream().anyMatch(r -> afterId.equals(KafkaTestConsumer.header(r, "ce_id"))));
        assertFalse(records.stream().anyMatch(r -> tooLarge.equals(KafkaTestConsumer.header(r, "ce_id"))));

        ParkedEvents.Parked p = parked.list(10).stream().filter(e -> e.eventId().toString().equals(tooLarge))
                .findFirst().orElseThrow(() -> new AssertionError("the refused row is parked"));
        assertTrue(p.lastError().contains("RecordTooLarge"), p.lastError());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Response health = given().get("/q/health/ready");
            String outboxCheck = health.jsonPath().getString("checks.find { it.name == 'outbox' }.data");
            assertTrue(outboxCheck != null && outboxCheck.contains("#" + p.seq()), "health names it: " + outboxCheck);
        });
        // (this test application has no metrics backend, so the gauges are checked as registered; the services export
        // them at /q/metrics as qcdc_outbox_parked and qcdc_outbox_oldest_pending_age_seconds)
        assertNotNull(registry.find("qcdc.outbox.parked").gauge(), "parked gauge");
        assertNotNull(registry.find("qcdc.outbox.oldest.pending.age.seconds").gauge(), "oldest pending age gauge");

        // an admin re-queues it: it is tried again (and, still too large, parked again), the others keep flowing
        assertTrue(parked.requeue(p.seq()));
        assertFalse(parked.list(10).stream().anyMatch(e -> e.seq() == p.seq()), "back in line");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> parked.list(10).stream().anyMatch(e -> e.seq() == p.seq()));
        QuarkusTransaction.requiringNew().run(() -> em
                .createNativeQuery("DELETE FROM outbox_event WHERE seq = ?1")
                .setParameter(1, p.seq()).executeUpdate()); // out of the way of other tests' health checks
    }
}
