package vn.qcdc.notification.bench;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.notification.Events;
import vn.qcdc.notification.MutableClock;
import vn.qcdc.notification.contact.ContactFixtures;

/**
 * Benchmark (not a test; runs only with {@code -Dqcdc.bench=true}, see {@code bench/notification/}): event-to-inbox
 * latency at a steady rate ({@code qcdc.bench.rate} events/s, default 100, for {@code qcdc.bench.seconds}, default 30),
 * beside Kafka's own end-to-end latency on the same broker at the same rate:
 * <ol>
 * <li>baseline: a plain producer (acks=all) to a plain consumer, the time from send to receipt;</li>
 * <li>model path: a model proposal ({@code model.status-changed.v1} to PROPOSED) until the steering committee's inbox
 * entry exists;</li>
 * <li>a recommendation's first notice: {@code recommendation.issued.v1} whose due-date reminder is due the moment it
 * is planned (the clock stands at 08:00 on the due date) until the addressee's inbox entry exists.</li>
 * </ol>
 * When an inbox entry was written is recorded inside PostgreSQL by a trigger (clock_timestamp(), same machine clock
 * as the sender's), so no poller competes with the service for the CPU; the commit follows within a few ms. No
 * backlog means every event arrived within the run plus 10 s.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "qcdc.bench", matches = "true")
class InboxLatencyBenchmark {

    @Inject
    EntityManager em;

    record Result(String name, int sent, List<Double> ms, double achievedRate) {
    }

    static final String UNIT = "03127";
    static final String NOTICE_BODY = "PEOPLES_INSPECTION_BOARD";
    /** Inbox users of the steering committee (model path) and of the addressed body (first notice). */
    final String steeringUser = "bench-model-" + UUID.randomUUID().toString().substring(0, 8);
    final String noticeUser = "bench-notice-" + UUID.randomUUID().toString().substring(0, 8);
    LocalDate noticeDay;

    @Test
    void eventToInboxLatencyBesideKafka() throws Exception {
        int rate = Integer.getInteger("qcdc.bench.rate", 100);
        int seconds = Integer.getInteger("qcdc.bench.seconds", 30);
        ContactFixtures.create(ContactFixtures.contact("STEERING_COMMITTEE", UNIT,
                "Ban Chỉ đạo minh họa (benchmark)", null, null, steeringUser));
        ContactFixtures.create(ContactFixtures.contact(NOTICE_BODY, UNIT, "Ban Thanh tra nhân dân (benchmark)", null,
                null, noticeUser));
        warmUp(rate);
        List<Result> results = new ArrayList<>();
        results.add(kafkaBaseline(rate, seconds));
        results.add(modelPath(rate, seconds));
        results.add(firstNotice(rate, seconds));
        double base = pct(results.get(0).ms(), 99);
        StringBuilder out = new StringBuilder(String.format("%n# notification-service: event-to-inbox latency%n%n"
                + "%d events/s for %d s each; load average at the end: %s%n%n"
                + "| path | sent | arrived | achieved/s | p50 ms | p99 ms | max ms | p99 / Kafka p99 |%n"
                + "|---|---|---|---|---|---|---|---|%n", rate, seconds, loadAverage()));
        for (Result r : results) {
            out.append(String.format("| %s | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f× |%n", r.name(), r.sent(),
                    r.ms().size(), r.achievedRate(), pct(r.ms(), 50), pct(r.ms(), 99),
                    r.ms().isEmpty() ? 0 : r.ms().get(r.ms().size() - 1), pct(r.ms(), 99) / Math.max(base, 0.001)));
        }
        System.out.println(out);
    }

    /**
     * Each path for a while at the measured rate first, so class loading, JIT compilation and the first pages of the
     * tables are not measured (40 events at 20/s left the first measured path paying for them).
     */
    private void warmUp(int rate) throws Exception {
        modelPath(rate, 5);
        firstNotice(rate, 5);
    }

    private Result kafkaBaseline(int rate, int seconds) throws Exception {
        // the service's own output topic: nothing in the service consumes it, so the baseline adds no work there
        String topic = Topics.NOTIFICATION.name();
        String marker = "baseline-" + UUID.randomUUID();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> seenAt = new ConcurrentHashMap<>();
        int total = rate * seconds;
        Thread reader = new Thread(() -> {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Events.bootstrap(), ConsumerConfig.GROUP_ID_CONFIG,
                    marker, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(),
                    new StringDeserializer())) {
                c.subscribe(List.of(topic));
                long until = System.nanoTime() + (seconds + 30) * 1_000_000_000L;
                while (seenAt.size() < total && System.nanoTime() < until) {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(5))) {
                        if (r.key() != null && r.key().startsWith(marker)) {
                            seenAt.putIfAbsent(r.key(), System.nanoTime());
                        }
                    }
                }
            }
        }, "bench-baseline-reader");
        reader.start();
        Thread.sleep(3_000); // the reader has its partitions
        double achieved = produce(rate, seconds, i -> {
            String key = marker + "-" + i;
            sentAt.put(key, System.nanoTime());
            return new ProducerRecord<>(topic, key, "{}");
        });
        reader.join();
        return new Result("Kafka end to end (baseline)", total, latencies(sentAt, seenAt, 1e6), achieved);
    }

    private Result modelPath(int rate, int seconds) throws Exception {
        String user = steeringUser;
        String unit = UNIT;
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        int total = rate * seconds;
        observe(user);
        double achieved = produce(rate, seconds, i -> {
            UUID model = UUID.randomUUID();
            String json = "{\"model\": {\"modelId\": \"" + model + "\", \"name\": \"Mô hình benchmark " + i
                    + "\", \"unitCode\": \"" + unit + "\", \"orgType\": \"WOMENS_UNION\", \"year\": 2021, \"field\":"
                    + " \"Kinh tế\", \"kind\": \"COLLECTIVE\", \"status\": \"PROPOSED\", \"outstanding\": false},"
                    + " \"from\": \"SUBMITTED\", \"to\": \"PROPOSED\", \"reason\": null, \"changedBy\": \"bench\"}";
            sentAt.put(model.toString(), System.currentTimeMillis());
            return cloudEvent(Topics.MODEL.name(), model.toString(), EventTypes.MODEL_STATUS_CHANGED, json);
        });
        return new Result("model proposal → inbox", total, latencies(sentAt, seen(user, sentAt), 1.0),
                achieved);
    }

    private Result firstNotice(int rate, int seconds) throws Exception {
        // 08:00 on a working day (the clock stands still in tests): a recommendation due that day has its due-date
        // reminder due the moment it is planned. The warm-up and the measured run share the day: moving the clock on
        // would make the warm-up's later steps (overdue, escalation) due in the middle of the measurement.
        if (noticeDay == null) {
            noticeDay = MutableClock.now().toLocalDate().plusWeeks(1).with(TemporalAdjusters.next(DayOfWeek.TUESDAY));
            MutableClock.moveTo(OffsetDateTime.of(noticeDay.atTime(8, 0), MutableClock.now().getOffset()));
        }
        LocalDate day = noticeDay;
        String user = noticeUser;
        String body = NOTICE_BODY;
        String unit = UNIT;
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        int total = rate * seconds;
        observe(user);
        double achieved = produce(rate, seconds, i -> {
            UUID rec = UUID.randomUUID();
            sentAt.put(rec.toString(), System.currentTimeMillis());
            return cloudEvent(Topics.INSPECTION.name(), rec.toString(), EventTypes.RECOMMENDATION_ISSUED,
                    Events.recommendationIssued(rec, unit, body, day, "Kiến nghị benchmark " + i));
        });
        return new Result("recommendation issued → first notice in inbox", total,
                latencies(sentAt, seen(user, sentAt), 1.0), achieved);
    }

    /**
     * Records, inside PostgreSQL, the moment each of {@code user}'s inbox entries is written (clock_timestamp() of the
     * inserting transaction, a few ms before its commit): no poller competes with the service for the two cores.
     */
    private void observe(String user) {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("CREATE TABLE IF NOT EXISTS bench_inbox_seen (user_subject TEXT, item_key TEXT,"
                    + " seen_at TIMESTAMPTZ)").executeUpdate();
            em.createNativeQuery("CREATE OR REPLACE FUNCTION bench_inbox_seen() RETURNS trigger AS $$ BEGIN"
                    + " INSERT INTO bench_inbox_seen SELECT NEW.user_subject, COALESCE(CAST(NEW.recommendation_id AS"
                    + " text), (SELECT d.payload->>'modelId' FROM delivery d WHERE d.id = NEW.delivery_id)),"
                    + " clock_timestamp(); RETURN NEW; END $$ LANGUAGE plpgsql").executeUpdate();
            em.createNativeQuery("DROP TRIGGER IF EXISTS bench_inbox_seen ON inbox_item").executeUpdate();
            em.createNativeQuery("CREATE TRIGGER bench_inbox_seen AFTER INSERT ON inbox_item FOR EACH ROW"
                    + " EXECUTE FUNCTION bench_inbox_seen()").executeUpdate();
        });
    }

    /** Waits until every sent event has its inbox entry (or the run plus 10 s has passed); returns when each was. */
    private Map<String, Long> seen(String user, Map<String, Long> sentAt) throws InterruptedException {
        Map<String, Long> seenAt = new ConcurrentHashMap<>();
        long until = System.currentTimeMillis() + 10_000;
        while (true) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "SELECT item_key, CAST(EXTRACT(EPOCH FROM seen_at) * 1000 AS bigint) FROM bench_inbox_seen"
                            + " WHERE user_subject = ?1")
                    .setParameter(1, user).getResultList());
            rows.forEach(r -> seenAt.putIfAbsent((String) r[0], ((Number) r[1]).longValue()));
            if (seenAt.keySet().containsAll(sentAt.keySet()) || System.currentTimeMillis() > until) {
                return seenAt;
            }
            Thread.sleep(500);
        }
    }

    private static double produce(int rate, int seconds, Function<Integer, ProducerRecord<String, String>> next) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Events.bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0);
        int total = rate * seconds;
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < total; i++) {
                long due = start + (long) (i * (1e9 / rate));
                // Parked, not spinning: a busy-wait took one of the machine's two cores from the service, the broker
                // and PostgreSQL for the whole run (the Kafka baseline, with no work behind it, did not show it).
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                producer.send(next.apply(i));
            }
        }
        return total / ((System.nanoTime() - start) / 1e9);
    }

    private static ProducerRecord<String, String> cloudEvent(String topic, String key, String type, String json) {
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, json);
        r.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                .add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
                .add("ce_type", type.getBytes(StandardCharsets.UTF_8))
                .add("ce_source", "/qcdc/bench".getBytes(StandardCharsets.UTF_8))
                .add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        return r;
    }

    /** Latencies in ms; {@code perMs} is how many clock units make a millisecond (nanoTime 1e6, millis 1). */
    private static List<Double> latencies(Map<String, Long> sentAt, Map<String, Long> seenAt, double perMs) {
        List<Double> ms = new ArrayList<>();
        sentAt.forEach((id, t) -> {
            Long seen = seenAt.get(id);
            if (seen != null) {
                ms.add((seen - t) / perMs);
            }
        });
        Collections.sort(ms);
        return ms;
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }

    static double pct(List<Double> sorted, int p) {
        return sorted.isEmpty()
                ? 0
                : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
