package vn.qcdc.backbone.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import vn.qcdc.backbone.KafkaClients;
import vn.qcdc.backbone.outbox.Outbox;
import vn.qcdc.backbone.outbox.OutboxRelay;
import vn.qcdc.testsupport.RealInfraResource;

/**
 * How fast the relay drains a backlog of outbox rows, next to Kafka's own producer benchmark
 * ({@code org.apache.kafka.tools.ProducerPerformance}, {@code kafka-producer-perf-test}) on the same broker with
 * {@code acks=all}, idempotence and the same record size. Off by default; run with {@code bench/relay/run.sh}.
 *
 * <p>
 * Each round: ProducerPerformance sends N records to a topic of its own (a child JVM on this test's class path); then N
 * rows are written into the outbox by one SQL statement and timed while the relay drains them, pass after pass, as
 * its loop does when every pass is full. The relay's own thread is off in this profile, so only the timed passes run.
 * Rounds alternate so that the machine's other load falls on both sides alike.
 */
@QuarkusTest
@TestProfile(RelayBenchmark.RelayThreadOff.class)
@QuarkusTestResource(RealInfraResource.class)
@EnabledIfSystemProperty(named = "qcdc.bench", matches = "true")
class RelayBenchmark {

    /** The relay loop and consumers stay off: the benchmark calls the relay's passes itself. */
    public static class RelayThreadOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("qcdc.events.enabled", "false");
        }
    }

    static final String RELAY_TOPIC = "qcdc.bench.relay.v1";
    static final String PERF_TOPIC = "qcdc.bench.perf.v1";
    static final int PARTITIONS = 6;
    static final int KEYS = 1_000;
    /** A payload the size of a typical event of the suite (a model or recommendation snapshot), as JSON. */
    static final int PAYLOAD_CHARS = 420;

    @Inject
    EntityManager em;

    @Inject
    OutboxRelay relay;

    @Inject
    KafkaClients kafka;

    @Inject
    DataSource dataSource;

    @Test
    void relayDrainNextToProducerPerformance() throws Exception {
        int rows = Integer.getInteger("qcdc.bench.rows", 50_000);
        int rounds = Integer.getInteger("qcdc.bench.rounds", 3);
        String bootstrap = RealInfraResource.kafka().bootstrapServers();
        Set<String> existing = kafka.admin().listTopics().names().get();
        List<NewTopic> topics = new ArrayList<>();
        for (String t : List.of(RELAY_TOPIC, PERF_TOPIC)) {
            if (!existing.contains(t)) {
                topics.add(new NewTopic(t, PARTITIONS, (short) 1));
            }
        }
        kafka.admin().createTopics(topics).all().get();
        int recordSize = recordSize();

        StringBuilder out = new StringBuilder();
        out.append("Run ").append(OffsetDateTime.now()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ").append(System.getProperty("java.version")).append(", load average before: ")
                .append(loadAverage()).append("\n\n");
        out.append(String.format(Locale.ROOT, "%,d rows per drain, record size %d bytes (key + value + headers),"
                + " relay batch %s, %d partitions, %d keys%n%n", rows, recordSize,
                System.getProperty("qcdc.events.relay.batch-size", "default"), PARTITIONS, KEYS));
        out.append("| round | relay events/s | ProducerPerformance records/s (acks=all, idempotent) | ratio |"
                + " ProducerPerformance, relay's producer settings (linger 5 ms, lz4) | ratio |\n");
        out.append("|---|---|---|---|---|---|\n");
        double sumRelay = 0;
        double sumPerf = 0;
        double sumTuned = 0;
        for (int round = 1; round <= rounds; round++) {
            double perf = producerPerformance(bootstrap, rows, recordSize, List.of());
            double tuned = producerPerformance(bootstrap, rows, recordSize,
                    List.of("linger.ms=5", "compression.type=lz4"));
            double drained = drain(rows);
            sumRelay += drained;
            sumPerf += perf;
            sumTuned += tuned;
            out.append(String.format(Locale.ROOT, "| %d | %,.0f | %,.0f | %.2f | %,.0f | %.2f |%n", round, drained,
                    perf, drained / perf, tuned, drained / tuned));
            System.out.printf(Locale.ROOT, "[bench] round %d: relay %,.0f/s, ProducerPerformance %,.0f/s (%,.0f/s"
                    + " with linger and lz4)%n", round, drained, perf, tuned);
        }
        out.append(String.format(Locale.ROOT, "| mean | %,.0f | %,.0f | %.2f | %,.0f | %.2f |%n", sumRelay / rounds,
                sumPerf / rounds, sumRelay / sumPerf, sumTuned / rounds, sumRelay / sumTuned));
        out.append("\nOutbox tables after the rounds (with indexes): ").append(sizes()).append('\n');
        // What autovacuum leaves: space of deleted rows and dead row versions is free for reuse (and trailing empty
        // pages are given back).
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("VACUUM outbox_event");
            if (sizes().contains("outbox_sent")) {
                st.execute("VACUUM outbox_sent");
            }
        }
        out.append("\nAfter VACUUM: ").append(sizes()).append('\n');
        out.append("\n\nLoad average after: ").append(loadAverage()).append('\n');
        System.out.println(out);
        String file = System.getProperty("qcdc.bench.out");
        if (file != null) {
            Files.writeString(Path.of(file), out.toString());
        }
    }

    /** Fills the outbox with {@code rows} events and returns how many per second the relay's passes publish. */
    private double drain(int rows) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                INSERT INTO outbox_event (event_id, topic, record_key, type, source, subject, occurred_at, payload,
                    aggregate_version)
                SELECT gen_random_uuid(), :topic, 'agg-' || (g % :keys), 'vn.qcdc.bench.recorded.v1', '/qcdc/bench',
                    'bench/agg-' || (g % :keys), now(),
                    CAST(json_build_object('id', gen_random_uuid(), 'note', repeat('x', :pad), 'n', g) AS text),
                    g / :keys + 1
                FROM generate_series(0, :rows - 1) AS g
                """).setParameter("topic", RELAY_TOPIC).setParameter("keys", KEYS)
                .setParameter("pad", PAYLOAD_CHARS - 60).setParameter("rows", rows).executeUpdate());
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("ANALYZE outbox_event").executeUpdate());
        long t0 = System.nanoTime();
        int published = 0;
        while (published < rows) {
            int n = relay.relayOnce();
            assertTrue(n > 0, "the relay stopped after " + published + " of " + rows + " events");
            published += n;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(rows, published);
        return rows / seconds;
    }

    /** The bytes of one record as the relay sends it: key, value and the CloudEvents headers. */
    private static int recordSize() {
        // as PostgreSQL's json_build_object writes it in drain()
        String payload = "{\"id\" : \"" + UUID.randomUUID() + "\", \"note\" : \"" + "x".repeat(PAYLOAD_CHARS - 60)
                + "\", \"n\" : 25000}";
        var event = CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withType("vn.qcdc.bench.recorded.v1")
                .withSource(URI.create("/qcdc/bench")).withSubject("bench/agg-500").withTime(OffsetDateTime.now())
                .withDataContentType("application/json").withData(payload.getBytes(StandardCharsets.UTF_8))
                .withExtension(Outbox.VERSION_EXTENSION, 26L).build();
        ProducerRecord<String, byte[]> r = KafkaMessageFactory.createWriter(RELAY_TOPIC, "agg-500").writeBinary(event);
        int size = r.key().getBytes(StandardCharsets.UTF_8).length + r.value().length;
        for (Header h : r.headers()) {
            size += h.key().getBytes(StandardCharsets.UTF_8).length + h.value().length;
        }
        return size;
    }

    /**
     * Runs Kafka's ProducerPerformance in a child JVM and returns its records/s: acks=all, idempotence on, Kafka's
     * producer defaults otherwise, plus {@code extraProps}.
     */
    private static double producerPerformance(String bootstrap, int records, int recordSize, List<String> extraProps)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path") + java.io.File.pathSeparator + kafkaTools(),
                "org.apache.kafka.tools.ProducerPerformance",
                "--topic", PERF_TOPIC, "--num-records", String.valueOf(records), "--record-size",
                String.valueOf(recordSize), "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrap,
                "acks=all", "enable.idempotence=true"));
        cmd.addAll(extraProps);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String last = null;
        Pattern summary = Pattern.compile("^(\\d+) records sent, ([0-9.]+) records/sec");
        StringBuilder all = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null;) {
                all.append(line).append('\n');
                if (summary.matcher(line).find()) {
                    last = line;
                }
            }
        }
        assertEquals(0, p.waitFor(), all::toString);
        assertTrue(last != null, all::toString);
        Matcher m = summary.matcher(last);
        assertTrue(m.find());
        assertEquals(records, Integer.parseInt(m.group(1)), last);
        return Double.parseDouble(m.group(2));
    }

    private String sizes() {
        StringBuilder b = new StringBuilder();
        for (String table : List.of("outbox_event", "outbox_sent")) {
            QuarkusTransaction.requiringNew().run(() -> {
                Object size = em.createNativeQuery("SELECT pg_total_relation_size(to_regclass(?1))")
                        .setParameter(1, table).getSingleResult();
                if (size != null) {
                    long rows = ((Number) em.createNativeQuery("SELECT count(*) FROM " + table).getSingleResult())
                            .longValue();
                    b.append(String.format(Locale.ROOT, "%s %.1f MB, %,d rows; ", table,
                            ((Number) size).longValue() / 1e6, rows));
                }
            });
        }
        return b.toString().trim();
    }

    /** The kafka-tools jar (ProducerPerformance), which run.sh fetches; the rest is on the broker's class path. */
    private static String kafkaTools() {
        String jar = System.getProperty("qcdc.bench.kafka-tools");
        assertTrue(jar != null && Files.isRegularFile(Path.of(jar)), "-Dqcdc.bench.kafka-tools=<kafka-tools jar>"
                + " (bench/relay/run.sh sets it): " + jar);
        return jar;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
