package vn.qcdc.backbone.outbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.RetriableException;
import org.jboss.logging.Logger;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import vn.qcdc.backbone.EventsConfig;
import vn.qcdc.backbone.KafkaClients;

/**
 * Publishes outbox rows to Kafka as CloudEvents (binary mode: {@code ce_*} headers, JSON data), in order, and moves
 * them to {@code outbox_sent} (kept for the retention, then purged) once sent. One relay at a time per database: each pass holds a transaction-scoped advisory lock, so replicas never
 * publish the same row at once.
 *
 * <p>
 * Order per aggregate: a row is marked sent (moved out of {@code outbox_event}) only after the broker acknowledged it and every row before it
 * (acks=all). When a pass fails (broker away, a row refused), the relay <em>discards its producer</em> before the next
 * pass, which aborts whatever that producer still held: the next pass resends from the first unacknowledged row with a
 * new producer, and no record of the old generation can reach the broker after it. Duplicates are thus bounded to
 * rows that were in flight, consumers drop them by event id, and an event that still arrives after a newer one of the
 * same aggregate is recognised by its version ({@link Outbox#VERSION_EXTENSION}) and ignored.
 *
 * <p>
 * A row the broker refuses for a reason other than an outage (a non-retriable Kafka error: too large, invalid) is
 * tried {@code max-attempts} times, then parked ({@code parked_at}, with the reason): the rows behind it flow again,
 * the health check and the {@code qcdc_outbox_parked} gauge name it, and an admin re-queues it.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock key of the relay ("QCDC" + 1): all replicas of a service contend for it. */
    static final long LOCK_KEY = 0x5143444301L;
    /** Rows read, sent and taken out of the outbox at a time within a pass (a pass is one transaction). */
    static final int CHUNK = 250;

    @Inject
    EntityManager em;

    @Inject
    EventsConfig config;

    @Inject
    KafkaClients kafka;

    @Inject
    MeterRegistry registry;

    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private volatile boolean brokerDown;
    private Thread thread;
    private Counter published;
    private Counter passesWithEvents;
    private Counter failures;
    private Counter parked;
    private long passes;

    /** What one pass did. */
    record PassResult(int published, boolean failed) {
    }

    void start(@Observes StartupEvent ev) {
        published = registry.counter("qcdc.outbox.published");
        passesWithEvents = registry.counter("qcdc.outbox.passes");
        failures = registry.counter("qcdc.outbox.publish.failures");
        parked = registry.counter("qcdc.outbox.parkings");
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
                    // after a failure, wait: new events waking the relay do not make the broker come back sooner
                    Thread.sleep(backoffMs);
                    wake.drainPermits();
                }
                PassResult result = relay();
                if (result.failed()) {
                    backoffMs = Math.min(Math.max(backoffMs * 2, 250), 5_000);
                    continue;
                }
                backoffMs = 0;
                if (result.published() < config.relay().batchSize()) {
                    boolean woken = wake.tryAcquire(config.relay().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    long linger = config.relay().linger().toMillis();
                    if (woken && linger > 0 && running) {
                        // a commit woke the relay: the commits right behind it go out in the same pass
                        Thread.sleep(linger);
                    }
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Database unavailable, most likely: nothing is lost, the rows wait in the outbox.
                kafka.discardRelayProducer();
                backoffMs = Math.min(Math.max(backoffMs * 2, 500), 15_000);
                LOG.warnf("Outbox relay pass failed (retrying in %d ms): %s", backoffMs, e.getMessage());
            }
        }
    }

    /**
     * One pass: publishes up to a batch of pending events. Returns how many were published (0 when another replica
     * holds the relay lock or nothing is pending).
     */
    public int relayOnce() {
        return relay().published();
    }

    PassResult relay() {
        PassResult result;
        try {
            result = QuarkusTransaction.requiringNew().timeout((int) config.relay().sendTimeout().toSeconds() + 30)
                    .call(this::pass);
        } catch (RuntimeException e) {
            kafka.discardRelayProducer();
            throw e;
        }
        if (result.failed()) {
            // Before anything is resent, make sure nothing of this pass can still reach the broker.
            kafka.discardRelayProducer();
        }
        if (result.published() > 0) {
            passesWithEvents.increment(); // events per pass: qcdc_outbox_published_total / qcdc_outbox_passes_total
        }
        return result;
    }

    private PassResult pass() {
        Boolean locked = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, LOCK_KEY).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return new PassResult(0, false);
        }
        if (++passes % 600 == 0) {
            purgeExpired();
        }
        int limit = config.relay().batchSize();
        int chunk = Math.min(limit, CHUNK);
        long deadline = System.nanoTime() + config.relay().sendTimeout().toNanos();
        KafkaProducer<String, byte[]> producer = null;
        ArrayDeque<Chunk> inFlight = new ArrayDeque<>();
        long after = Long.MIN_VALUE;
        int selected = 0;
        boolean exhausted = false;
        int done = 0;
        Throwable failure = null;
        Object[] failedRow = null;
        while (true) {
            // Keep two chunks in flight: the broker acknowledges one while the database reads the next or takes the
            // previous out of the outbox. A chunk is taken out only once it and every chunk before it are acknowledged.
            while (!exhausted && inFlight.size() < 2 && selected < limit
                    && (inFlight.isEmpty() || inFlight.peekLast().sendFailure == null)) {
                int want = Math.min(chunk, limit - selected);
                List<Object[]> rows = pending(after, want);
                exhausted = rows.size() < want;
                if (rows.isEmpty()) {
                    break;
                }
                selected += rows.size();
                after = seq(rows.get(rows.size() - 1));
                if (producer == null) {
                    producer = kafka.relayProducer();
                }
                inFlight.add(send(producer, rows));
            }
            Chunk c = inFlight.poll();
            if (c == null) {
                break;
            }
            List<Long> acked = new ArrayList<>(c.rows.size());
            Throwable f = c.sendFailure;
            for (int i = 0; i < c.acks.size(); i++) {
                try {
                    c.acks.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    acked.add(seq(c.rows.get(i)));
                } catch (ExecutionException e) {
                    f = e.getCause();
                } catch (java.util.concurrent.TimeoutException e) {
                    f = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    f = e;
                }
                if (acked.size() <= i) {
                    break; // keep order: nothing after the first unacknowledged event is marked
                }
            }
            markSent(acked);
            done += acked.size();
            if (f != null) {
                failure = f;
                failedRow = c.rows.get(acked.size());
                break;
            }
        }
        if (failure == null) {
            if (brokerDown && done > 0) {
                LOG.info("Kafka is reachable again; the outbox is being drained");
                brokerDown = false;
            }
            return new PassResult(done, false);
        }
        recordFailure(failedRow, failure);
        return new PassResult(done, true);
    }

    /** Rows sent to the producer, their acknowledgements, and the error that stopped sending the rest, if any. */
    private record Chunk(List<Object[]> rows, List<Future<RecordMetadata>> acks, RuntimeException sendFailure) {
    }

    /** Up to {@code limit} rows waiting to be sent, after {@code after} in outbox order. */
    @SuppressWarnings("unchecked")
    private List<Object[]> pending(long after, int limit) {
        return em.createNativeQuery("SELECT seq, event_id, topic, record_key, type, source, subject, occurred_at,"
                + " payload, aggregate_version, attempts FROM outbox_event WHERE parked_at IS NULL AND seq > ?2"
                + " ORDER BY seq LIMIT ?1").setParameter(1, limit).setParameter(2, after).getResultList();
    }

    private Chunk send(KafkaProducer<String, byte[]> producer, List<Object[]> rows) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            try {
                acks.add(producer.send(toRecord(row)));
            } catch (RuntimeException e) {
                return new Chunk(rows, acks, e);
            }
        }
        return new Chunk(rows, acks, null);
    }

    /**
     * Sent rows leave the outbox for the retention copy in one statement: a delete writes no index entries, where
     * marking them in place could never be a HOT update (see V0_10_1__outbox_sent.sql).
     */
    private void markSent(List<Long> seqs) {
        if (seqs.isEmpty()) {
            return;
        }
        em.createNativeQuery("WITH moved AS (DELETE FROM outbox_event WHERE seq = ANY(?1) RETURNING seq, event_id,"
                + " topic, record_key, type, source, subject, occurred_at, payload, created_at, attempts, last_error,"
                + " aggregate_version) INSERT INTO outbox_sent (seq, event_id, topic, record_key, type, source,"
                + " subject, occurred_at, payload, created_at, sent_at, attempts, last_error, aggregate_version)"
                + " SELECT seq, event_id, topic, record_key, type, source, subject, occurred_at, payload, created_at,"
                + " now(), attempts + 1, last_error, aggregate_version FROM moved ORDER BY seq")
                .setParameter(1, seqs.toArray(new Long[0])).executeUpdate();
        published.increment(seqs.size());
    }

    /** Notes the failure on the first unacknowledged row; parks it when the broker keeps refusing that very row. */
    private void recordFailure(Object[] row, Throwable failure) {
        long failedSeq = seq(row);
        int attempts = ((Number) row[10]).intValue() + 1;
        boolean refused = isRefusal(failure);
        boolean park = refused && attempts >= config.relay().maxAttempts();
        em.createNativeQuery("UPDATE outbox_event SET attempts = ?1, last_error = ?2,"
                + " parked_at = CASE WHEN ?3 THEN now() END WHERE seq = ?4").setParameter(1, attempts)
                .setParameter(2, rootMessage(failure)).setParameter(3, park).setParameter(4, failedSeq)
                .executeUpdate();
        failures.increment();
        if (park) {
            parked.increment();
            LOG.errorf("Outbox event #%d (%s, key %s) parked after %d refusals: %s. The events behind it flow on;"
                    + " re-queue it once the cause is fixed (POST /api/v1/admin/outbox/%d/requeue).", failedSeq, row[4],
                    row[3], attempts, rootMessage(failure), failedSeq);
        } else if (refused) {
            LOG.warnf("Kafka refused outbox event #%d (attempt %d of %d): %s", failedSeq, attempts,
                    config.relay().maxAttempts(), rootMessage(failure));
        } else {
            if (!brokerDown) {
                LOG.warnf("Kafka did not acknowledge outbox event #%d; events stay in the outbox and will be"
                        + " retried: %s", failedSeq, rootMessage(failure));
            }
            brokerDown = true;
        }
    }

    /**
     * Whether the broker (or the producer) refused this record itself, as opposed to being unreachable: a
     * non-retriable Kafka error, or a record that cannot even be built. An outage (timeouts, network errors,
     * leader changes: Kafka's retriable errors) never parks a row.
     */
    static boolean isRefusal(Throwable failure) {
        if (failure instanceof java.util.concurrent.TimeoutException || failure instanceof InterruptedException) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RetriableException) {
                return false;
            }
        }
        return failure instanceof ApiException || failure instanceof IllegalArgumentException
                || failure instanceof org.apache.kafka.common.errors.SerializationException;
    }

    private static long seq(Object[] row) {
        return ((Number) row[0]).longValue();
    }

    private ProducerRecord<String, byte[]> toRecord(Object[] row) {
        CloudEventBuilder builder = CloudEventBuilder.v1().withId(((UUID) row[1]).toString()).withType((String) row[4])
                .withSource(URI.create((String) row[5])).withSubject((String) row[6])
                .withTime(toOffset(row[7])).withDataContentType("application/json")
                .withData(((String) row[8]).getBytes(StandardCharsets.UTF_8));
        if (row[9] != null) {
            builder.withExtension(Outbox.VERSION_EXTENSION, ((Number) row[9]).longValue());
        }
        CloudEvent event = builder.build();
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

    /**
     * Keeps the outbox and the consumers' message log bounded: deletes sent events and processed event ids older than
     * the retention (both found through a BRIN index on their time). The relay does this every 600 passes while it
     * holds the relay lock; returns how many rows went.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int purgeExpired() {
        double seconds = config.relay().retention().toSeconds();
        return em.createNativeQuery("DELETE FROM outbox_sent WHERE sent_at < now() - make_interval(secs => ?1)")
                .setParameter(1, seconds).executeUpdate()
                + em.createNativeQuery("DELETE FROM processed_event WHERE processed_at < now()"
                        + " - make_interval(secs => ?1)").setParameter(1, seconds).executeUpdate();
    }

    private static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r.getClass().getSimpleName() + ": " + r.getMessage();
    }
}
