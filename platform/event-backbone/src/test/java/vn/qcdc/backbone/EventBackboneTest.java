package vn.qcdc.backbone;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.backbone.consumer.EventConsumer;
import vn.qcdc.backbone.outbox.Outbox;
import vn.qcdc.backbone.outbox.OutboxRelay;
import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.testsupport.KafkaTestConsumer;
import vn.qcdc.testsupport.KafkaTestProducer;
import vn.qcdc.testsupport.RealInfraResource;

/**
 * The event backbone against a real PostgreSQL and a real Kafka broker (a separate broker process that the tests
 * stop and start again).
 */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class EventBackboneTest {

    static final String DLQ = Topics.deadLetterOf("backbone-test");

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    String bootstrap() {
        return RealInfraResource.kafka().bootstrapServers();
    }

    Map<String, String> createProbe(String note) {
        return given().queryParam("note", note).post("/probe").then().statusCode(200).extract().jsonPath()
                .getMap("");
    }

    ConsumerRecord<String, String> awaitEvent(String topic, String eventId, Duration timeout) {
        List<ConsumerRecord<String, String>> records = KafkaTestConsumer.poll(bootstrap(), topic,
                r -> eventId.equals(KafkaTestConsumer.header(r, "ce_id")), timeout);
        return records.stream().filter(r -> eventId.equals(KafkaTestConsumer.header(r, "ce_id"))).findFirst()
                .orElseThrow(() -> new AssertionError("event " + eventId + " not on " + topic));
    }

    long effects(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM probe_effect WHERE event_id = ?1").setParameter(1, eventId)
                .getSingleResult()).longValue());
    }

    /** When the event's outbox row was sent (null while pending); the row must exist. */
    Object sentAt(String eventId) {
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("SELECT sent_at FROM outbox_log WHERE event_id = CAST(?1 AS uuid)")
                .setParameter(1, eventId).getResultList());
        assertEquals(1, rows.size(), "outbox row of " + eventId);
        return rows.get(0);
    }

    @Test
    void eventIsPublishedAfterCommitAsBinaryCloudEventKeyedByAggregate() {
        Map<String, String> created = createProbe("hello");
        ConsumerRecord<String, String> r = awaitEvent(Topics.PROBE.name(), created.get("eventId"),
                Duration.ofSeconds(30));
        assertEquals(created.get("id"), r.key(), "record key = aggregate id");
        assertEquals("1.0", KafkaTestConsumer.header(r, "ce_specversion"));
        assertEquals(EventTypes.PROBE_RECORDED, KafkaTestConsumer.header(r, "ce_type"));
        assertEquals("/qcdc/backbone-test", KafkaTestConsumer.header(r, "ce_source"));
        assertEquals("probe/" + created.get("id"), KafkaTestConsumer.header(r, "ce_subject"));
        assertNotNull(KafkaTestConsumer.header(r, "ce_time"));
        assertEquals("application/json", KafkaTestConsumer.header(r, "content-type"));
        assertTrue(r.value().contains("\"note\":\"hello\""), r.value());
        await().atMost(Duration.ofSeconds(10)).until(() -> sentAt(created.get("eventId")) != null);
        await().atMost(Duration.ofSeconds(20)).until(() -> effects(created.get("eventId")) == 1);
    }

    @Test
    void rolledBackChangePublishesNothing() {
        String marker = "rolled-back-" + UUID.randomUUID();
        given().queryParam("note", marker).queryParam("fail", true).post("/probe").then().statusCode(500);
        long rows = QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM outbox_log WHERE payload LIKE ?1")
                .setParameter(1, "%" + marker + "%").getSingleResult()).longValue());
        assertEquals(0, rows, "the outbox row rolled back with the change");
        // A later event on the same topic is the fence: once it is there, the failed one would have been too.
        Map<String, String> fence = createProbe("fence");
        List<ConsumerRecord<String, String>> all = KafkaTestConsumer.poll(bootstrap(), Topics.PROBE.name(),
                r -> fence.get("eventId").equals(KafkaTestConsumer.header(r, "ce_id")), Duration.ofSeconds(30));
        assertTrue(all.stream().anyMatch(r -> fence.get("eventId").equals(KafkaTestConsumer.header(r, "ce_id"))));
        assertFalse(all.stream().anyMatch(r -> r.value().contains(marker)), "no event of the rolled-back change");
    }

    @Test
    void brokerOutageDelaysEventsButNeverFailsTheRequestOrLosesThem() {
        RealInfraResource.kafka().stop();
        Map<String, String> created;
        try {
            long start = System.nanoTime();
            created = createProbe("during-outage");
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMs < 5_000, "the request does not wait for the broker (took " + tookMs + " ms)");
            assertNull(sentAt(created.get("eventId")), "not sent while the broker is down");
        } finally {
            RealInfraResource.kafka().start();
        }
        awaitEvent(Topics.PROBE.name(), created.get("eventId"), Duration.ofSeconds(90));
        await().atMost(Duration.ofSeconds(30)).until(() -> sentAt(created.get("eventId")) != null);
        await().atMost(Duration.ofSeconds(60)).until(() -> effects(created.get("eventId")) == 1);
    }

    @Test
    void redeliveredEventIsAppliedOnce() {
        String id = UUID.randomUUID().toString();
        Map<String, String> headers = cloudEventHeaders(id, EventTypes.PROBE_RECORDED);
        String body = "{\"probeId\":\"dup\",\"note\":\"duplicate\"}";
        KafkaTestProducer.send(bootstrap(), Topics.PROBE.name(), "dup", body, headers);
        KafkaTestProducer.send(bootstrap(), Topics.PROBE.name(), "dup", body, headers);
        KafkaTestProducer.send(bootstrap(), Topics.PROBE.name(), "dup", body, headers);
        // A fence after the duplicates on the same partition (same key): once applied, all three were read.
        String fenceId = UUID.randomUUID().toString();
        KafkaTestProducer.send(bootstrap(), Topics.PROBE.name(), "dup", "{\"probeId\":\"dup\",\"note\":\"fence\"}",
                cloudEventHeaders(fenceId, EventTypes.PROBE_RECORDED));
        await().atMost(Duration.ofSeconds(30)).until(() -> effects(fenceId) == 1);
        assertEquals(1, effects(id), "three deliveries, one effect");
    }

    @Test
    void poisonMessagesGoToTheDeadLetterTopicWithTheirReasonAndDoNotBlockOthers() {
        String key = "poison-" + UUID.randomUUID();
        KafkaTestProducer.send(bootstrap(), Topics.PROBE.name(), key, "not a cloud event", Map.of());
        String poisonId = UUID.randomUUID().toString();
        KafkaTestProducer.send(bootstrap(), Topics.PROBE.name(), key, "{\"probeId\":\"p\",\"note\":\"poison\"}",
                cloudEventHeaders(poisonId, EventTypes.PROBE_RECORDED));
        String failingId = UUID.randomUUID().toString();
        KafkaTestProducer.send(bootstrap(), Topics.PROBE.name(), key,
                "{\"probeId\":\"p\",\"note\":\"always-fails\"}",
                cloudEventHeaders(failingId, EventTypes.PROBE_RECORDED));
        String fenceId = UUID.randomUUID().toString();
        KafkaTestProducer.send(bootstrap(), Topics.PROBE.name(), key, "{\"probeId\":\"p\",\"note\":\"after\"}",
                cloudEventHeaders(fenceId, EventTypes.PROBE_RECORDED));

        await().atMost(Duration.ofSeconds(60)).until(() -> effects(fenceId) == 1);
        List<ConsumerRecord<String, String>> dead = KafkaTestConsumer.poll(bootstrap(), DLQ,
                r -> failingId.equals(KafkaTestConsumer.header(r, "ce_id")), Duration.ofSeconds(30)).stream()
                .filter(r -> key.equals(r.key())).toList();
        assertEquals(3, dead.size(), "malformed, poison and always-failing records are dead-lettered");
        assertTrue(KafkaTestConsumer.header(dead.get(0), EventConsumer.DLQ_REASON).startsWith("Not a CloudEvent"));
        assertEquals("not a cloud event", dead.get(0).value(), "the original record is kept");
        assertTrue(KafkaTestConsumer.header(dead.get(1), EventConsumer.DLQ_REASON).contains("can never be applied"));
        assertTrue(KafkaTestConsumer.header(dead.get(2), EventConsumer.DLQ_REASON).contains("failed 3 times"));
        assertEquals(0, effects(poisonId));
        assertEquals(0, effects(failingId));
    }

    @Test
    void concurrentRelaysPublishEveryEventExactlyOnce() throws Exception {
        List<String> ids = QuarkusTransaction.requiringNew().call(() -> {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                out.add(outbox.publish(Topics.PROBE, EventTypes.PROBE_RECORDED, "bulk-" + (i % 7), null,
                        Map.of("probeId", "bulk", "note", "bulk-" + i)).toString());
            }
            return out;
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> relays = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                relays.add(pool.submit(() -> {
                    int n = 0;
                    for (int pass = 0; pass < 20; pass++) {
                        n += relay.relayOnce();
                    }
                    return n;
                }));
            }
            for (Future<Integer> f : relays) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        String last = ids.get(ids.size() - 1);
        List<ConsumerRecord<String, String>> records = KafkaTestConsumer.poll(bootstrap(), Topics.PROBE.name(),
                r -> last.equals(KafkaTestConsumer.header(r, "ce_id")), Duration.ofSeconds(60));
        Set<String> wanted = Set.copyOf(ids);
        Map<String, Long> copies = records.stream().map(r -> KafkaTestConsumer.header(r, "ce_id"))
                .filter(wanted::contains).collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertEquals(300, copies.size(), "every event published");
        assertTrue(copies.values().stream().allMatch(c -> c == 1), "none published twice: " + copies);
        // Per aggregate (record key), events arrive in the order they were written.
        Map<String, List<Integer>> order = new HashMap<>();
        records.stream().filter(r -> wanted.contains(KafkaTestConsumer.header(r, "ce_id"))).forEach(r -> order
                .computeIfAbsent(r.key(), k -> new ArrayList<>())
                .add(ids.indexOf(KafkaTestConsumer.header(r, "ce_id"))));
        order.values().forEach(l -> assertEquals(l.stream().sorted().toList(), l));
    }

    static Map<String, String> cloudEventHeaders(String id, String type) {
        Map<String, String> h = new HashMap<>();
        h.put("ce_specversion", "1.0");
        h.put("ce_id", id);
        h.put("ce_type", type);
        h.put("ce_source", "/qcdc/test-producer");
        h.put("content-type", "application/json");
        return h;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
