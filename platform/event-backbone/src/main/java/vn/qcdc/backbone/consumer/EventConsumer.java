package vn.qcdc.backbone.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import vn.qcdc.backbone.DatabaseTrouble;
import vn.qcdc.backbone.EventsConfig;
import vn.qcdc.backbone.KafkaClients;
import vn.qcdc.backbone.outbox.Outbox;
import vn.qcdc.backbone.topics.TopicAdmin;
import vn.qcdc.events.Topics;

/**
 * Reads this service's topics and hands each CloudEvent to the {@link EventHandler}s that want it, one record at a
 * time and in partition order. Offsets are committed only after the effect committed (at least once); the
 * handler's transaction records the event id, so redelivery changes nothing (effectively once).
 *
 * <p>What happens when applying an event fails:
 * <ul>
 * <li>a malformed record or a {@link PoisonEventException}: to the dead-letter topic with the reason, then on;</li>
 * <li>the database is unavailable: the same record is retried with backoff until it is back (delayed, not lost);</li>
 * <li>anything else: retried up to {@code max-attempts}, then dead-lettered with the last error, so one bad event
 * cannot block a partition forever.</li>
 * </ul>
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);
    public static final String DLQ_REASON = "dlq-reason";

    @Inject
    Instance<EventHandler> handlers;

    @Inject
    KafkaClients kafka;

    @Inject
    EventsConfig config;

    @Inject
    ProcessedEvents processed;

    @Inject
    TopicAdmin topics;

    /**
     * Reads event data tolerantly: producers may add fields within a version (event-contracts), so unknown fields
     * are ignored here, unlike in request bodies, where the REST mapper refuses them.
     */
    private ObjectMapper eventMapper;

    @Inject
    void setMapper(ObjectMapper mapper) {
        this.eventMapper = mapper.copy().disable(
                com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Inject
    MeterRegistry registry;

    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private final Map<String, Integer> attempts = new HashMap<>();

    void start(@Observes StartupEvent ev) {
        if (!config.enabled() || handlers.isUnsatisfied()) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "event-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ev) throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(10_000);
        }
    }

    private Set<String> subscribedTopics() {
        Set<String> all = new LinkedHashSet<>();
        handlers.forEach(h -> all.addAll(h.topics()));
        return all;
    }

    private void run() {
        try {
            while (running && !topics.awaitReady(1, TimeUnit.SECONDS)) {
                // the topics must exist before subscribing (auto-create is off)
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        while (running) {
            try (KafkaConsumer<String, byte[]> c = kafka.newConsumer()) {
                consumer = c;
                c.subscribe(List.copyOf(subscribedTopics()));
                LOG.infof("Consuming %s as group %s", subscribedTopics(), config.consumerGroup());
                while (running) {
                    ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                    for (TopicPartition tp : records.partitions()) {
                        processPartition(c, tp, records.records(tp));
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Event consumer restarts after: %s", e.getMessage());
                sleep(2_000);
            }
        }
    }

    /**
     * Applies a partition's records in order and commits the offset once for the batch: the effects are already
     * committed and recorded as processed, so a crash before the commit only means those records are read again and
     * skipped. The records are first applied together in one transaction (one commit for the batch, which is what
     * keeps up with a steady stream); if anything in it fails, it rolls back whole and the records are applied one
     * per transaction, where a poison record is dead-lettered alone and an outage waits.
     */
    private void processPartition(KafkaConsumer<String, byte[]> c, TopicPartition tp,
            List<ConsumerRecord<String, byte[]>> records) {
        if (records.size() > 1 && applyTogether(records)) {
            c.commitSync(Map.of(tp, new OffsetAndMetadata(records.get(records.size() - 1).offset() + 1)));
            return;
        }
        long next = -1;
        try {
            for (ConsumerRecord<String, byte[]> record : records) {
                long backoff = process(record);
                if (backoff > 0) {
                    // Not done: read this record again after a pause; later records of the partition wait behind it.
                    c.seek(tp, record.offset());
                    sleep(backoff);
                    return;
                }
                next = record.offset() + 1;
            }
        } finally {
            if (next >= 0) {
                c.commitSync(Map.of(tp, new OffsetAndMetadata(next)));
            }
        }
    }

    /** All records in one transaction; false (and nothing applied) if any of them cannot be applied that way. */
    private boolean applyTogether(List<ConsumerRecord<String, byte[]>> records) {
        List<IncomingEvent> events = new java.util.ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                CloudEvent event = KafkaMessageFactory.createReader(record).toEvent();
                events.add(incoming(record, event, version(event)));
            } catch (RuntimeException e) {
                return false; // malformed: the one-by-one path dead-letters it
            }
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                for (IncomingEvent incoming : events) {
                    for (EventHandler handler : handlers) {
                        if (handler.topics().contains(incoming.topic()) && handler.accepts(incoming.type())) {
                            apply(handler, incoming);
                        }
                    }
                }
            });
            return true;
        } catch (RuntimeException e) {
            LOG.infof("%d records of %s-%d could not be applied together (%s); applying them one at a time",
                    records.size(), records.get(0).topic(), records.get(0).partition(), e.toString());
            return false;
        }
    }

    private void apply(EventHandler handler, IncomingEvent incoming) {
        if (processed.markIfNew(handler.name(), incoming.source(), incoming.id(), incoming.type())
                && isCurrent(handler, incoming)) {
            try {
                handler.handle(incoming);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new HandlerFailure(e);
            }
        }
    }

    private IncomingEvent incoming(ConsumerRecord<String, byte[]> record, CloudEvent event, Long version) {
        return new IncomingEvent(event.getId(), event.getSource().toString(), event.getType(), event.getSubject(),
                event.getTime(), record.key(), version,
                event.getData() == null ? new byte[0] : event.getData().toBytes(),
                record.topic(), record.partition(), record.offset(), eventMapper);
    }

    /** Applies one record; returns 0 when done with it (applied, skipped or dead-lettered), else a backoff in ms. */
    long process(ConsumerRecord<String, byte[]> record) {
        String position = record.topic() + "-" + record.partition() + "@" + record.offset();
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            return deadLetter(record, "Not a CloudEvent: " + e.getMessage());
        }
        Long version;
        try {
            version = version(event);
        } catch (NumberFormatException e) {
            return deadLetter(record, "Invalid " + Outbox.VERSION_EXTENSION + ": " + e.getMessage());
        }
        IncomingEvent incoming = incoming(record, event, version);
        for (EventHandler handler : handlers) {
            if (!handler.topics().contains(record.topic()) || !handler.accepts(incoming.type())) {
                continue;
            }
            try {
                QuarkusTransaction.requiringNew().run(() -> apply(handler, incoming));
            } catch (RuntimeException e) {
                Throwable cause = e instanceof HandlerFailure ? e.getCause() : e;
                if (isPoison(cause)) {
                    registry.counter("qcdc.events.poison", "handler", handler.name()).increment();
                    return deadLetter(record, handler.name() + ": " + cause.getMessage());
                }
                if (DatabaseTrouble.isTransient(cause)) {
                    LOG.warnf("Database unavailable while applying %s (%s); retrying", incoming.type(), position);
                    return config.consumer().maxBackoff().toMillis() / 4;
                }
                int n = attempts.merge(position, 1, Integer::sum);
                if (n >= config.consumer().maxAttempts()) {
                    attempts.remove(position);
                    LOG.errorf(cause, "Giving up on %s (%s) after %d attempts", incoming.type(), position, n);
                    return deadLetter(record, handler.name() + " failed " + n + " times: " + cause);
                }
                long backoff = Math.min(config.consumer().maxBackoff().toMillis(),
                        config.consumer().initialBackoff().toMillis() << Math.min(n - 1, 16));
                LOG.warnf("Applying %s (%s) failed, attempt %d, retry in %d ms: %s", incoming.type(), position, n,
                        backoff, cause.toString());
                return backoff;
            }
        }
        attempts.remove(position);
        return 0;
    }

    /**
     * Whether the event is newer than what this handler already applied for its aggregate (and records it as the
     * newest). An event without a version, or without a key, is always applied (idempotency by id still holds).
     */
    private boolean isCurrent(EventHandler handler, IncomingEvent e) {
        if (e.version() == null || e.key() == null) {
            return true;
        }
        if (processed.advanceIfNewer(handler.name(), e.source(), e.key(), e.version())) {
            return true;
        }
        registry.counter("qcdc.events.stale", "handler", handler.name()).increment();
        LOG.infof("Stale %s for %s (version %d, a newer one was applied): ignored", e.type(), e.key(), e.version());
        return false;
    }

    static Long version(CloudEvent event) {
        Object v = event.getExtension(Outbox.VERSION_EXTENSION);
        if (v == null) {
            return null;
        }
        return v instanceof Number n ? n.longValue() : Long.parseLong(v.toString().trim());
    }

    /** Sends the record, unchanged, to this service's dead-letter topic with why; 0 once the broker has it. */
    private long deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        String dlq = Topics.deadLetterOf(config.consumerGroup());
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(dlq, null, record.key(), record.value());
        for (Header h : record.headers()) {
            out.headers().add(h);
        }
        out.headers().add(DLQ_REASON, bytes(reason));
        out.headers().add("dlq-original-topic", bytes(record.topic()));
        out.headers().add("dlq-original-partition", bytes(String.valueOf(record.partition())));
        out.headers().add("dlq-original-offset", bytes(String.valueOf(record.offset())));
        out.headers().add("dlq-consumer-group", bytes(config.consumerGroup()));
        try {
            kafka.producer().send(out).get(config.relay().sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            LOG.warnf("Dead-lettered %s-%d@%d to %s: %s", record.topic(), record.partition(), record.offset(), dlq,
                    reason);
            registry.counter("qcdc.events.dead-lettered").increment();
            return 0;
        } catch (Exception e) {
            LOG.warnf("Cannot dead-letter yet (%s); the record will be read again", e.getMessage());
            return 5_000;
        }
    }

    private static byte[] bytes(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }

    static boolean isPoison(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof PoisonEventException) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Carries a checked exception of a handler out of the transaction lambda. */
    static final class HandlerFailure extends RuntimeException {
        HandlerFailure(Exception cause) {
            super(cause);
        }
    }

    /** For tests and diagnostics: the handlers this consumer dispatches to. */
    public List<String> handlerNames() {
        List<String> names = new ArrayList<>();
        handlers.forEach(h -> names.add(h.name()));
        return names;
    }
}
