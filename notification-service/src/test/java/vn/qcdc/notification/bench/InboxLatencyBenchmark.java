package vn.qcdc.notification.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.notification.Events;
import vn.qcdc.notification.contact.ContactFixtures;

/**
 * Benchmark (not a test; runs only with {@code -Dqcdc.bench=true}): event-to-inbox latency at a steady rate. Model
 * proposals ({@code model.status-changed.v1}, to PROPOSED) are produced to the real broker at
 * {@code qcdc.bench.rate} events/s (default 100) for {@code qcdc.bench.seconds} (default 30); each becomes an inbox
 * entry of the steering committee. Latency = first time a poller (every 20 ms) sees the inbox entry − the moment the
 * event was handed to the producer. The delivery worker's interval ({@code qcdc.deliveries.interval}) bounds it.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "qcdc.bench", matches = "true")
class InboxLatencyBenchmark {

    @Inject
    EntityManager em;

    @Test
    void eventToInboxLatency() throws Exception {
        int rate = Integer.getInteger("qcdc.bench.rate", 100);
        int seconds = Integer.getInteger("qcdc.bench.seconds", 30);
        String user = "bench-latency-" + UUID.randomUUID().toString().substring(0, 8);
        ContactFixtures.create(ContactFixtures.contact("STEERING_COMMITTEE", "03124",
                "Ban Chỉ đạo minh họa (benchmark)", null, null, user));
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> seenAt = new ConcurrentHashMap<>();
        int total = rate * seconds;
        Thread poller = new Thread(() -> {
            while (seenAt.size() < total && !Thread.currentThread().isInterrupted()) {
                @SuppressWarnings("unchecked")
                List<String> ids = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "SELECT d.payload->>'modelId' FROM inbox_item i JOIN delivery d ON d.id = i.delivery_id"
                                + " WHERE i.user_subject = ?1")
                        .setParameter(1, user).getResultList());
                long now = System.nanoTime();
                ids.forEach(id -> seenAt.putIfAbsent(id, now));
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-poller");
        poller.start();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Events.bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0);
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < total; i++) {
                long due = start + (long) (i * (1e9 / rate));
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                UUID model = UUID.randomUUID();
                String json = "{\"model\": {\"modelId\": \"" + model + "\", \"name\": \"Mô hình benchmark " + i
                        + "\", \"unitCode\": \"03124\", \"orgType\": \"WOMENS_UNION\", \"year\": 2021, \"field\":"
                        + " \"Kinh tế\", \"kind\": \"COLLECTIVE\", \"status\": \"PROPOSED\", \"outstanding\": false},"
                        + " \"from\": \"SUBMITTED\", \"to\": \"PROPOSED\", \"reason\": null, \"changedBy\": \"bench\"}";
                ProducerRecord<String, String> r = new ProducerRecord<>(Topics.MODEL.name(), model.toString(), json);
                r.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                        .add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
                        .add("ce_type", EventTypes.MODEL_STATUS_CHANGED.getBytes(StandardCharsets.UTF_8))
                        .add("ce_source", "/qcdc/bench".getBytes(StandardCharsets.UTF_8))
                        .add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
                sentAt.put(model.toString(), System.nanoTime());
                producer.send(r);
            }
        }
        double achieved = total / ((System.nanoTime() - start) / 1e9);
        poller.join(120_000);
        poller.interrupt();
        List<Double> ms = new ArrayList<>();
        sentAt.forEach((id, t) -> {
            Long seen = seenAt.get(id);
            if (seen != null) {
                ms.add((seen - t) / 1e6);
            }
        });
        Collections.sort(ms);
        System.out.printf("%n# notification-service: event-to-inbox latency%n%n%,d events at %d/s (achieved %.1f/s),"
                + " %,d arrived; delivery worker interval %s.%n%n| p50 | p90 | p99 | max |%n|---|---|---|---|%n"
                + "| %.0f ms | %.0f ms | %.0f ms | %.0f ms |%n%n", total, rate, achieved, ms.size(),
                System.getProperty("qcdc.deliveries.interval", "1s (test default)"), pct(ms, 50), pct(ms, 90),
                pct(ms, 99), ms.isEmpty() ? 0 : ms.get(ms.size() - 1));
    }

    static double pct(List<Double> sorted, int p) {
        return sorted.isEmpty()
                ? 0
                : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
