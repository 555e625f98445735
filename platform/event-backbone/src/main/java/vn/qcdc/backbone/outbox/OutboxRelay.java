package vn.qcdc.backbone.outbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import vn.qcdc.backbone.EventsConfig;
import vn.qcdc.backbone.KafkaClients;

/**
 * Publishes outbox rows to Kafka as CloudEvents (binary mode: {@code ce_*} headers, JSON data), in order, and marks
 * them sent. One relay at a time per database: each pass holds a transaction-scoped advisory lock, so replicas never
 * publish the same row at once and one aggregate's events keep their order. A row is marked sent only after the
 * broker acknowledged it (acks=all); after a failure the rest of the batch waits for the next pass, so a broker
 * outage only delays events. Consumers dedupe by event id, which covers the rare resend after a crash.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock key of the relay ("QCDC" + 1): all replicas of a service contend for it. */
    static final long LOCK_KEY = 0x5143444301L;

    @Inject
    EntityManager em;

    @Inject
    EventsConfig config;

    @Inject
    KafkaClients kafka;

    @Inject
    MeterRegistry registry;

    private final Semaphore wake = new Semaphore(0);
    private final AtomicLong pending = new AtomicLong();
    private volatile boolean running;
    private volatile boolean brokerDown;
    private Thread thread;
    private Counter published;
    private Counter failures;
    private long passes;

    void start(@Observes StartupEvent ev) {
        published = registry.counter("qcdc.outbox.published");
        failures = registry.counter("qcdc.outbox.publish.failures");
        Gauge.builder("qcdc.outbox.pending", pending, AtomicLong::get).register(registry);
        if (!config.enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ev) throws InterruptedException {
        running = false;
        wake.release();
        if (thread != null) {
            thread.join(config.relay().sendTimeout().toMillis() + 5_000);
        }
    }

    /** Asks the relay to look at the outbox now (called after a transaction that wrote events commits). */
    public void wakeUp() {
        wake.release();
    }

    private void loop() {
        long backoffMs = 0;
        while (running) {
            try {
                if (backoffMs > 0) {
                    wake.tryAcquire(backoffMs, TimeUnit.MILLISECONDS);
                }
                int sent = relayOnce();
                backoffMs = 0;
                if (sent < config.relay().batchSize()) {
                    wake.tryAcquire(config.relay().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Database unavailable, most likely: nothing is lost, the rows wait in the outbox.
                backoffMs = Math.min(Math.max(backoffMs * 2, 500), 15_000);
                LOG.warnf("Outbox relay pass failed (retrying in %d ms): %s", backoffMs, e.getMessage());
            }
        }
    }

    /**
     * One pass: publishes up to a batch of pending events. Returns how many were published, or 0 when another
     * replica holds the relay lock or the broker is unreachable.
     */
    public int relayOnce() {
        return QuarkusTransaction.requiringNew().timeout((int) config.relay().sendTimeout().toSeconds() + 30)
                .call(this::pass);
    }

    private int pass() {
        Boolean locked = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, LOCK_KEY).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        if (++passes % 600 == 0) {
            purgeSent();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT seq, event_id, topic, record_key, type, source, subject,"
                + " occurred_at, payload FROM outbox_event WHERE sent_at IS NULL ORDER BY seq LIMIT ?1")
                .setParameter(1, config.relay().batchSize()).getResultList();
        if (rows.isEmpty()) {
            pending.set(0);
            return 0;
        }
        KafkaProducer<String, byte[]> producer = kafka.producer();
        List<Long> seqs = new ArrayList<>(rows.size());
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        Exception failure = null;
        for (Object[] row : rows) {
            try {
                acks.add(producer.send(toRecord(row)));
                seqs.add(((Number) row[0]).longValue());
            } catch (RuntimeException e) {
                failure = e;
                break;
            }
        }
        List<Long> done = new ArrayList<>(seqs.size());
        long deadline = System.nanoTime() + config.relay().sendTimeout().toNanos();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                done.add(seqs.get(i));
            } catch (Exception e) {
                failure = e;
                break; // keep order: nothing after the first unacknowledged event is marked
            }
        }
        if (!done.isEmpty()) {
            em.createNativeQuery("UPDATE outbox_event SET sent_at = now(), attempts = attempts + 1"
                    + " WHERE seq = ANY(?1)").setParameter(1, done.toArray(new Long[0])).executeUpdate();
            published.increment(done.size());
        }
        if (failure != null) {
            long failedSeq = ((Number) rows.get(done.size())[0]).longValue();
            em.createNativeQuery("UPDATE outbox_event SET attempts = attempts + 1, last_error = ?1 WHERE seq = ?2")
                    .setParameter(1, String.valueOf(rootMessage(failure))).setParameter(2, failedSeq)
                    .executeUpdate();
            failures.increment();
            if (!brokerDown) {
                LOG.warnf("Kafka did not acknowledge outbox event #%d; events stay in the outbox and will be"
                        + " retried: %s", failedSeq, rootMessage(failure));
            }
            brokerDown = true;
        } else if (brokerDown) {
            LOG.info("Kafka is reachable again; the outbox is being drained");
            brokerDown = false;
        }
        pending.set(((Number) em.createNativeQuery("SELECT count(*) FROM outbox_event WHERE sent_at IS NULL")
                .getSingleResult()).longValue());
        return done.size();
    }

    private ProducerRecord<String, byte[]> toRecord(Object[] row) {
        CloudEvent event = CloudEventBuilder.v1().withId(((UUID) row[1]).toString()).withType((String) row[4])
                .withSource(URI.create((String) row[5])).withSubject((String) row[6])
                .withTime(toOffset(row[7])).withDataContentType("application/json")
                .withData(((String) row[8]).getBytes(StandardCharsets.UTF_8)).build();
        return KafkaMessageFactory.createWriter((String) row[2], (String) row[3]).writeBinary(event);
    }

    private static OffsetDateTime toOffset(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt;
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(value.toString());
    }

    private void purgeSent() {
        long seconds = config.relay().retention().toSeconds();
        em.createNativeQuery("DELETE FROM outbox_event WHERE sent_at < now() - make_interval(secs => ?1)")
                .setParameter(1, (double) seconds).executeUpdate();
    }

    private static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r.getClass().getSimpleName() + ": " + r.getMessage();
    }
}
